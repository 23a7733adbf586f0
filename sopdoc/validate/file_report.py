"""The findings for one input file, as the output formats take them."""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.model.diagnostic import Diagnostic

__all__ = ["FileReport"]


@dataclass(frozen=True)
class FileReport:
    """The findings for one input file."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
