"""XES event logs (IEEE 1849-2016) of one instance or of every instance of an SOP, one trace per case.

A trace is one case (``kasus``) of one instance — the one implicit case of a single-run log is the
instance itself — named ``<instance>`` or ``<instance>/<kasus>``; its attributes say the instance,
period and case (``sopdoc:``). Each effective entry (corrections applied) is two events, ``start``
and ``complete`` (``lifecycle:transition``), named as the process models name the step
(:func:`sopdoc.execution.process_model.activity_name`), with ``time:timestamp``, ``org:resource``
(who), ``org:role`` (the role recorded), ``sopdoc:langkah`` and ``sopdoc:seq``, and on the complete
event of a decision step ``sopdoc:keputusan`` (ya/tidak). Events are in time order (at one moment, a
completion before a start). The log element carries no namespace: the IEEE schema declares its
elements without one (``tests/data/xes/xes-ieee-1849-2016.xsd``). Values have the characters XML
forbids replaced (U+FFFD). The text is produced line by line, so a large log is never held twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sopdoc.execution.entries import LogEntry, current_entries
from sopdoc.execution.process_model import activity_name
from sopdoc.safe_text import xml_attr

__all__ = ["XesTrace", "instance_traces", "xes_lines"]

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<log xes.version="1.0" xes.features="nested-attributes">',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
    '  <classifier name="Aktivitas" keys="concept:name"/>',
)


@dataclass(frozen=True)
class XesTrace:
    """One case of one instance: its effective entries and the steps' descriptions."""

    instance: str
    period: str
    kasus: str
    entries: Sequence[LogEntry]
    uraian: dict[int, str]

    @property
    def name(self) -> str:
        """The trace's concept:name: the instance, and the case when it is named."""
        return f"{self.instance}/{self.kasus}" if self.kasus else self.instance


def instance_traces(instance: str, period: str, entries: Sequence[LogEntry], uraian: dict[int, str]) -> list[XesTrace]:
    """The traces of one instance: its effective entries grouped by case, in order of each case's
    first entry."""
    groups: dict[str, list[LogEntry]] = {}
    for e in current_entries(entries):
        groups.setdefault(e.kasus, []).append(e)
    return [XesTrace(instance, period, kasus, group, uraian) for kasus, group in groups.items()]


def _events(trace: XesTrace) -> Iterator[str]:
    moments = []
    for e in trace.entries:
        name = xml_attr(activity_name(e.langkah, trace.uraian.get(e.langkah, "")))
        for phase, stamp in (("complete", e.selesai), ("start", e.mulai)):
            at = dt.datetime.fromisoformat(stamp)
            moments.append((at, phase == "start", e.seq, phase, at.isoformat(), name, e))
    moments.sort(key=lambda m: m[:3])
    for _at, _start, _seq, phase, stamp, name, e in moments:
        yield "    <event>"
        yield f'      <string key="concept:name" value={name}/>'
        yield f'      <string key="lifecycle:transition" value="{phase}"/>'
        yield f'      <date key="time:timestamp" value={xml_attr(stamp)}/>'
        yield f'      <string key="org:resource" value={xml_attr(e.oleh)}/>'
        yield f'      <string key="org:role" value={xml_attr(e.peran)}/>'
        yield f'      <int key="sopdoc:langkah" value="{e.langkah}"/>'
        yield f'      <int key="sopdoc:seq" value="{e.seq}"/>'
        if phase == "complete" and e.keputusan:
            yield f'      <string key="sopdoc:keputusan" value={xml_attr(e.keputusan)}/>'
        yield "    </event>"


def xes_lines(sop_name: str, traces: Iterable[XesTrace]) -> Iterator[str]:
    """The XES document, one line at a time (no line ends)."""
    yield from _HEAD
    yield f"  <string key=\"concept:name\" value={xml_attr(sop_name)}/>"
    for trace in traces:
        yield "  <trace>"
        yield f"    <string key=\"concept:name\" value={xml_attr(trace.name)}/>"
        yield f"    <string key=\"sopdoc:instans\" value={xml_attr(trace.instance)}/>"
        yield f"    <string key=\"sopdoc:periode\" value={xml_attr(trace.period)}/>"
        if trace.kasus:
            yield f"    <string key=\"sopdoc:kasus\" value={xml_attr(trace.kasus)}/>"
        yield from _events(trace)
        yield "  </trace>"
    yield "</log>"
