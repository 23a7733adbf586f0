"""Rule case files (tests/data/rules/<CODE>.yaml): a patch over the clean base SOP per case."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from sopdoc.model.sop import Sop

RULES_DATA = Path(__file__).resolve().parents[1] / "data" / "rules"
BASE = RULES_DATA / "_base.sop.yaml"


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge mappings; any other value replaces."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base.get(key), value) if value is not None else None
        return out
    return copy.deepcopy(patch)


def _keys(value: Any) -> Any:
    """PyYAML reads the key ``no:`` as False (YAML 1.1); the SOP loader keeps it as "no"."""
    if isinstance(value, dict):
        return {("no" if k is False else k): _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return value


def case_files() -> list[Path]:
    """Every case file."""
    return sorted(p for p in RULES_DATA.glob("*.yaml") if not p.name.startswith("_"))


def build_sop(case: dict[str, Any]) -> Sop:
    """The base SOP with the case's ``patch`` (``kegiatan_tambah`` appends rows) and ``steps``."""
    data = _keys(yaml.safe_load(BASE.read_text(encoding="utf-8")))
    patch = dict(case.get("patch") or {})
    extra = patch.pop("kegiatan_tambah", [])
    data = merge(data, patch)
    for index, step_patch in (case.get("steps") or {}).items():
        data["kegiatan"][int(index)] = merge(data["kegiatan"][int(index)], step_patch)
    data["kegiatan"] = list(data.get("kegiatan") or []) + list(extra)
    return Sop.model_validate(data)
