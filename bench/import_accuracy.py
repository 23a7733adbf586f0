"""Field accuracy of the text importer against the hand transcriptions of the seeds.

Usage: .venv/bin/python bench/import_accuracy.py [-v]

Each seed in tests/data/seeds is imported and compared field by field (leaf values: identity
fields, each box item, each step's no/uraian/pelaksana/simbol/waktu/output/keterangan, each
kelengkapan item, tanda, worksheet fields) with examples/seed-00N-*.sop.yaml. Fields the
transcriber *inferred* (a step's pelaksana/simbol where the source shows no mark in any actor
cell, the periode, and any text value that does not occur in the source) are counted apart:
the importer cannot know them. Prints a Markdown table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.importers.grid.clean import clean_cell  # noqa: E402
from sopdoc.importers.text.importer import import_text_file  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"  # the five seeds, copied into the repository


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf values of plain data by path; lists of scalars give one leaf per item."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        if path.endswith("tanda") or path.endswith("cabang"):
            return {path: value} if value else {}
        for k, v in value.items():
            out.update(flatten(v, f"{path}.{k}" if path else k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{path}[{i}]"))
    elif value not in (None, ""):
        out[path] = value
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def inferred_paths(expected: dict[str, Any], flat: dict[str, Any], source: str) -> set[str]:
    """Paths whose expected value the source text does not show."""
    out = set()
    src = _norm(clean_cell(source.replace("\t", " ").replace("\n", " ")))
    steps = expected.get("kegiatan") or []
    for i, step in enumerate(steps):
        if not step.get("tanda"):
            out |= {p for p in flat if re.match(rf"kegiatan\[{i}\]\.(pelaksana|simbol)", p)}
    out |= {p for p in flat if p == "periode"}
    for p, v in flat.items():
        if isinstance(v, str) and len(v) > 3 and _norm(v) not in src and not re.fullmatch(r"[\d-]+", v):
            out.add(p)
    return out


def compare(seed: Path, example: Path) -> dict[str, Any]:
    """Counts of equal / total fields over present and inferred fields, and the differences."""
    expected_sop = load_sop(example).sop
    got = import_text_file(seed).load.sop
    exp = flatten(expected_sop.model_dump(mode="json")) if expected_sop else {}
    act = flatten(got.model_dump(mode="json")) if got else {}
    inferred = inferred_paths(expected_sop.model_dump(mode="json") if expected_sop else {}, exp,
                              seed.read_text(encoding="utf-8"))
    keys = sorted(set(exp) | set(act))
    stats = {"present": [0, 0], "inferred": [0, 0], "diffs": []}
    for k in keys:
        kind = "inferred" if k in inferred or ((k not in exp) and _is_guess(k)) else "present"
        if k not in exp and k in act and kind == "inferred":
            continue  # the importer guessed where the transcriber left the field empty: not counted
        ok = exp.get(k) == act.get(k)
        stats[kind][1] += 1
        stats[kind][0] += ok
        if not ok:
            stats["diffs"].append((k, exp.get(k), act.get(k), kind))
    return stats


def _is_guess(path: str) -> bool:
    return path == "periode"


def main(argv: list[str]) -> int:
    """Print the accuracy table; ``-v`` also lists the differing fields."""
    verbose = "-v" in argv
    rows = []
    for seed in sorted(SEEDS.glob("*.txt")):
        n = seed.name[:3]
        examples = sorted((ROOT / "examples").glob(f"seed-{n}-*.sop.yaml"))
        if not examples:
            continue
        s = compare(seed, examples[0])
        p, inf = s["present"], s["inferred"]
        rows.append((n, p, inf))
        if verbose:
            for k, e, a, kind in s["diffs"]:
                if kind == "present":
                    print(f"  {n} {k}: expected {e!r} got {a!r}")
    print("| seed | fields present in text | equal | accuracy | inferred fields | equal |")
    print("|---|---|---|---|---|---|")
    for n, p, inf in rows:
        acc = 100 * p[0] / p[1] if p[1] else 0.0
        print(f"| {n} | {p[1]} | {p[0]} | {acc:.1f} % | {inf[1]} | {inf[0]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
