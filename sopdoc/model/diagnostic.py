"""Diagnostics as data: code, slug, severity, path, message, hint, origin (DESIGN.md §5)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

__all__ = ["HINT_LABEL", "Diagnostic", "Origin", "Path", "Related", "Severity", "Teks", "format_path"]

Path = tuple[str | int, ...]


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    def label(self, lang: str = "id") -> str:
        """The severity as users read it ("galat", "peringatan", "info")."""
        if lang == "en":
            return self.value
        return {"error": "galat", "warning": "peringatan", "info": "info"}[self.value]


@dataclass(frozen=True)
class Teks:
    """A user-facing text in Bahasa Indonesia and English."""

    id: str
    en: str

    def get(self, lang: str = "id") -> str:
        """The text in ``lang`` ('id' or 'en')."""
        return self.en if lang == "en" else self.id


HINT_LABEL = Teks("saran", "hint")
"""The label before a finding's hint in text and SARIF output ("saran: …" / "hint: …")."""


@dataclass(frozen=True)
class Origin:
    """Where a finding is in the source: file:line:col, or page/table/row/column of a document."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    page: int | None = None  # 1-based
    table: int | None = None  # 1-based
    row: int | None = None  # 1-based
    cell: int | None = None  # 1-based column of a table

    def format(self, lang: str = "id") -> str:
        """``file:line:col`` for text sources, ``file:hal. 2 tabel 1 baris 3`` for documents."""
        parts = [self.file or "<masukan>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
            return ":".join(parts)
        words = {"page": ("hal.", "page"), "table": ("tabel", "table"),
                 "row": ("baris", "row"), "cell": ("kolom", "column")}
        located = [f"{words[k][lang == 'en']} {getattr(self, k)}" for k in words
                   if getattr(self, k) is not None]
        return parts[0] + (":" + " ".join(located) if located else "")

    def sort_key(self) -> tuple[str, int, int, int, int, int, int]:
        """A total order for deterministic output."""
        return (self.file or "", self.line or 0, self.column or 0, self.page or 0,
                self.table or 0, self.row or 0, self.cell or 0)


def format_path(path: Path) -> str:
    """``('kegiatan', 6, 'mutu_baku', 'waktu')`` → ``kegiatan[6].mutu_baku.waktu``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Related:
    """Another place one finding concerns (a step cut off by the defect; SARIF ``relatedLocations``)."""

    path: Path
    origin: Origin | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place of one SOP."""

    code: str
    name: str
    severity: Severity
    message: Teks
    path: Path = ()
    hint: Teks | None = None
    origin: Origin | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    related: tuple[Related, ...] = field(default=())

    def with_origin(self, origin: Origin | None) -> Diagnostic:
        """A copy located at ``origin``."""
        return replace(self, origin=origin)

    def with_severity(self, severity: Severity) -> Diagnostic:
        """A copy with another severity (configuration overrides)."""
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[object, ...]:
        """Order: file, position, code, path."""
        origin = self.origin.sort_key() if self.origin else ("", 0, 0, 0, 0, 0, 0)
        return (*origin, self.code, tuple(str(p) for p in self.path), self.message.id)

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """A JSON-ready mapping (``related`` only when the finding has related places)."""
        o = self.origin
        out: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": format_path(self.path),
            "message": self.message.get(lang),
            "hint": self.hint.get(lang) if self.hint else None,
            "origin": None if o is None else {
                k: v for k, v in vars(o).items() if v is not None
            },
        }
        if self.related:
            out["related"] = [format_path(r.path) for r in self.related]
        return out

