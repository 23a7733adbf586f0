"""Frozen domain types of sopdoc. Imports nothing else from sopdoc.

Names are loaded on first use, so that ``sopdoc --help`` does not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    **dict.fromkeys(["Diagnostic", "Origin", "Severity", "Teks", "format_path"], "diagnostic"),
    **dict.fromkeys(["FORMAT_VERSION", "Cabang", "Identitas", "Kegiatan", "LangkahKerja", "LembarKerja",
                     "MutuBaku", "PenanggungJawab", "Pengesahan", "Periode", "Sop"], "sop"),
    "Simbol": "simbol",
    **dict.fromkeys(["Bentuk", "Satuan", "Waktu", "parse_waktu", "satuan_from_text"], "waktu"),
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
