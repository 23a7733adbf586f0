"""execution stage of sopdoc."""
