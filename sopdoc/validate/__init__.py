"""validate stage of sopdoc."""
