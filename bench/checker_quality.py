"""Recall and precision of the checker on the independent test set ``tests/data/realistic/``.

Usage: .venv/bin/python bench/checker_quality.py [-v]

Each ``*.sop.yaml`` there has a sidecar ``*.expected.yaml`` listing the findings its author
planted (code and location, written from PermenPAN-RB 35/2012 and DOMAIN.md §9, never from the
checker's output); files whose sidecar lists none are the clean SOPs. A finding of the checker
matches an expected one when the code is equal and the expected location is a prefix of the
finding's path (``kegiatan[2]`` matches ``kegiatan[2].simbol``; an empty location matches any
path). Each expected finding is matched at most once. Prints recall, precision and the number of
findings on the clean SOPs; ``-v`` lists every miss and every false finding.

Then the imported corpus (:mod:`tests.validate.judged`): every PDF judged in
``tests/data/judged-findings/`` (one TOML per document, each finding of ``sopdoc check`` with a
verdict written from the page: ``benar`` a true defect, ``salah`` a false positive, ``impor`` an
import artefact) is imported in memory and checked, and each finding (IMP findings aside) is
matched to a judgement by code and location. Prints the findings, the three counts, the
false-positive rate (salah / findings), the import-artefact rate (impor / findings) and every
finding that has no judgement. The PDFs are read from ``tests/data/corpus/`` or, for the few not
copied there, from ``../shared/corpus/``; a document found in neither is skipped and counted.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.model.diagnostic import format_path  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402
from sopdoc.validate.engine import check_loaded  # noqa: E402
from tests.validate.judged import judge_corpus  # noqa: E402

REALISTIC = ROOT / "tests" / "data" / "realistic"


@dataclass
class Quality:
    """The figures of one run: counts, and what was missed or found wrongly (file, code, path)."""

    files: int = 0
    clean_files: int = 0
    expected: int = 0
    matched: int = 0
    found: int = 0
    clean_findings: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    false: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return (self.found - len(self.false)) / self.found if self.found else 1.0


def _covers(expected_path: str, path: str) -> bool:
    if not expected_path:
        return True
    return path == expected_path or path.startswith(expected_path + ".") or path.startswith(expected_path + "[")


def measure(folder: Path = REALISTIC) -> Quality:
    """Score the checker on every SOP of ``folder`` against its sidecar."""
    q = Quality()
    for sop_file in sorted(folder.glob("*.sop.yaml")):
        sidecar = sop_file.with_name(sop_file.name.removesuffix(".sop.yaml") + ".expected.yaml")
        wanted = [(str(f["code"]), str(f.get("path", ""))) for f in
                  (yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}).get("findings") or []]
        got = [(d.code, format_path(d.path)) for d in check_loaded(load_sop(sop_file))]
        q.files += 1
        q.expected += len(wanted)
        q.found += len(got)
        if not wanted:
            q.clean_files += 1
            q.clean_findings += len(got)
        open_wanted = list(wanted)
        for code, path in got:
            hit = next((w for w in open_wanted if w[0] == code and _covers(w[1], path)), None)
            if hit is None:
                q.false.append((sop_file.name, code, path))
            else:
                open_wanted.remove(hit)
                q.matched += 1
        q.missed.extend((sop_file.name, code, path) for code, path in open_wanted)
    return q


def main(argv: list[str]) -> int:
    q = measure()
    print(f"files: {q.files} ({q.clean_files} clean); expected findings: {q.expected}; checker findings: {q.found}")
    print(f"recall:    {q.recall:6.1%} ({q.matched}/{q.expected})")
    print(f"precision: {q.precision:6.1%} ({q.found - len(q.false)}/{q.found})")
    print(f"findings on clean SOPs: {q.clean_findings}")
    if "-v" in argv:
        for name, code, path in q.missed:
            print(f"  missed {code} {path or '-'} in {name}")
        for name, code, path in q.false:
            print(f"  false  {code} {path or '-'} in {name}")
    j = judge_corpus()
    print(f"corpus PDFs: {j.documents} judged documents checked, {len(j.skipped)} not found")
    print(f"corpus findings: {j.total}; benar {j.counts['benar']}, salah {j.counts['salah']}, "
          f"impor {j.counts['impor']}; without judgement {len(j.unjudged)}")
    print(f"false positives:  {j.fp_rate:6.1%} (salah / findings)")
    print(f"import artefacts: {j.impor_rate:6.1%} (impor / findings)")
    for doc, code, path in j.unjudged:
        print(f"  unjudged {code} {path or '-'} in {doc}")
    if "-v" in argv:
        for doc, code, path, reason in j.false:
            print(f"  salah  {code} {path or '-'} in {doc}: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
