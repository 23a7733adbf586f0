"""The checker's floor on the independent test set tests/data/realistic/ (bench/checker_quality.py).

The expected findings were written by the SOPs' author from the regulation, never from the
checker's output. Raise the floors when the checker improves; never lower them to pass.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REALISTIC = ROOT / "tests" / "data" / "realistic"

RECALL_FLOOR = 0.97
PRECISION_FLOOR = 0.95


def _bench():
    spec = importlib.util.spec_from_file_location("checker_quality", ROOT / "bench" / "checker_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_set_is_large_and_every_sop_has_a_sidecar():
    sops = sorted(REALISTIC.glob("*.sop.yaml"))
    assert len(sops) >= 30
    clean = 0
    for sop in sops:
        sidecar = sop.with_name(sop.name.removesuffix(".sop.yaml") + ".expected.yaml")
        findings = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["findings"]
        for f in findings:
            assert set(f) <= {"code", "path", "why"} and f["code"].startswith("SOP"), (sop.name, f)
            assert f.get("why"), (sop.name, f)  # every planted defect says which rule of the regulation it breaks
        clean += not findings
    assert clean >= 8


def test_recall_precision_and_clean_sops_hold_the_floor():
    q = _bench().measure(REALISTIC)
    assert q.clean_findings == 0, q.false
    assert q.recall >= RECALL_FLOOR, q.missed
    assert q.precision >= PRECISION_FLOOR, q.false


def test_a_miss_and_a_false_finding_are_counted(tmp_path):
    bench = _bench()
    src = (REALISTIC / "c01-kelurahan-domisili.sop.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.sop.yaml").write_text(src.replace("nomor: 470/012/PTB/2024", "nomor: 470/012/PTB"), encoding="utf-8")
    (tmp_path / "a.expected.yaml").write_text(
        "findings:\n  - {code: SOP101, path: identitas.nama, why: planted}\n", encoding="utf-8")
    q = bench.measure(tmp_path)
    assert (q.expected, q.matched, q.recall) == (1, 0, 0.0)
    assert [(code, path) for _, code, path in q.false] == [("SOP103", "identitas.nomor")]
    assert q.precision == 0.0
