"""Register code tables of other stages (loader SOP0xx, import IMPxxx, compliance CMPxxx)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sopdoc.source.codes import READING_CODES
from sopdoc.model.diagnostic import Teks
from sopdoc.validate.registry import CONFLICTS, REGISTRY, register_documented

_CATALOGUE = {"SOP012": "MB-02", "SOP007": "FC-05"}


def register_code_table(table: Mapping[str, Any]) -> None:
    """Register each entry (with ``code``, ``name``, ``severity``, ``doc`` Teks and ``hint``)."""
    for code, entry in table.items():
        if code in REGISTRY:
            continue
        doc: Teks = entry.doc
        try:
            register_documented(code, entry.name, entry.severity, doc, hint=getattr(entry, "hint", None),
                                doc=f"{doc.en}. Reported outside the rule engine.",
                                catalogue=_CATALOGUE.get(code, ""))
        except ValueError as exc:  # another stage's table clashes; keep running, list the clash
            CONFLICTS.append(f"{code}: {exc}")


def register_layout_notes() -> None:
    """The renderer's SOP6xx layout notes (sopdoc.layout.notes)."""
    from sopdoc.layout.notes import NOTES

    for code, (name, severity, message, hint) in NOTES.items():
        if code not in REGISTRY:
            register_documented(code, name, severity, message, hint=hint,
                                doc=f"{message.en}. Reported by `sopdoc render`.",
                                catalogue="FC-12" if code == "SOP605" else "")


def register_compliance_rules() -> None:
    """The execution stage's CMPxxx rules (sopdoc.execution.cmp_rules), documented by docstring."""
    from sopdoc.execution import compliance  # noqa: F401 - registers the rules of every cmp_* module
    from sopdoc.execution.cmp_rules import RULES

    for code, entry in sorted(RULES.items()):
        if code in REGISTRY:
            continue
        first = (entry.fn.__doc__ or entry.slug).strip().splitlines()[0].rstrip(".")
        summary = Teks(entry.slug.replace("-", " ").capitalize(), first)
        register_documented(code, entry.slug, entry.severity, summary, hint=entry.hint,
                            doc=(entry.fn.__doc__ or "").strip() + " Reported by `sopdoc period check`.",
                            catalogue=entry.catalogue)


def register_reading_codes() -> None:
    """The loader's SOP0xx reading and structure codes."""
    register_code_table(READING_CODES)
