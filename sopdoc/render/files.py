"""Writing rendered documents: atomic file writes and output names."""

from __future__ import annotations

from pathlib import Path

from sopdoc.atomic import write_atomic

__all__ = ["output_stem", "write_atomic"]


def output_stem(source: Path) -> str:
    """``examples/x.sop.yaml`` → ``x``."""
    name = source.name
    for suffix in (".sop.yaml", ".sop.yml", ".yaml", ".yml"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return source.stem
