"""The ``[check]`` section: which rules run, their severities, the failure threshold, figures."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sopdoc.codes import registered_codes
from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.source import codes as _reading_codes  # noqa: F401 - registers SOP0xx, which [check] may name
from sopdoc.validate import rules as _document_rules  # noqa: F401 - registers SOP1xx–SOP5xx
from sopdoc.validate.context import CheckOptions
from sopdoc.validate.repeals import Repeal, repeals_from

__all__ = ["DEFAULT_MENIT_PER_HARI_KERJA", "CheckSettings"]

DEFAULT_MENIT_PER_HARI_KERJA = 450  # Perpres 21/2023: 37 h 30 min a week over 5 days
DEFAULT_MAX_PELAKSANA = 8  # landscape flowchart pages (DOMAIN.md §3.3)
KEYS = ("select", "ignore", "fail-on", "severity", "menit-per-hari-kerja", "hari-kerja",
        "max-pelaksana", "tenggat-hari-kerja", "dicabut")


def _close(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (maksud Anda '{found[0]}'?)" if found else ""


def _close_en(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{found[0]}'?)" if found else ""


def _codes() -> list[str]:
    """Every registered code; the codes of later stages (IMP, SOP6xx, CMP) are registered by
    whoever imports those stages (``sopdoc.config`` imports them all through ``sopdoc.all_codes``)."""
    return [c.code for c in registered_codes()]


def _prefixes(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(" ", ",").split(",") if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise UsageError(Teks(f"[check] {key}: harus berupa daftar kode, mis. [\"SOP1\", \"SOP205\"]",
                              f"[check] {key}: must be a list of codes, e.g. [\"SOP1\", \"SOP205\"]"))
    codes = _codes()
    out = []
    for raw in value:
        prefix = raw.strip().upper()
        if prefix in ("ALL", ""):
            prefix = ""
        elif not any(c.startswith(prefix) for c in codes):
            raise UsageError(Teks(f"kode tidak dikenal di {key}: {raw!r}{_close(prefix, codes)}",
                                  f"unknown code in {key}: {raw!r}{_close_en(prefix, codes)}"))
        out.append(prefix)
    return tuple(out)


def _severity(key: str, value: Any) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise UsageError(Teks(f"{key}: {value!r} bukan error, warning atau info",
                              f"{key}: {value!r} is not error, warning or info")) from None


def _int(key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UsageError(Teks(f"[check] {key}: harus bilangan bulat {low}–{high}, bukan {value!r}",
                              f"[check] {key}: must be an integer {low}–{high}, not {value!r}"))
    return value


@dataclass(frozen=True)
class CheckSettings:
    """Settings of ``sopdoc check``; named defaults above, :meth:`resolve` reads a mapping."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    severity: tuple[tuple[str, Severity], ...] = ()
    menit_per_hari_kerja: int | None = None  # None: the calendar's (450 by default)
    hari_kerja: bool | None = None  # plain "hari" is a working day; None: the calendar's (True)
    max_pelaksana: int = DEFAULT_MAX_PELAKSANA
    tenggat_hari_kerja: int | None = None  # None: [period] deadline-working-days (10)
    dicabut: tuple[Repeal, ...] = ()  # the agency's repealed regulations, besides the shipped registry

    @classmethod
    def resolve(cls, mapping: Mapping[str, Any] | None = None) -> CheckSettings:
        """Settings from a ``[check]`` mapping (keys as in the CLI: ``fail-on``); unknown keys raise."""
        out: dict[str, Any] = {}
        for key, value in dict(mapping or {}).items():
            norm = key.replace("_", "-")
            if norm not in KEYS:
                raise UsageError(Teks(f"kunci tidak dikenal [check] {key!r}{_close(norm, KEYS)}",
                                      f"unknown key [check] {key!r}{_close_en(norm, KEYS)}"))
            if norm in ("select", "ignore"):
                out[norm] = _prefixes(norm, value)
            elif norm == "fail-on":
                out["fail_on"] = _severity("fail-on", value)
            elif norm == "severity":
                out["severity"] = cls._severity_table(value)
            elif norm == "menit-per-hari-kerja":
                out["menit_per_hari_kerja"] = _int(norm, value, 60, 1440)
            elif norm == "max-pelaksana":
                out["max_pelaksana"] = _int(norm, value, 1, 50)
            elif norm == "tenggat-hari-kerja":
                out["tenggat_hari_kerja"] = _int(norm, value, 0, 250)
            elif norm == "dicabut":
                out["dicabut"] = repeals_from(value, "[[check.dicabut]]")
            else:
                if not isinstance(value, bool):
                    raise UsageError(
                        Teks(f"[check] {key}: harus true atau false", f"[check] {key}: must be true or false")
                    )
                out["hari_kerja"] = value
        return cls(**out)

    @staticmethod
    def _severity_table(value: Any) -> tuple[tuple[str, Severity], ...]:
        if not isinstance(value, Mapping):
            raise UsageError(
                Teks(
                    '[check.severity] harus berupa tabel KODE = "warning"',
                    '[check.severity] must be a table CODE = "warning"',
                )
            )
        codes = _codes()
        out = []
        for code, sev in value.items():
            if str(code).upper() not in codes:
                raise UsageError(
                    Teks(
                        f"kode tidak dikenal di [check.severity]: {code!r}{_close(str(code).upper(), codes)}",
                        f"unknown code in [check.severity]: {code!r}{_close_en(str(code).upper(), codes)}",
                    )
                )
            out.append((str(code).upper(), _severity(f"[check.severity] {code}", sev)))
        return tuple(sorted(out))

    def override(self, **changes: Any) -> CheckSettings:
        """A copy with the non-None ``changes`` applied (CLI options over the file)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is reported: the longest matching select/ignore prefix decides."""
        selects = self.select or ("",)
        best_select = max((len(p) for p in selects if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity of ``code``."""
        return dict(self.severity).get(code, default)

    def options(
        self,
        menit_per_hari_kerja: int = DEFAULT_MENIT_PER_HARI_KERJA,
        hari_kerja: bool = True,
        tenggat_hari_kerja: int = 10,
    ) -> CheckOptions:
        """The figures rules use; the arguments are the calendar's and period's values."""
        return CheckOptions(
            menit_per_hari_kerja=self.menit_per_hari_kerja or menit_per_hari_kerja,
            hari_is_hari_kerja=hari_kerja if self.hari_kerja is None else self.hari_kerja,
            max_pelaksana=self.max_pelaksana,
            tenggat_hari_kerja=tenggat_hari_kerja if self.tenggat_hari_kerja is None else self.tenggat_hari_kerja,
            dicabut=self.dicabut,
        )
