"""The anchors of the log's hash chains: instance genesis, the store-level chain of heads, the keyed MAC.

Each instance's entry chain starts at a *genesis* hash over the instance row (the pinned SOP hash,
its name and number, period, start, deadline, zone, flow, plan, meta, creator), so an edited
instance breaks its chain. Every write (an instance opened, a batch of entries appended) adds one
row to the ``heads`` table in the same transaction: the instance's entry count and last hash (its
*head*) and the instance digest, linked into one store-wide chain, so a truncated tail, deleted
entries or a deleted instance no longer match the last recorded head. Each heads row carries an
HMAC-SHA256 with a key kept outside the database (:mod:`sopdoc.execution.log_key`), so a chain
recomputed by someone with the database file alone does not verify.

Closing or voiding an instance (schema version 3) writes a ``lifecycle`` row sealed by
:func:`lifecycle_hash` and, in the same transaction, a heads row whose kind is ``close:<hash>`` or
``void:<hash>``: the keyed chain thereby covers the lifecycle row, and verification matches the two
one to one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping

__all__ = [
    "ADOPT",
    "APPEND",
    "CLOSE",
    "INSTANCE_FIELDS",
    "LIFECYCLE_FIELDS",
    "OPEN",
    "VOID",
    "heads_link",
    "heads_mac",
    "instance_digest",
    "instance_genesis",
    "lifecycle_hash",
    "lifecycle_kind",
    "split_lifecycle_kind",
]

# The columns of the instance table, all of them covered by the digest.
INSTANCE_FIELDS = ("name", "sop_hash", "period", "start", "deadline", "zona_waktu", "flow", "plan", "meta",
                   "created_by", "created_at")

OPEN, APPEND, ADOPT = "open", "append", "adopt"  # heads row kinds; adopt = instance from before anchoring
CLOSE, VOID = "close", "void"  # lifecycle kinds; their heads rows are kinded "close:<hash>", "void:<hash>"

# The columns of the lifecycle table covered by its row hash (all but id and the hash itself).
LIFECYCLE_FIELDS = ("instance", "kind", "alasan", "laporan", "n", "head", "oleh", "pada")


def instance_digest(row: Mapping[str, object], sop_nama: object, sop_nomor: object) -> str:
    """sha256 over every column of the instance row and the pinned SOP version's name and number."""
    data = {k: row[k] for k in INSTANCE_FIELDS} | {"sop_nama": sop_nama, "sop_nomor": sop_nomor}
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"sopdoc-instance\n{body}".encode()).hexdigest()


def instance_genesis(digest: str) -> str:
    """The ``prev_hash`` of an anchored instance's first entry."""
    return hashlib.sha256(f"sopdoc-genesis\n{digest}".encode()).hexdigest()


def heads_link(prev: str, row_id: int, instance: str, kind: str, n: int, head: str, digest: str) -> str:
    """The hash of one heads row: its place in the store-level chain and the instance's head."""
    return hashlib.sha256(f"{prev}\n{row_id}\n{instance}\n{kind}\n{n}\n{head}\n{digest}".encode()).hexdigest()


def heads_mac(key: bytes, link: str) -> str:
    """The keyed checkpoint of a heads row."""
    return hmac.new(key, link.encode(), hashlib.sha256).hexdigest()


def lifecycle_hash(row: Mapping[str, object]) -> str:
    """sha256 over every column of a lifecycle row but its id and hash."""
    body = json.dumps({k: row[k] for k in LIFECYCLE_FIELDS}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(f"sopdoc-lifecycle\n{body}".encode()).hexdigest()


def lifecycle_kind(kind: str, row_hash: str) -> str:
    """The kind of the heads row that anchors a lifecycle row."""
    return f"{kind}:{row_hash}"


def split_lifecycle_kind(kind: str) -> tuple[str, str] | None:
    """``close:<hash>`` → (close, hash); None for the kinds of other heads rows."""
    head, sep, tail = kind.partition(":")
    return (head, tail) if sep and head in (CLOSE, VOID) else None
