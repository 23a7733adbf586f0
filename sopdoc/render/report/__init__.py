"""sopdoc/render/report."""
