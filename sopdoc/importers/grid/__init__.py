"""sopdoc/importers/grid."""
