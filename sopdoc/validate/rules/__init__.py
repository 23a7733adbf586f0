"""The document rules (SOP1xx–SOP5xx), grouped by code range. Importing this package registers
every rule in :mod:`sopdoc.codes`; :func:`document_rules` lists them for the engine.
"""

from __future__ import annotations

from sopdoc.codes import Code, registered_codes
from sopdoc.validate.rules import (  # noqa: F401
    boxes,
    chain,
    damage,
    flowchart,
    identity,
    legal,
    mutu_baku,
    sections,
    signatory,
    wording,
    worksheet,
)

__all__ = ["document_rules"]


def document_rules() -> list[Code]:
    """The registered document rules (validate stage), sorted by code."""
    return [c for c in registered_codes("validate") if c.func is not None]
