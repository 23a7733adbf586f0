"""Compare an imported SOP with a summary a person wrote from the page images.

The summaries live in tests/data/import-expected/<stem>.json (one per corpus PDF, read by eye from
``pdftoppm -png -r 70`` renderings, never from the importer's output). Scheme, all keys optional
except ``steps``:

- ``nama``, ``nomor``: the printed text; ``tanggal_pembuatan|revisi|efektif``: the printed date,
  ``"-"`` when the box shows a dash (expected: no date);
- ``steps``: the step count; ``actors``: the actor columns, left to right;
- ``kegiatan``: per step ``uraian`` (its first ~40 characters), ``pelaksana`` (actor columns holding
  a shape of that row), ``simbol`` (one name, or a list when the row mixes shapes: any of them is
  right), ``waktu`` and ``output`` (the printed text), ``kelengkapan`` (the printed items, one
  string per item: a wrapped item's lines joined, a list marker's number or letter kept, a
  bullet glyph left out; a list written with commas is one item per part, a trailing ``dan``
  dropped; ``[]`` for a cell printing only ``-``);
- ``cabang``: per decision step number, the step each labelled exit leads to.

Every compared value is one *field*; text is compared case-insensitively with whitespace collapsed.
Used by bench/import_corpus.py and tests/importers/pdf/test_corpus_measure.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopdoc.model.sop import Sop
from sopdoc.model.tanggal import parse_tanggal

EXPECTED_DIR = Path(__file__).resolve().parents[2] / "data" / "import-expected"
IDENTITY = ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")


def load_expected() -> dict[str, dict[str, Any]]:
    """File name of the PDF → its summary."""
    out = {}
    older = json.loads((EXPECTED_DIR.parent / "import" / "corpus-expected.json").read_text(encoding="utf-8"))
    for name, data in older.items():  # the first four summaries: parallel lists, no texts
        if not name.startswith("_"):
            steps = [{"pelaksana": p, "simbol": s} for p, s in zip(data["pelaksana"], data["simbol"], strict=True)]
            out[name] = {"file": name, "steps": data["steps"], "actors": data["actors"], "kegiatan": steps,
                         "cabang": data["cabang"]}
    for path in sorted(EXPECTED_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["file"]] = data
    return out


def norm(text: object) -> str:
    """Case-folded text with whitespace collapsed (and none around a slash or hyphen)."""
    s = re.sub(r"\s+", " ", str(text or "")).strip().casefold()
    return re.sub(r"\s*([/-])\s*", r"\1", s)


@dataclass
class Score:
    """Equal / compared fields of one document, and the steps with right actors and symbol."""

    equal: int = 0
    total: int = 0
    steps_right: int = 0
    steps_expected: int = 0
    misses: list[str] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)
    """The names of the equal fields (``kegiatan[2].waktu``), as the misses name theirs."""

    def check(self, name: str, ok: bool, got: object = None, want: object = None) -> None:
        self.total += 1
        if ok:
            self.equal += 1
            self.hits.append(name)
        else:
            self.misses.append(f"{name}: got {got!r}, want {want!r}")


def _tanggal_ok(got: object, want: str) -> bool:
    if want.strip() in ("-", ""):
        return got is None
    return got is not None and got == parse_tanggal(want)


def score(sop: Sop | None, want: dict[str, Any]) -> Score:
    """Field-by-field comparison of ``sop`` with the summary ``want``."""
    sc = Score(steps_expected=want["steps"])
    ident = sop.identitas if sop else None
    for key in IDENTITY:
        if key not in want:
            continue
        got = getattr(ident, key) if ident else None
        ok = _tanggal_ok(got, want[key]) if key.startswith("tanggal") else norm(got) == norm(want[key])
        sc.check(key, ok, got, want[key])
    steps = list(sop.kegiatan) if sop else []
    sc.check("steps", len(steps) == want["steps"], len(steps), want["steps"])
    for i, w in enumerate(want.get("kegiatan", [])):
        k = steps[i] if i < len(steps) else None
        tag = f"kegiatan[{i}]"
        if "uraian" in w:
            prefix = norm(w["uraian"])
            sc.check(f"{tag}.uraian", k is not None and norm(k.uraian).startswith(prefix), k and k.uraian, prefix)
        actors_ok = k is not None and {norm(a) for a in k.pelaksana} == {norm(a) for a in w["pelaksana"]}
        sc.check(f"{tag}.pelaksana", actors_ok, k and list(k.pelaksana), w["pelaksana"])
        allowed = w["simbol"] if isinstance(w["simbol"], list) else [w["simbol"]]
        symbol_ok = k is not None and k.simbol is not None and k.simbol.value in allowed
        sc.check(f"{tag}.simbol", symbol_ok, k and k.simbol, allowed)
        sc.steps_right += actors_ok and symbol_ok
        for key in ("waktu", "output"):
            if key in w:
                got = None
                if k is not None:
                    got = k.mutu_baku.waktu.teks if key == "waktu" and k.mutu_baku.waktu else k.mutu_baku.output
                sc.check(f"{tag}.{key}", norm(got) == norm(w[key]), got, w[key])
        if "kelengkapan" in w:
            items = list(k.mutu_baku.kelengkapan) if k is not None else None
            sc.check(f"{tag}.kelengkapan", items is not None and [norm(t) for t in items] ==
                     [norm(t) for t in w["kelengkapan"]], items, w["kelengkapan"])
    by_no = {k.no: k for k in steps}
    for no, exits in want.get("cabang", {}).items():
        k = by_no.get(int(no))
        for exit_, target in exits.items():
            got = getattr(k.cabang, exit_) if k is not None and k.cabang is not None else None
            sc.check(f"cabang[{no}].{exit_}", got == target, got, target)
    return sc
