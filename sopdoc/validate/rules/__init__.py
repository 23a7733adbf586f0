"""The rule catalogue, grouped by code range. Importing this package registers every rule.

Other stages register the codes they report themselves (with
:func:`sopdoc.validate.registry.register_documented`) in a module named in ``PLUGIN_MODULES``;
:func:`load_plugins` imports them so that ``sopdoc rules``, SARIF and docs/rules.md list them.
"""

from __future__ import annotations

import importlib

from sopdoc.validate.rules import boxes, chain, damage, flowchart, identity, legal, mutu_baku, sections, signatory, wording, worksheet  # noqa: F401
from sopdoc.validate.rules._external import register_reading_codes

__all__ = ["PLUGIN_MODULES", "load_plugins"]

# Modules that register non-executable codes (IMPxxx import notes, CMPxxx compliance findings).
PLUGIN_MODULES: tuple[str, ...] = ("sopdoc.importers.codes",)

register_reading_codes()
_loaded = False


def load_plugins() -> None:
    """Import the plugin modules (once) and register the code tables they define."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from sopdoc.validate.rules._external import register_code_table, register_compliance_rules, register_layout_notes

    for name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr in ("IMP_CODES", "CMP_CODES"):
            table = getattr(module, attr, None)
            if isinstance(table, dict):
                register_code_table(table)
    register_layout_notes()
    register_compliance_rules()
