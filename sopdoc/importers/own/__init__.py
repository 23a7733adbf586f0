"""sopdoc/importers/own."""
