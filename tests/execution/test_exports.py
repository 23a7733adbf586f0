"""Exports for process-mining tools (issue #15 point 7): XES across instances and cases against the IEEE
1849-2016 schema, the SOP as BPMN 2.0 against the OMG schema set, and as a PNML Petri net.

Expected traces, lanes, gateways, places and transitions are written by hand from the fixture SOP
keputusan-loop (1 Kepala Dinas → 2 Kasubag Perencanaan → 3 Kepala Bidang, a decision: ya → 4, tidak
→ 2 → 4 Kepala Dinas → 5 Kasubag Perencanaan).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.execution.helpers import DATA, LOOP_SOP, loop_flow

xmlschema = pytest.importorskip("xmlschema")

SCHEMAS = DATA.parent
XES_XSD = SCHEMAS / "xes" / "xes-ieee-1849-2016.xsd"
BPMN_XSD = SCHEMAS / "bpmn" / "BPMN20.xsd"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
PNML = "{http://www.pnml.org/version-2009/grammar/pnml}"

OKTOBER = """kasus,langkah,oleh,peran,mulai,selesai,output,keputusan,kelengkapan
AG-1,1,Budi,Kepala Dinas,2026-10-05 08:00,2026-10-05 08:20,Surat,,lengkap
AG-2,1,Budi,Kepala Dinas,2026-10-05 08:20,2026-10-05 08:40,Surat,,lengkap
AG-1,2,Sari,Kasubag Perencanaan,2026-10-05 08:30,2026-10-05 10:00,Konsep,,lengkap
AG-1,3,Made,Kepala Bidang,2026-10-05 10:00,2026-10-05 10:30,Konsep,tidak,lengkap
AG-1,2,Sari,Kasubag Perencanaan,2026-10-05 10:30,2026-10-05 11:00,Konsep,,lengkap
AG-1,3,Made,Kepala Bidang,2026-10-05 11:00,2026-10-05 11:30,Konsep,ya,lengkap
"""
NOVEMBER = """langkah,oleh,peran,mulai,selesai,output,keputusan,kelengkapan
1,Budi,Kepala Dinas,2026-11-02 08:00,2026-11-02 08:20,Surat,,lengkap
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOPDOC_DB", str(tmp_path / "uji.db"))
    monkeypatch.delenv("SOPDOC_LANG", raising=False)
    for period, log in (("2026-10", OKTOBER), ("2026-11", NOVEMBER)):
        assert main(["period", "open", str(LOOP_SOP), "--period", period]) == 0
        Path(f"{period}.csv").write_text(log, encoding="utf-8")
        assert main(["log", "import", f"keputusan-loop-{period}", f"{period}.csv", "--dicatat-oleh", "uji"]) == 0
    capsys.readouterr()
    return tmp_path / "uji.db"


def _attrs(el: ET.Element) -> dict[str, str]:
    return {a.get("key", ""): a.get("value", "") for a in el if a.tag != "event"}


def test_xes_of_an_sop_holds_every_instance_and_case_and_is_valid_ieee_1849(db: Path) -> None:
    assert main(["period", "export", "keputusan-loop-2026-11", "--format", "xes", "-o", "sop.xes"]) == 0
    text = Path("sop.xes").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(XES_XSD)).validate(text)
    root = ET.fromstring(text)
    assert _attrs(root)["concept:name"] == "Penyusunan Laporan Triwulan"
    traces = root.findall("trace")
    assert [_attrs(t)["concept:name"] for t in traces] == [
        "keputusan-loop-2026-10/AG-1", "keputusan-loop-2026-10/AG-2", "keputusan-loop-2026-11"]
    assert [(_attrs(t)["sopdoc:periode"], _attrs(t).get("sopdoc:kasus")) for t in traces] == [
        ("2026-10", "AG-1"), ("2026-10", "AG-2"), ("2026-11", None)]
    events = [_attrs(e) for e in traces[0].findall("event")]
    assert [(e["concept:name"], e["lifecycle:transition"]) for e in events] == [
        ("1. Menerbitkan surat permintaan data", "start"), ("1. Menerbitkan surat permintaan data", "complete"),
        ("2. Menyusun konsep laporan", "start"), ("2. Menyusun konsep laporan", "complete"),
        ("3. Memeriksa konsep laporan", "start"), ("3. Memeriksa konsep laporan", "complete"),
        ("2. Menyusun konsep laporan", "start"), ("2. Menyusun konsep laporan", "complete"),
        ("3. Memeriksa konsep laporan", "start"), ("3. Memeriksa konsep laporan", "complete")]
    assert [e.get("sopdoc:keputusan") for e in events if e["lifecycle:transition"] == "complete"] == [
        None, None, "tidak", None, "ya"]
    assert events[2]["org:resource"] == "Sari" and events[2]["org:role"] == "Kasubag Perencanaan"
    assert events[0]["time:timestamp"] == "2026-10-05T08:00:00+08:00"
    # at 10:00 step 2 completes and step 3 starts: the completion comes first
    assert [e["time:timestamp"][11:16] for e in events[3:5]] == ["10:00", "10:00"]


def test_the_xes_schema_refuses_what_the_standard_does_not_allow() -> None:
    schema = xmlschema.XMLSchema(str(XES_XSD))
    good = '<log xes.version="1.0"><trace><event><string key="concept:name" value="a"/></event></trace></log>'
    schema.validate(good)
    for bad in (good.replace("<log ", '<log xmlns="http://www.xes-standard.org/" '),  # a namespace it lacks
                good.replace('xes.version="1.0"', ""),  # version required
                good.replace("<string", "<text")):  # no such attribute type
        assert not schema.is_valid(bad), bad


def test_the_single_instance_export_is_valid_xes_too(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "export", "keputusan-loop-2026-10", "--format", "xes"]) == 0
    text = capsys.readouterr().out
    xmlschema.XMLSchema(str(XES_XSD)).validate(text)
    assert [_attrs(t)["concept:name"] for t in ET.fromstring(text).findall("trace")] == [
        "keputusan-loop-2026-10/AG-1", "keputusan-loop-2026-10/AG-2"]


def test_bpmn_is_valid_omg_bpmn_2_with_a_lane_per_actor_and_a_gateway_per_decision(db: Path) -> None:
    assert main(["period", "export", "keputusan-loop-2026-10", "--format", "bpmn", "-o", "sop.bpmn"]) == 0
    text = Path("sop.bpmn").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(BPMN_XSD)).validate(text)
    process = ET.fromstring(text).find(f"{BPMN}process")
    assert process is not None
    lanes = {lane.get("name"): [r.text for r in lane] for lane in process.iter(f"{BPMN}lane")}
    assert lanes == {"Kepala Dinas": ["langkah_1", "langkah_4"],
                     "Kasubag Perencanaan": ["langkah_2", "langkah_5"],
                     "Kepala Bidang": ["langkah_3", "keputusan_3"]}
    assert [g.get("id") for g in process.iter(f"{BPMN}exclusiveGateway")] == ["keputusan_3"]
    flows = {(f.get("sourceRef"), f.get("targetRef"), f.get("name")) for f in process.iter(f"{BPMN}sequenceFlow")}
    assert flows == {("mulai", "langkah_1", None), ("langkah_1", "langkah_2", None), ("langkah_2", "langkah_3", None),
                     ("langkah_3", "keputusan_3", None), ("keputusan_3", "langkah_4", "ya"),
                     ("keputusan_3", "langkah_2", "tidak"), ("langkah_4", "langkah_5", None),
                     ("langkah_5", "selesai_1", None)}
    assert [t.get("name") for t in process.iter(f"{BPMN}task")] == [
        "1. Menerbitkan surat permintaan data", "2. Menyusun konsep laporan", "3. Memeriksa konsep laporan",
        "4. Menandatangani laporan", "5. Mengirim laporan"]


def test_the_bpmn_schema_refuses_a_broken_process() -> None:
    from sopdoc.execution.process_model import bpmn_xml

    schema = xmlschema.XMLSchema(str(BPMN_XSD))
    text = bpmn_xml(loop_flow(), "Uji")
    assert schema.is_valid(text)
    assert not schema.is_valid(text.replace("<exclusiveGateway", "<exclusiveGate").replace(
        "</exclusiveGateway", "</exclusiveGate"))  # no such element
    assert not schema.is_valid(text.replace(' targetNamespace="urn:sopdoc:sop"', ""))  # required attribute


def _net(text: str) -> tuple[dict[str, str | None], set[str], list[tuple[str, str]], str]:
    root = ET.fromstring(text)
    page = root.find(f"{PNML}net/{PNML}page")
    assert page is not None
    labels = {t.get("id", ""): (t.findtext(f"{PNML}name/{PNML}text")) for t in page.findall(f"{PNML}transition")}
    places = {p.get("id", "") for p in page.findall(f"{PNML}place")}
    arcs = [(a.get("source", ""), a.get("target", "")) for a in page.findall(f"{PNML}arc")]
    marked = [p.get("id", "") for p in page.findall(f"{PNML}place") if p.find(f"{PNML}initialMarking") is not None]
    return labels, places, arcs, marked[0]


def _replay(text: str, activities: list[str]) -> Counter[str]:
    """Play ``activities`` on the net (silent transitions fired as needed, by a small search); the final
    marking."""
    labels, _places, arcs, start = _net(text)
    pre = {t: Counter(s for s, d in arcs if d == t) for t in labels}
    post = {t: Counter(d for s, d in arcs if s == t) for t in labels}

    def fire(marking: Counter[str], t: str) -> Counter[str] | None:
        if any(marking[p] < n for p, n in pre[t].items()):
            return None
        return marking - pre[t] + post[t]

    def closure(marking: Counter[str]) -> list[Counter[str]]:
        out, todo = [marking], [marking]
        while todo:
            m = todo.pop()
            for t, label in labels.items():
                if label is None and (n := fire(m, t)) is not None and n not in out:
                    out.append(n)
                    todo.append(n)
        return out

    markings = [Counter({start: 1})]
    for activity in activities:
        step = [t for t, label in labels.items() if label == activity]
        markings = [n for m in markings for r in closure(m) for t in step if (n := fire(r, t)) is not None]
        assert markings, f"{activity} cannot fire"
    return next(m for ms in markings for m in closure(ms) if m == Counter({"akhir": 1}))


def test_pnml_is_a_workflow_net_that_replays_the_sop_and_its_tidak_loop(db: Path) -> None:
    assert main(["period", "export", "keputusan-loop-2026-10", "--format", "pnml", "-o", "sop.pnml"]) == 0
    text = Path("sop.pnml").read_text(encoding="utf-8")
    labels, places, arcs, start = _net(text)
    assert start == "awal"
    assert places == {"awal", "akhir", "sebelum_1", "sebelum_2", "sebelum_3", "diputuskan_3", "sebelum_4",
                      "sebelum_5"}
    assert sorted(v for v in labels.values() if v) == [
        "1. Menerbitkan surat permintaan data", "2. Menyusun konsep laporan", "3. Memeriksa konsep laporan",
        "4. Menandatangani laporan", "5. Mengirim laporan"]
    assert sum(v is None for v in labels.values()) == 3  # the start and the two exits of decision 3
    assert all(s in places | set(labels) and d in places | set(labels) for s, d in arcs)
    steps = ["1. Menerbitkan surat permintaan data", "2. Menyusun konsep laporan", "3. Memeriksa konsep laporan"]
    end = ["4. Menandatangani laporan", "5. Mengirim laporan"]
    assert _replay(text, steps + end) == Counter({"akhir": 1})
    assert _replay(text, steps + steps[1:] + end) == Counter({"akhir": 1})  # through the Tidak loop
    with pytest.raises(AssertionError, match="cannot fire"):
        _replay(text, [steps[0], steps[2]])  # step 2 skipped


def test_export_of_an_unknown_instance_is_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "export", "tidak-ada", "--format", "bpmn"]) == 2
    err = capsys.readouterr().err
    assert "instans tidak dikenal" in err and "Traceback" not in err
