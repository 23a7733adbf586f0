"""The end of an instance's life: closed (its final report frozen) or voided (with a reason).

Both are append-only records (schema version 3, :mod:`sopdoc.execution.store_schema`): nothing is
deleted or changed, and the keyed chain of heads covers every record
(:mod:`sopdoc.execution.chain`). A closed or voided instance takes no more entries; a closed one
may still be voided (a mistaken instance found after closing), nothing follows a void.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sopdoc.execution.chain import CLOSE, VOID
from sopdoc.model.diagnostic import Teks

__all__ = ["LifecycleRecord", "end_refusal", "lifecycle_word"]


@dataclass(frozen=True)
class LifecycleRecord:
    """One closing or voiding of an instance, as stored."""

    id: int
    instance: str
    kind: str  # close | void
    alasan: str
    laporan: str  # JSON {file name: sha256}
    n: int
    head: str
    oleh: str
    pada: str
    hash: str

    def files(self) -> dict[str, str]:
        """The frozen report files: name → sha256 (empty when the stored text is not a JSON object)."""
        try:
            data = json.loads(self.laporan)
        except (ValueError, TypeError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def lifecycle_word(kind: str) -> Teks:
    """The state an instance is left in by a record of ``kind``."""
    return Teks("dibatalkan", "voided") if kind == VOID else Teks("ditutup", "closed")


def end_refusal(instance: str, records: list[LifecycleRecord], wanted: str | None) -> Teks | None:
    """Why ``wanted`` (close, void, or None for appending entries) is refused on an instance with these
    lifecycle records; None when it is allowed."""
    if not records:
        return None
    last = records[-1]
    when = last.pada[:16].replace("T", " ")
    state = lifecycle_word(last.kind)
    if wanted is None:
        return Teks(f"instans '{instance}' sudah {state.id} ({when}); tidak ada entri yang dapat ditambahkan",
                    f"instance '{instance}' was {state.en} ({when}); no entries can be added")
    if wanted == VOID and last.kind == CLOSE:
        return None
    return Teks(f"instans '{instance}' sudah {state.id} ({when})",
                f"instance '{instance}' was already {state.en} ({when})")
