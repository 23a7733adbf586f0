"""Scans, workbooks and raster-flowchart PDFs against summaries a person wrote (issue #13 point 7).

Usage: .venv/bin/python bench/ocr_corpus.py [--only SUBSTRING]

Reads every file of ../shared/corpus/scanned/ and ../shared/corpus/xlsx/ and the raster-flowchart
PDFs of ../shared/corpus/bps/ (225, 223, 208, 210; 006 with a symbol overlay); without
../shared the copies in tests/data are read. Per file: steps found, steps with an actor and a
symbol read from the document (not assumed: IMP022/IMP023; over every SOP of a bundle), and —
where a summary written from the page images exists (tests/data/import-expected/{ocr,raster,xlsx}/) —
fields equal to it, how
many of the wrong fields carry a finding (IMP022/023/024/025/029/030 on the step, or SOP012 on a
waktu), and seconds per page. Prints a Markdown table and the totals per folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.importers.dispatch import import_sources  # noqa: E402
from tests.importers.pdf.corpus_score import score  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DATA = ROOT / "tests" / "data"
EXPECTED = DATA / "import-expected"
RASTER = ("bps-225-", "bps-223-", "bps-208-", "bps-210-", "bps-006-")
FLAGS = ("IMP022", "IMP023", "IMP024", "IMP025", "IMP029", "IMP030")


def files() -> list[tuple[str, Path]]:
    """(folder, path) of every file measured."""
    if SHARED.is_dir():
        out = [("scanned", p) for p in sorted((SHARED / "scanned").glob("*.pdf"))]
        out += [("xlsx", p) for p in sorted((SHARED / "xlsx").glob("*.xlsx"))]
        out += [("raster", p) for p in sorted((SHARED / "bps").glob("*.pdf")) if p.name.startswith(RASTER)]
        return out
    print(f"{SHARED} not found: measuring the copies in tests/data only", file=sys.stderr)
    return ([("scanned", p) for p in sorted((DATA / "corpus" / "scanned").glob("*.pdf"))]
            + [("xlsx", p) for p in sorted((DATA / "xlsx").glob("*.xlsx"))]
            + [("raster", p) for p in sorted((DATA / "corpus" / "raster").glob("*.pdf"))])


def expected(path: Path) -> dict[str, Any] | None:
    """The person-made summary of ``path`` in the scheme of corpus_score, or None."""
    for folder in ("ocr", "raster", "xlsx"):
        f = EXPECTED / folder / f"{path.stem}.json"
        if f.is_file():
            data = json.loads(f.read_text(encoding="utf-8"))
            if "steps" not in data:  # the OCR scheme: no / uraian_awal / pelaksana (one name)
                steps = [{"uraian": k["uraian_awal"], "pelaksana": [k["pelaksana"]], "simbol": k["simbol"],
                          "waktu": k["waktu"], "output": k["output"]} for k in data["kegiatan"]]
                data = {"steps": len(steps), "kegiatan": steps, "cabang": data.get("cabang", {})}
            return data
    return None


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _flagged(miss: str, diags: list[Any]) -> bool:
    name = miss.split(":")[0]
    if not name.startswith("kegiatan["):
        return False
    i = int(name[len("kegiatan["):name.index("]")])
    for d in diags:
        if d.path[:2] == ("kegiatan", i) and (d.code in FLAGS or (d.code == "SOP012" and name.endswith(".waktu"))):
            return True
    return False


def measure(folder: str, path: Path) -> dict[str, Any]:
    """One file's figures."""
    started = time.perf_counter()
    results = import_sources(path)  # a bundle gives one result per SOP
    seconds = time.perf_counter() - started
    result = results[0]
    diags = list(result.load.diagnostics)
    sop = result.load.sop
    found = read = 0
    for part in results:
        assumed = {d.path[:2] for d in part.load.diagnostics if d.code in ("IMP022", "IMP023")}
        part_steps = list(part.load.sop.kegiatan) if part.load.sop else []
        found += len(part_steps)
        read += sum(1 for i, k in enumerate(part_steps)
                    if k.pelaksana and k.simbol and ("kegiatan", i) not in assumed)
    name = path.name if len(results) == 1 else f"{path.name} ({len(results)} SOP)"
    row: dict[str, Any] = {"folder": folder, "file": name, "steps": found, "read": read,
                           "pages": _pages(path), "seconds": seconds}
    want = expected(path)
    if want is not None:
        sc = score(sop, want)
        row.update(equal=sc.equal, total=sc.total, wrong=len(sc.misses),
                   wrong_flagged=sum(_flagged(m, diags) for m in sc.misses), want_steps=want["steps"])
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="measure only files whose name contains this")
    args = parser.parse_args()
    rows = [measure(folder, p) for folder, p in files() if args.only in p.name]
    print("| folder | file | steps (expected) | with actor+symbol | fields equal | wrong flagged | s/page |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        eq = f"{r['equal']}/{r['total']} ({100 * r['equal'] / r['total']:.0f} %)" if "total" in r else "—"
        fl = f"{r['wrong_flagged']}/{r['wrong']}" if "total" in r else "—"
        want = f" ({r['want_steps']})" if "want_steps" in r else ""
        print(f"| {r['folder']} | {r['file']} | {r['steps']}{want} | {r['read']}/{r['steps']} | {eq} | {fl} | "
              f"{r['seconds'] / r['pages']:.1f} |")
    print()
    for folder in ("scanned", "xlsx", "raster"):
        part = [r for r in rows if r["folder"] == folder]
        scored = [r for r in part if "total" in r]
        if not part:
            continue
        eq = sum(r["equal"] for r in scored)
        tot = sum(r["total"] for r in scored)
        pages = sum(r["pages"] for r in part)
        secs = sum(r["seconds"] for r in part)
        share = f"{eq}/{tot} = {100 * eq / tot:.1f} %" if tot else "no summary"
        print(f"- {folder}: {len(part)} files, {pages} pages, fields equal {share}, "
              f"wrong fields flagged {sum(r['wrong_flagged'] for r in scored)}/{sum(r['wrong'] for r in scored)}, "
              f"{secs / pages:.1f} s per page")


if __name__ == "__main__":
    main()
