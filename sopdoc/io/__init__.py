"""io stage of sopdoc."""
