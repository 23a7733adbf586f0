"""Run the document rules over an SOP: collect every finding, stamp code/slug/severity, locate, sort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sopdoc.codes import Code
from sopdoc.model.diagnostic import Diagnostic, Path, Related, Severity
from sopdoc.model.sop import Sop
from sopdoc.validate.context import CheckOptions, RuleContext
from sopdoc.validate.rules import document_rules
from sopdoc.validate.settings import CheckSettings

if TYPE_CHECKING:
    from sopdoc.source.reader import LoadResult

__all__ = ["check", "check_loaded", "path_key"]


def path_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """A sort key for mixed str/int paths."""
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def check(sop: Sop, settings: CheckSettings | None = None, options: CheckOptions | None = None,
          rules: Sequence[Code] | None = None) -> list[Diagnostic]:
    """Every finding of the enabled rules on ``sop``, sorted by path, code and message.

    ``options`` carries the calendar figures (450 working minutes a day by default); ``rules``
    restricts or reorders the rules run (the result does not depend on their order).
    """
    settings = settings or CheckSettings()
    ctx = RuleContext(sop, options or settings.options())
    out: list[Diagnostic] = []
    for rule in rules if rules is not None else document_rules():
        if rule.func is None or not settings.enabled(rule.code):
            continue
        severity = settings.severity_of(rule.code, rule.severity)
        out.extend(rule.report(finding, severity) for finding in rule.func(sop, ctx))
    out.sort(key=lambda d: (path_key(d.path), d.code, d.message.id))
    return out


def _lost_paths(diagnostics: Sequence[Diagnostic]) -> tuple[Path, ...]:
    """Paths an import could not read: those of its IMP warnings and errors that name a field."""
    return tuple(d.path for d in diagnostics
                 if d.code.startswith("IMP") and d.path and d.severity.rank >= Severity.WARNING.rank)


def _under_any(path: Path, prefixes: Sequence[Path]) -> bool:
    return any(path[:len(p)] == p for p in prefixes)


def check_loaded(result: LoadResult, settings: CheckSettings | None = None,
                 options: CheckOptions | None = None) -> tuple[Diagnostic, ...]:
    """The loader's findings and the rules' findings for one LoadResult, located and sorted.

    select/ignore and severity overrides apply to the loader's SOP0xx findings too. A rule's
    finding on a field the import could not read (at or below the path of an IMP warning or
    error: a box not found, a label without value, an unreadable date or time, an actor or
    branch it had to guess) is not the author's defect: the IMP finding already reports that
    place once, so the rule's finding is dropped.
    """
    settings = settings or CheckSettings()
    found: list[Diagnostic] = []
    for d in result.diagnostics:
        if settings.enabled(d.code):
            found.append(d.with_severity(settings.severity_of(d.code, d.severity)))
    lost = _lost_paths(result.diagnostics)
    if result.sop is not None:
        for d in check(result.sop, settings, options):
            if _under_any(d.path, lost):
                continue  # the import could not read it: its IMP finding reports it, once
            located = d.with_origin(result.origin(d.path))
            if d.related:
                located = replace(located, related=tuple(Related(r.path, result.origin(r.path)) for r in d.related))
            found.append(located)
    return tuple(sorted(found, key=Diagnostic.sort_key))
