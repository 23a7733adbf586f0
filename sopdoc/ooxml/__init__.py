"""Low-level OOXML (Office Open XML) plumbing shared by the importers and the renderers: the one
namespace map (:mod:`sopdoc.ooxml.ns`) and the one hardened zip/XML reader and package writer
(:mod:`sopdoc.ooxml.package`). Nothing here knows about SOPs."""
