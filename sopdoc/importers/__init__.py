"""sopdoc/importers."""
