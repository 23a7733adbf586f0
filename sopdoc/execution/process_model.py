"""An SOP's flowchart as a process model for process-mining tools: BPMN 2.0 and a PNML Petri net.

Both are built from the steps pinned with an instance (:class:`~sopdoc.execution.pinned.StepTable`)
and its one Flow, so a log can be checked against the SOP it was recorded under (conformance
checking, e.g. pm4py's token replay or alignments; see ``examples/pm4py_conformance.py``).

Activities are named as the XES export names its events (:func:`activity_name`: ``"3. Memeriksa
konsep"``). A decision step is a task followed by an exclusive gateway (BPMN) or by two silent
transitions (PNML), one per exit ("ya", "tidak"); an exit without a target, and a step without a
successor, ends the process. BPMN has one lane per actor; a step with several actors is placed in
the lane of its first one (a flow node belongs to one lane here), a step without one in the lane
"(tanpa pelaksana)".
"""

from __future__ import annotations

from sopdoc.execution.pinned import StepTable
from sopdoc.safe_text import xml_attr, xml_escape

__all__ = ["BPMN_NS", "activity_name", "bpmn_xml", "pnml_xml"]

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NO_ACTOR = "(tanpa pelaksana)"
_EXITS = ("ya", "tidak")


def activity_name(no: int, uraian: str) -> str:
    """The name of step ``no`` as an activity: in the XES log, the BPMN task and the PNML transition."""
    return f"{no}. {uraian}".strip()


def _edges(flow: StepTable) -> list[tuple[int, str, int | None]]:
    """(step, exit, next step or None for the end): exit "" for the one way on, "ya"/"tidak" at a decision."""
    out: list[tuple[int, str, int | None]] = []
    for s in flow.steps:
        if s.keputusan:
            out += [(s.no, word, flow.branch_target(s.no, word)) for word in _EXITS]
            continue
        nxt = sorted(flow.successors(s.no))
        out += [(s.no, "", n) for n in nxt] or [(s.no, "", None)]
    return out


def _reachable(flow: StepTable) -> list[int]:
    """The steps reachable from the first step of the main path, in row order (each step once)."""
    main = flow.main_path()
    if not main:
        return []
    seen, todo = {main[0]}, [main[0]]
    while todo:
        for n in flow.successors(todo.pop()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    out = []
    for s in flow.steps:
        if s.no in seen and s.no not in out:
            out.append(s.no)
    return out


def bpmn_xml(flow: StepTable, name: str) -> str:
    """The SOP as a BPMN 2.0 process (semantic model, no diagram interchange): a start event, one
    task per step, an exclusive gateway after each decision with its "ya" and "tidak" flows, end
    events, and one lane per actor."""
    steps = _reachable(flow)
    lanes: dict[str, list[str]] = {}
    nodes: list[str] = ['    <startEvent id="mulai" name="Mulai"/>']
    flows: list[str] = []

    def link(source: str, target: str, label: str = "") -> None:
        named = f" name={xml_attr(label)}" if label else ""
        flows.append(f'    <sequenceFlow id="alur_{len(flows) + 1}"{named} sourceRef="{source}" targetRef="{target}"/>')

    ends = 0

    def target_of(n: int | None) -> str:
        nonlocal ends
        if n is not None and n in steps:
            return f"langkah_{n}"
        ends += 1
        nodes.append(f'    <endEvent id="selesai_{ends}" name="Selesai"/>')
        return f"selesai_{ends}"

    if steps:
        link("mulai", f"langkah_{steps[0]}")
    edges = _edges(flow)
    for no in steps:
        step = flow.step(no)
        assert step is not None
        task = f"langkah_{no}"
        nodes.append(f"    <task id={xml_attr(task)} name={xml_attr(activity_name(no, step.uraian))}/>")
        lanes.setdefault(step.pelaksana[0] if step.pelaksana else NO_ACTOR, []).append(task)
        outs = [(word, n) for s, word, n in edges if s == no]
        if step.keputusan:
            gate = f"keputusan_{no}"
            nodes.append(f'    <exclusiveGateway id="{gate}" name="Keputusan langkah {no}"/>')
            lanes[step.pelaksana[0] if step.pelaksana else NO_ACTOR].append(gate)
            link(task, gate)
            for word, n in outs:
                link(gate, target_of(n), word)
        else:
            for _, n in outs:
                link(task, target_of(n))
    lane_xml = []
    for i, (actor, refs) in enumerate(lanes.items(), start=1):
        lane_xml.append(f'      <lane id="jalur_{i}" name={xml_attr(actor)}>')
        lane_xml += [f"        <flowNodeRef>{r}</flowNodeRef>" for r in refs]
        lane_xml.append("      </lane>")
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<definitions xmlns="{BPMN_NS}" id="sopdoc" name={xml_attr(name)} '
        'targetNamespace="urn:sopdoc:sop" exporter="sopdoc">',
        f'  <process id="sop" name={xml_attr(name)} isExecutable="false">',
        '    <laneSet id="pelaksana">', *lane_xml, "    </laneSet>",
        *nodes, *flows,
        "  </process>",
        "</definitions>",
    ]) + "\n"


def _silent(tid: str) -> str:
    """A silent transition: no name, and marked invisible the way ProM and pm4py read it."""
    return (f'      <transition id="{tid}"><toolspecific tool="ProM" version="6.4" activity="$invisible$" '
            f'localNodeID="{tid}"/></transition>')


def pnml_xml(flow: StepTable, name: str) -> str:
    """The SOP as a PNML place/transition net (a workflow net): a source and a sink place, a place
    before each step and a labelled transition per step; a decision step's transition feeds a place
    left by one silent transition per exit (unnamed, with ProM's ``$invisible$`` tool-specific mark).
    The initial marking is one token in the source place ``awal``; the final marking (not part of
    PNML) is one token in the sink place ``akhir``."""
    steps = _reachable(flow)
    places = ['      <place id="awal"><name><text>awal</text></name><initialMarking><text>1</text></initialMarking>'
              "</place>", '      <place id="akhir"><name><text>akhir</text></name></place>']
    transitions: list[str] = []
    arcs: list[str] = []

    def arc(source: str, target: str) -> None:
        arcs.append(f'      <arc id="busur_{len(arcs) + 1}" source="{source}" target="{target}"/>')

    def place_of(n: int | None) -> str:
        return f"sebelum_{n}" if n is not None and n in steps else "akhir"

    if steps:
        silent_start = "t_mulai"
        transitions.append(_silent(silent_start))
        arc("awal", silent_start)
        arc(silent_start, place_of(steps[0]))
    edges = _edges(flow)
    for no in steps:
        step = flow.step(no)
        assert step is not None
        places.append(f'      <place id="sebelum_{no}"/>')
        t = f"t_{no}"
        transitions.append(f"      <transition id=\"{t}\"><name><text>{xml_escape(activity_name(no, step.uraian))}"
                           "</text></name></transition>")
        arc(place_of(no), t)
        outs = [(word, n) for s, word, n in edges if s == no]
        if step.keputusan:
            decided = f"diputuskan_{no}"
            places.append(f'      <place id="{decided}"/>')
            arc(t, decided)
            for word, n in outs:
                branch = f"t_{no}_{word}"
                transitions.append(_silent(branch))
                arc(decided, branch)
                arc(branch, place_of(n))
        else:
            for _, n in outs:
                arc(t, place_of(n))
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">',
        '  <net id="sop" type="http://www.pnml.org/version-2009/grammar/ptnet">',
        f"    <name><text>{xml_escape(name)}</text></name>",
        '    <page id="halaman_1">', *places, *transitions, *arcs, "    </page>",
        "  </net>",
        "</pnml>",
    ]) + "\n"
