"""sopdoc/source."""
