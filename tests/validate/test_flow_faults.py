"""One finding per root cause of a broken flow (issue #14 point 3)."""

from __future__ import annotations

import json
from typing import Any

from sopdoc.model.flow import Flow, Node
from sopdoc.model.sop import Sop
from sopdoc.validate.engine import check
from sopdoc.validate.file_report import FileReport
from sopdoc.validate.flow_faults import flow_faults
from sopdoc.validate.sarif import format_sarif
from tests.validate.cases import build_sop


def _twelve(**changes: dict[str, Any]) -> Sop:
    """A 12-step SOP: Mulai, ten process steps, Selesai; ``changes`` patch steps by number."""
    rows = []
    for no in range(1, 13):
        row: dict[str, Any] = {"no": no, "uraian": f"Melaksanakan tahap {no}", "pelaksana": "Staf",
                               "simbol": "terminator" if no in (1, 12) else "proses",
                               "mutu_baku": {"kelengkapan": ["Berkas"], "waktu": "1 jam", "output": "Berkas"}}
        row.update(changes.get(f"s{no}", {}))
        rows.append(row)
    base = build_sop({})
    return Sop.model_validate({**base.model_dump(mode="json", exclude_none=True), "kegiatan": rows})


def _codes(sop: Sop, code: str) -> list:
    return [d for d in check(sop) if d.code == code]


def test_mid_flow_terminator_is_one_finding_with_the_cut_steps_related() -> None:
    sop = _twelve(s6={"simbol": "terminator"})
    assert _codes(sop, "SOP312") == []
    (d,) = _codes(sop, "SOP309")
    assert d.path == ("kegiatan", 5, "simbol")
    # steps 1-5 cannot reach Selesai (rows 0-4), steps 7-12 are cut off (rows 6-11)
    assert [r.path for r in d.related] == [("kegiatan", i) for i in (0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11)]
    assert "7, 8, 9, 10, 11, 12 tidak terjangkau" in d.message.id


def test_cycle_without_exit_is_one_finding() -> None:
    # step 9 is a decision whose exits both go back to 5: 5..9 loop for ever, 10..12 unreachable
    sop = _twelve(s9={"simbol": "keputusan", "cabang": {"ya": 5, "tidak": 6}})
    found = _codes(sop, "SOP312")
    # one root cause: the loop traps 1..9 and its missing exit cuts off 10..12
    assert [d.path for d in found] == [("kegiatan", 4)]
    cycle = found[0]
    assert "putaran tanpa jalan keluar: kegiatan 5, 6, 7, 8, 9" in cycle.message.id
    assert "kegiatan 10, 11, 12 tidak terjangkau" in cycle.message.id
    assert cycle.message.en.endswith("steps 10, 11, 12 cannot be reached")
    assert [r.path for r in cycle.related] == [("kegiatan", i) for i in (0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11)]


def test_flow_faults_kinds() -> None:
    # 0 -> 1 -> 2(terminator, dead end) | 3 unreachable -> 4 end
    flow = Flow([Node(1, terminator=True), Node(2), Node(3, terminator=True), Node(4), Node(5, terminator=True)])
    (fault,) = flow_faults(flow)
    assert (fault.kind, fault.rows, fault.stuck, fault.cut) == ("dead-end", (2,), (0, 1), (3, 4))
    # a decision branching to itself is a cycle of one row
    loop = Flow([Node(1, terminator=True), Node(2, keputusan=True, ya=2, tidak=2), Node(3, terminator=True)])
    kinds = [(f.kind, f.rows, f.stuck, f.cut) for f in flow_faults(loop)]
    assert kinds == [("cycle", (1,), (0,), (2,))]
    # the whole unreachable run after the cycle is cut off by it, whatever its length
    far = Flow([Node(1, terminator=True), Node(2, keputusan=True, ya=2, tidak=2), Node(3), Node(4, terminator=True),
                Node(5, terminator=True)])
    assert [(f.kind, f.rows, f.cut) for f in flow_faults(far)] == [("cycle", (1,), (2, 3, 4))]
    assert flow_faults(Flow([Node(1, terminator=True), Node(2), Node(3, terminator=True)])) == []


def test_sarif_related_locations() -> None:
    sop = _twelve(s6={"simbol": "terminator"})
    doc = json.loads(format_sarif([FileReport("x.sop.yaml", tuple(check(sop)))]))
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "SOP309"
                 and "relatedLocations" in r]
    related = result["relatedLocations"]
    assert len(related) == 11
    assert related[0]["id"] == 1
    assert related[0]["logicalLocations"] == [{"fullyQualifiedName": "kegiatan[0]"}]
