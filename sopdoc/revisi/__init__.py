"""Revisions of one SOP: what changed between two versions (``sopdoc diff``).

``align.py`` pairs the steps of two versions by their text and order; ``compare.py`` turns two
:class:`~sopdoc.model.sop.Sop` values into a :class:`~sopdoc.revisi.changes.Revisi` (a list of
:class:`~sopdoc.revisi.changes.Perubahan`); ``output.py`` formats it as text or JSON. Painting a
redline document is the render stage's job (``sopdoc/render/redline.py``).
"""
