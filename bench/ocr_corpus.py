"""Scans, workbooks and raster-flowchart PDFs against summaries a person wrote (issue #13 point 7).

Usage: .venv/bin/python bench/ocr_corpus.py [--only SUBSTRING] [--misses]

Reads every file of ../shared/corpus/scanned/ and ../shared/corpus/xlsx/ and the raster-flowchart
PDFs of ../shared/corpus/bps/ (225, 223, 208, 210; 006 with a symbol overlay); without
../shared the copies in tests/data are read. Per file: steps found, steps with an actor and a
symbol read from the document (not assumed: IMP022/IMP023; over every SOP of a bundle), and —
where a summary written from the page images exists (tests/data/import-expected/{ocr,raster,xlsx}/;
a bundle's lists its SOPs under ``sops``, compared with the bundle's results in order) —
fields equal to it, how many of the wrong fields carry a finding (IMP022/023/024/025/029/030 on
the step, or SOP012 on a waktu; for a decision's exit, on the step of that number; and how many
on the field itself), how many right fields are
flagged all the same (a finding on the field itself: needless work for the reviewer), and
seconds per page, wall and CPU (this process and its children: Tesseract, page workers).
Prints a Markdown table and the totals per folder; ``--misses`` lists every wrong field."""

from __future__ import annotations

import argparse
import json
import resource
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


def _ocr_scheme(data: dict[str, Any]) -> dict[str, Any]:
    """The OCR scheme (no / uraian_awal / pelaksana as one name) in the scheme of corpus_score."""
    if "steps" in data:
        return data
    steps = [{"uraian": k["uraian_awal"], "pelaksana": [k["pelaksana"]], "simbol": k["simbol"],
              "waktu": k["waktu"], "output": k["output"],
              **({"kelengkapan": k["kelengkapan"]} if "kelengkapan" in k else {})} for k in data["kegiatan"]]
    return {"steps": len(steps), "kegiatan": steps, "cabang": data.get("cabang", {})}


def expected(path: Path) -> list[dict[str, Any]] | None:
    """The person-made summaries of ``path`` in the scheme of corpus_score, one per SOP (a bundle's
    summary lists its SOPs in file order under ``sops``), or None."""
    for folder in ("ocr", "raster", "xlsx"):
        f = EXPECTED / folder / f"{path.stem}.json"
        if f.is_file():
            data = json.loads(f.read_text(encoding="utf-8"))
            return [_ocr_scheme(part) for part in data.get("sops", [data])]
    return None


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _field_path(name: str) -> tuple[Any, ...] | None:
    """The model path of a scored field name (``kegiatan[2].waktu`` → kegiatan, 2, mutu_baku, waktu)."""
    if not name.startswith("kegiatan[") or "." not in name:
        return None
    i = int(name[len("kegiatan["):name.index("]")])
    key = name.split(".", 1)[1]
    return ("kegiatan", i, "mutu_baku", key) if key in ("waktu", "output", "kelengkapan") else ("kegiatan", i, key)


def _flagged(miss: str, diags: list[Any], sop: Any = None) -> bool:
    """A finding on the step of a wrong field (any of FLAGS, or SOP012 on its waktu); for a
    decision's exit (``cabang[3].ya``), a finding on the step numbered so."""
    name = miss.split(":")[0]
    if name.startswith("cabang[") and sop is not None:
        no = int(name[len("cabang["):name.index("]")])
        steps = [i for i, k in enumerate(sop.kegiatan) if k.no == no]
        return bool(steps) and any(d.path[:2] == ("kegiatan", steps[0]) and d.code in FLAGS for d in diags)
    if not name.startswith("kegiatan["):
        return False
    i = int(name[len("kegiatan["):name.index("]")])
    for d in diags:
        if d.path[:2] == ("kegiatan", i) and (d.code in FLAGS or (d.code == "SOP012" and name.endswith(".waktu"))):
            return True
    return False


def _field_flagged(name: str, diags: list[Any]) -> bool:
    """A finding (any of FLAGS) on exactly this field."""
    path = _field_path(name.split(":")[0])
    return path is not None and any(d.code in FLAGS and tuple(d.path) == path for d in diags)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (Tesseract, page workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(folder: str, path: Path) -> dict[str, Any]:
    """One file's figures."""
    started = time.perf_counter()
    cpu0 = _cpu()
    results = import_sources(path)  # a bundle gives one result per SOP
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu0
    found = read = 0
    for part in results:
        assumed = {d.path[:2] for d in part.load.diagnostics if d.code in ("IMP022", "IMP023")}
        part_steps = list(part.load.sop.kegiatan) if part.load.sop else []
        found += len(part_steps)
        read += sum(1 for i, k in enumerate(part_steps)
                    if k.pelaksana and k.simbol and ("kegiatan", i) not in assumed)
    name = path.name if len(results) == 1 else f"{path.name} ({len(results)} SOP)"
    row: dict[str, Any] = {"folder": folder, "file": name, "steps": found, "read": read,
                           "pages": _pages(path), "seconds": seconds,
                           "cpu": cpu}
    wants = expected(path)
    if wants is not None:
        equal = total = wrong = wrong_flagged = wrong_field = right_flagged = 0
        misses: list[str] = []
        for i, want in enumerate(wants):
            got = results[i] if i < len(results) else None
            part_sop = got.load.sop if got is not None else None
            part_diags = list(got.load.diagnostics) if got is not None else []
            sc = score(part_sop, want)
            equal += sc.equal
            total += sc.total
            wrong += len(sc.misses)
            wrong_flagged += sum(_flagged(m, part_diags, part_sop) for m in sc.misses)
            wrong_field += sum(_field_flagged(m, part_diags) for m in sc.misses)
            right_flagged += sum(_field_flagged(h, part_diags) for h in sc.hits)
            misses += [f"SOP {i + 1}: {m}" + (" [flagged]" if _flagged(m, part_diags, part_sop) else "")
                       for m in sc.misses]
            misses += [f"SOP {i + 1}: {h}: right but flagged" for h in sc.hits if _field_flagged(h, part_diags)]
        row.update(equal=equal, total=total, wrong=wrong, wrong_flagged=wrong_flagged, wrong_field=wrong_field,
                   right_flagged=right_flagged, misses=misses,
                   want_steps=sum(w["steps"] for w in wants))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="measure only files whose name contains this")
    parser.add_argument("--misses", action="store_true", help="list every wrong field (and every right one flagged)")
    args = parser.parse_args()
    rows = [measure(folder, p) for folder, p in files() if args.only in p.name]
    print("| folder | file | steps (expected) | with actor+symbol | fields equal | wrong flagged (step / field) "
          "| right flagged | s/page wall | s/page CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        eq = f"{r['equal']}/{r['total']} ({100 * r['equal'] / r['total']:.0f} %)" if "total" in r else "—"
        fl = f"{r['wrong_flagged']} / {r['wrong_field']} of {r['wrong']}" if "total" in r else "—"
        rf = f"{r['right_flagged']}/{r['equal']}" if "total" in r else "—"
        want = f" ({r['want_steps']})" if "want_steps" in r else ""
        print(f"| {r['folder']} | {r['file']} | {r['steps']}{want} | {r['read']}/{r['steps']} | {eq} | {fl} | {rf} | "
              f"{r['seconds'] / r['pages']:.1f} | {r['cpu'] / r['pages']:.1f} |")
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
        cpu = sum(r["cpu"] for r in part)
        share = f"{eq}/{tot} = {100 * eq / tot:.1f} %" if tot else "no summary"
        print(f"- {folder}: {len(part)} files, {pages} pages, fields equal {share}, "
              f"wrong fields flagged {sum(r['wrong_flagged'] for r in scored)}/{sum(r['wrong'] for r in scored)} "
              f"(on the field itself {sum(r['wrong_field'] for r in scored)}), "
              f"right fields flagged {sum(r['right_flagged'] for r in scored)}/{eq}, "
              f"{secs / pages:.1f} s per page wall, {cpu / pages:.1f} s CPU")
    if args.misses:
        for r in rows:
            for m in r.get("misses", []):
                print(f"  {r['file']}: {m}")


if __name__ == "__main__":
    main()
