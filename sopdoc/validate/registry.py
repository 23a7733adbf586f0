"""The rule registry: every finding kind sopdoc can report, with its code, slug and severity.

Rules are pure functions registered with :func:`rule`; kinds reported elsewhere (the loader's
SOP0xx reading codes, IMPxxx import notes, CMPxxx compliance findings) are registered with
:func:`register_documented` so that ``sopdoc rules``, SARIF and ``docs/rules.md`` list them and
``--select``/``--ignore``/severity overrides apply to them too.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopdoc.model.diagnostic import Path, Severity, Teks

if TYPE_CHECKING:
    from sopdoc.model.sop import Sop
    from sopdoc.validate.context import RuleContext

__all__ = ["Finding", "Rule", "RuleFunc", "REGISTRY", "rule", "register_documented", "all_rules"]

CODE_RE = re.compile(r"^(SOP|CMP|IMP)\d{3}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where (model path) and what (message, optional specific hint)."""

    path: Path
    message: Teks
    hint: Teks | None = None


RuleFunc = Callable[["Sop", "RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One registered finding kind; ``func`` is None for kinds reported outside the engine."""

    code: str
    name: str
    severity: Severity
    summary: Teks
    hint: Teks | None = None
    doc: str = ""
    catalogue: str = ""
    func: RuleFunc | None = None

    @property
    def executable(self) -> bool:
        """True when the engine runs this rule itself."""
        return self.func is not None


REGISTRY: dict[str, Rule] = {}
CONFLICTS: list[str] = []  # clashing entries of other stages' code tables, skipped (see rules/_external.py)


def _add(entry: Rule) -> Rule:
    if not CODE_RE.match(entry.code):
        raise ValueError(f"rule code {entry.code!r} must match {CODE_RE.pattern}")
    if not SLUG_RE.match(entry.name):
        raise ValueError(f"rule slug {entry.name!r} must be lower-case words joined by '-'")
    if entry.code in REGISTRY:
        raise ValueError(f"rule code {entry.code} is registered twice")
    if any(r.name == entry.name for r in REGISTRY.values()):
        raise ValueError(f"rule slug {entry.name!r} is registered twice")
    REGISTRY[entry.code] = entry
    return entry


def rule(code: str, name: str, severity: Severity, *, summary: Teks, catalogue: str,
         hint: Teks | None = None) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register a rule function ``f(sop, ctx) -> Iterator[Finding]``; its docstring documents it."""

    def decorate(func: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
        doc = inspect.cleandoc(func.__doc__ or "")
        if catalogue and catalogue not in doc:
            raise ValueError(f"the docstring of {func.__name__} must name its catalogue ID {catalogue}")
        _add(Rule(code, name, severity, summary, hint, doc, catalogue, func))
        return func

    return decorate


def register_documented(code: str, name: str, severity: Severity, summary: Teks, *,
                        hint: Teks | None = None, doc: str = "", catalogue: str = "") -> Rule:
    """Register a finding kind reported by another stage (loader, importer, compliance)."""
    if code in REGISTRY and REGISTRY[code].name == name:
        return REGISTRY[code]  # idempotent for modules imported twice
    return _add(Rule(code, name, severity, summary, hint, doc, catalogue, None))


def all_rules() -> list[Rule]:
    """Every registered kind, sorted by code (rule modules and known code tables loaded)."""
    from sopdoc.validate import rules as _rules  # noqa: F401 - importing registers the rules

    _rules.load_plugins()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def find_rule(code: str) -> Rule | None:
    """The registered kind ``code`` or None."""
    all_rules()
    return REGISTRY.get(code)
