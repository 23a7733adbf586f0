"""Where every node of a source is (line and column), and what reading a source gave."""

from __future__ import annotations

from dataclasses import dataclass, field

from sopdoc.model.diagnostic import Diagnostic, Origin, Path
from sopdoc.model.sop import Sop

__all__ = ["LoadResult", "SourceMap"]


@dataclass
class SourceMap:
    """Line and column (1-based) of every node, by model path."""

    file: str | None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def origin(self, path: Path, *, key: bool = False) -> Origin:
        """Where ``path`` is, or its nearest ancestor that exists in the source."""
        p = tuple(path)
        while True:
            table = self.keys if key and p in self.keys else self.values
            if p in table:
                line, col = table[p]
                return Origin(file=self.file, line=line, column=col)
            if not p:
                return Origin(file=self.file, line=1, column=1)
            p = p[:-1]


@dataclass(frozen=True)
class LoadResult:
    """What reading one source gave: the SOP (None if unusable) and the findings."""

    file: str | None
    sop: Sop | None
    diagnostics: tuple[Diagnostic, ...]
    source_map: SourceMap | None

    def origin(self, path: Path) -> Origin | None:
        """The source position of a model path (None when the source had no text positions)."""
        return self.source_map.origin(path) if self.source_map else None
