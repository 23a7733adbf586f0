"""rules stage of sopdoc."""
