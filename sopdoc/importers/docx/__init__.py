"""sopdoc/importers/docx."""
