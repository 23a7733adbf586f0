"""The root of sopdoc's exceptions: failures of the program or its environment, not content."""

from __future__ import annotations

from sopdoc.model.diagnostic import Teks

__all__ = ["SopdocError", "UsageError"]


class SopdocError(Exception):
    """A failure sopdoc reports in one line (exit 2 at the CLI)."""

    def __init__(self, message: Teks) -> None:
        super().__init__(message.en)
        self.teks = message

    def get(self, lang: str = "id") -> str:
        """The message in ``lang``."""
        return self.teks.get(lang)


class UsageError(SopdocError):
    """Wrong arguments or configuration."""
