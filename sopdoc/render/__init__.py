"""render stage of sopdoc."""
