"""One shape for every finding code (SOP/IMP/CMP) and one ``@rule`` decorator (DESIGN.md §3).

Every stage registers its own table when its codes module is imported: the source reader's
SOP0xx (``sopdoc.source.codes``), the importers' IMPxxx (``sopdoc.importers.codes``), the layout's
SOP6xx notes (``sopdoc.layout.notes``), validate's document rules SOP1xx–SOP5xx
(``sopdoc.validate.rules``) and execution's CMPxxx compliance rules (``sopdoc.execution.cmp_rules``).
A duplicate code or slug fails at import with a ValueError naming both entries.

This module sits just above ``sopdoc.model`` and imports nothing else: whoever needs the complete
list imports the stages' modules itself (``sopdoc.all_codes``) and then reads :func:`registered_codes`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sopdoc.model.diagnostic import Diagnostic, Origin, Path, Related, Severity, Teks

__all__ = [
    "CODE_RE",
    "REGISTRY",
    "SLUG_RE",
    "STAGES",
    "Code",
    "Finding",
    "Registry",
    "code_of",
    "register",
    "register_table",
    "registered_codes",
    "rule",
]

CODE_RE = re.compile(r"^(SOP|CMP|IMP)\d{3}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

STAGES = ("source", "importers", "layout", "validate", "execution")
"""The stages that register codes (a rule's stage is the ``sopdoc.<stage>`` package of its module)."""

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where (model path, and an origin when the rule knows it), what
    (message) and an optional specific hint. The engine running the rule adds code, slug and
    severity."""

    path: Path
    message: Teks
    hint: Teks | None = None
    origin: Origin | None = None
    related: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Code:
    """One registered finding kind: code, slug, default severity, one-line summary, default hint,
    documentation, DOMAIN.md §9 catalogue ID, the rule function when a rule engine runs it, and
    the stage that registered it (set at registration)."""

    code: str
    slug: str
    severity: Severity
    summary: Teks
    hint: Teks | None = None
    doc: str = ""
    catalogue: str = ""
    func: Callable[..., Iterable[Finding]] | None = None
    stage: str = ""

    def make(self, message: Teks, *, path: Path = (), origin: Origin | None = None,
             hint: Teks | None = None, severity: Severity | None = None,
             related: tuple[Path, ...] = ()) -> Diagnostic:
        """A located finding of this kind (the default hint and severity unless given); ``related``
        are the other places it concerns."""
        return Diagnostic(code=self.code, name=self.slug, severity=severity or self.severity, message=message,
                          path=path, hint=hint or self.hint, origin=origin,
                          related=tuple(Related(p) for p in related))

    def report(self, finding: Finding, severity: Severity | None = None) -> Diagnostic:
        """The diagnostic for a ``finding`` of this code's rule (engines call this)."""
        return self.make(finding.message, path=finding.path, origin=finding.origin, hint=finding.hint,
                         severity=severity, related=finding.related)


def _check_shape(entry: Code) -> None:
    if not isinstance(entry.code, str) or not CODE_RE.match(entry.code):
        raise ValueError(f"code {entry.code!r} must match {CODE_RE.pattern}")
    if not isinstance(entry.slug, str) or not SLUG_RE.match(entry.slug):
        raise ValueError(f"{entry.code}: slug {entry.slug!r} must be lower-case words joined by '-'")
    if not isinstance(entry.severity, Severity):
        raise TypeError(f"{entry.code}: severity must be a Severity, not {entry.severity!r}")
    if not isinstance(entry.summary, Teks) or not entry.summary.id or not entry.summary.en:
        raise TypeError(f"{entry.code}: summary must be a Teks with both languages")
    if entry.hint is not None and not isinstance(entry.hint, Teks):
        raise TypeError(f"{entry.code}: hint must be a Teks or None")
    if not isinstance(entry.catalogue, str) or not isinstance(entry.doc, str):
        raise TypeError(f"{entry.code}: doc and catalogue must be strings")
    if not entry.stage:
        raise ValueError(f"{entry.code}: the stage that registers it is missing")


def _stage_of(func: Callable[..., Any]) -> str:
    """``validate`` for a rule in ``sopdoc.validate.rules.identity``; the module name outside sopdoc."""
    parts = func.__module__.split(".")
    return parts[1] if parts[0] == "sopdoc" and len(parts) > 1 else func.__module__


class Registry:
    """Codes by code; refuses malformed entries and any second use of a code or a slug."""

    def __init__(self) -> None:
        self._codes: dict[str, Code] = {}

    def add(self, entry: Code) -> Code:
        """Register ``entry``; ValueError/TypeError when it is malformed or clashes."""
        _check_shape(entry)
        if entry.code in self._codes:
            raise ValueError(f"code {entry.code} ({entry.slug!r}) is registered twice: "
                             f"already {self._codes[entry.code].slug!r}")
        clash = next((c for c in self._codes.values() if c.slug == entry.slug), None)
        if clash is not None:
            raise ValueError(f"slug {entry.slug!r} of {entry.code} is registered twice: already {clash.code}")
        self._codes[entry.code] = entry
        return entry

    def table(self, stage: str, entries: Iterable[Code]) -> dict[str, Code]:
        """Register ``stage``'s table of codes reported outside a rule engine; returns it by code."""
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")
        out = {}
        for entry in entries:
            if entry.func is not None:
                raise TypeError(f"{entry.code}: a table entry has no rule function; use @rule")
            out[entry.code] = self.add(replace(entry, stage=stage))
        return out

    def rule(self, *, code: str, slug: str, severity: Severity, summary: Teks, catalogue: str,
             hint: Teks | None = None) -> Callable[[F], F]:
        """Register the decorated rule function; its docstring documents it and names ``catalogue``.

        The function's signature is its engine's (``f(sop, ctx)`` for document rules,
        ``f(ctx)`` for compliance rules); it yields :class:`Finding` values.
        """
        if not isinstance(catalogue, str) or not catalogue:
            raise ValueError(f"{code}: a rule needs its DOMAIN.md §9 catalogue ID")

        def decorate(func: F) -> F:
            if not callable(func):
                raise TypeError(f"{code}: @rule decorates a function, not {func!r}")
            doc = inspect.cleandoc(func.__doc__ or "")
            if not doc:
                raise ValueError(f"{code}: the rule function {func.__name__} needs a docstring")
            if catalogue not in doc:
                raise ValueError(f"{code}: the docstring of {func.__name__} must name its catalogue ID {catalogue}")
            self.add(Code(code, slug, severity, summary, hint, doc, catalogue, func, _stage_of(func)))
            return func

        return decorate

    def codes(self, stage: str | None = None) -> list[Code]:
        """The registered codes (of one ``stage``), sorted by code."""
        return sorted((c for c in self._codes.values() if stage is None or c.stage == stage),
                      key=lambda c: c.code)

    def get(self, code: str) -> Code:
        """The registered code ``code``; KeyError when it is not registered."""
        return self._codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self._codes


REGISTRY = Registry()
"""The one registry of sopdoc's codes."""


def register(entry: Code) -> Code:
    """Register one code in :data:`REGISTRY`."""
    return REGISTRY.add(entry)


def register_table(stage: str, entries: Iterable[Code]) -> dict[str, Code]:
    """Register ``stage``'s table of codes in :data:`REGISTRY`; returns it by code."""
    return REGISTRY.table(stage, entries)


def rule(*, code: str, slug: str, severity: Severity, summary: Teks, catalogue: str,
         hint: Teks | None = None) -> Callable[[F], F]:
    """Register a rule function in :data:`REGISTRY` (see :meth:`Registry.rule`)."""
    return REGISTRY.rule(code=code, slug=slug, severity=severity, summary=summary, catalogue=catalogue, hint=hint)


def registered_codes(stage: str | None = None) -> list[Code]:
    """The codes registered so far (of one ``stage``), sorted by code."""
    return REGISTRY.codes(stage)


def code_of(code: str) -> Code:
    """The registered code ``code`` (KeyError when unknown)."""
    return REGISTRY.get(code)
