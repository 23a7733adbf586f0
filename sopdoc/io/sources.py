"""Find SOP sources on disk and read each with the reader its format needs."""

from __future__ import annotations

from pathlib import Path

from .sop_yaml import LoadResult, load_sop

__all__ = ["SOURCE_SUFFIXES", "expand_inputs", "load_source"]

SOURCE_SUFFIXES = (".sop.yaml", ".sop.yml")


def expand_inputs(paths: list[str]) -> list[Path]:
    """Files named on the command line, with directories expanded to their ``*.sop.yaml``, sorted."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SOURCE_SUFFIXES)]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def load_source(path: Path) -> LoadResult:
    """Read one source; the format follows from the file name (YAML for now)."""
    return load_sop(path)
