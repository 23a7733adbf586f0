"""sopdoc/importers/text."""
