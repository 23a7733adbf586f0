"""Every code of every stage: the one module that imports each stage's codes module.

Each stage registers its own table in :mod:`sopdoc.codes` when its codes module is imported;
this top-layer module (beside ``sopdoc.config``, below ``sopdoc.cli``) imports them all, so that
``sopdoc rules``, SARIF and ``[check]`` select/ignore/severity know every code.
"""

from __future__ import annotations

from sopdoc.codes import Code, registered_codes
from sopdoc.execution import cmp_rules as _execution  # noqa: F401 - CMPxxx compliance rules
from sopdoc.importers import codes as _importers  # noqa: F401 - IMPxxx import notes
from sopdoc.layout import notes as _layout  # noqa: F401 - SOP6xx layout notes
from sopdoc.source import codes as _source  # noqa: F401 - SOP0xx reading codes
from sopdoc.validate import rules as _validate  # noqa: F401 - SOP1xx–SOP5xx document rules

__all__ = ["all_codes"]


def all_codes() -> list[Code]:
    """Every code of every stage, sorted by code."""
    return registered_codes()
