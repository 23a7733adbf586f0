"""Write a Sop back to clean, stable YAML (``load(dump(sop)) == sop``)."""

from __future__ import annotations

import datetime as _dt
import re
from enum import Enum
from typing import Any

import yaml

from sopdoc.model.sop import Sop

__all__ = ["SCHEMA_COMMENT", "sop_to_yaml"]

SCHEMA_COMMENT = "# yaml-language-server: $schema=https://sopdoc.invalid/schemas/sop.schema.json\n"

_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """A safe dumper with YAML 1.2 booleans, matching the loader: `no:` needs no quotes."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (str, int, float, bool, _dt.date)) or value is None:
        return value
    return str(value)


def sop_to_dict(sop: Sop) -> dict[str, Any]:
    """The SOP as plain data in source-key order, defaults left out."""
    data = sop.model_dump(mode="python", exclude_defaults=True)
    data = {"sopdoc": sop.sopdoc, **{k: v for k, v in data.items() if k != "sopdoc"}}
    for step in data.get("kegiatan", []):
        # one actor reads better as a plain string; the loader accepts both
        if isinstance(step.get("pelaksana"), (list, tuple)) and len(step["pelaksana"]) == 1:
            step["pelaksana"] = step["pelaksana"][0]
    return _plain(data)


def sop_to_yaml(sop: Sop, *, header: str = "") -> str:
    """YAML text of ``sop``; ``header`` (comment lines) is written first."""
    body = yaml.dump(
        sop_to_dict(sop), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False, indent=2,
    )
    return header + body
