"""sopdoc/importers/pdf."""
