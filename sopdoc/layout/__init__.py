"""layout stage of sopdoc."""
