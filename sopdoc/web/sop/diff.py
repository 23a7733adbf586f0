"""The structural difference of two versions: which field (by its model path) was added, removed or
changed, with the values before and after."""

from __future__ import annotations

from typing import Any

import yaml

from sopdoc.source.writer import sop_to_dict
from sopdoc.web.sop.engine import read


def _data(source: str) -> Any:
    result = read(source)
    if result.sop is not None:
        return sop_to_dict(result.sop)
    try:  # a draft with findings: plain data, every scalar a string
        return yaml.load(source, Loader=yaml.BaseLoader) if len(source) < 2_000_000 else {}
    except yaml.YAMLError:
        return {}


def flatten(value: Any, path: str = "") -> dict[str, str]:
    """``{'kegiatan[0].uraian': '…', …}`` for nested data (empty lists and mappings are kept as such)."""
    if isinstance(value, dict) and value:
        out: dict[str, str] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{path}.{k}" if path else str(k)))
        return out
    if isinstance(value, list) and value:
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{path}[{i}]"))
        return out
    return {path: "" if value is None else str(value)}


def structural_diff(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """(kind, path, before, after) for every field that differs; kind is tambah, hapus or ubah."""
    a, b = flatten(_data(old)), flatten(_data(new))
    out = []
    for path in sorted(a.keys() | b.keys(), key=lambda p: (p.split(".")[0], p)):
        if path not in a:
            out.append(("tambah", path, "", b[path]))
        elif path not in b:
            out.append(("hapus", path, a[path], ""))
        elif a[path] != b[path]:
            out.append(("ubah", path, a[path], b[path]))
    return out
