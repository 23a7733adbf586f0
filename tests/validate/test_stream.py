"""The streamed outputs of ``check`` are byte for byte the one-shot ones."""

from __future__ import annotations

import json

import pytest

from sopdoc.all_codes import all_codes
from sopdoc.importers.dispatch import load_source
from sopdoc.model.diagnostic import Severity
from sopdoc.validate.engine import check_loaded
from sopdoc.validate.output import ExitPolicy, FileReport, format_json, format_sarif, format_text
from sopdoc.validate.stream import ReportStream
from tests.conftest import DATA, EXAMPLES


def _reports() -> list[FileReport]:
    paths = [*sorted(EXAMPLES.glob("*.sop.yaml")), DATA / "katalog" / "rusak.sop.yaml"]
    return [FileReport(str(p), check_loaded(load_source(p))) for p in paths]


def _streamed(fmt: str, reports: list[FileReport], lang: str) -> tuple[str, ReportStream]:
    stream = ReportStream(fmt, lang, all_codes() if fmt == "sarif" else None)
    return stream.begin() + "".join(stream.add(r) for r in reports) + stream.end(), stream


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("subset", ["all", "clean-only", "none"])
def test_stream_equals_one_shot(lang: str, subset: str) -> None:
    reports = _reports()
    if subset == "clean-only":
        reports = [r for r in reports if not r.diagnostics]
        assert reports  # the clean example
    elif subset == "none":
        reports = []
    text, stream = _streamed("text", reports, lang)
    assert text == format_text(reports, lang)
    assert _streamed("json", reports, lang)[0] == format_json(reports, lang)
    assert _streamed("sarif", reports, lang)[0] == format_sarif(reports, lang, all_codes())
    for fail_on in Severity:
        assert stream.exit_code(fail_on) == ExitPolicy(fail_on).exit_code(reports)


@pytest.mark.parametrize("value", [
    {}, [], (), "", 0, -7, 2**70, 1.5, -0.0, 1e-07, 1e300, float("nan"), float("inf"), -float("inf"), True, False, None,
    {"a": 1, "b": [1, 2.25, {"c": None, "d": []}], "e": {}, "f": (True, "x")},
    {"teks": 'kutip " dan \\ garis\nbaru\ttab \x01 \u2028 — ① 日本 😀', "kosong": ""},
    [[[]], [{}], [[1], {"x": [False]}]],
    {1: "bukan teks", "b": 2},  # a key json.dumps converts: handed to json.dumps
    {"ok": {2.5: "x"}},
])
@pytest.mark.parametrize("level", [0, 1, 3])
def test_pretty_writes_what_json_dumps_writes(value: object, level: int) -> None:
    from sopdoc.validate.stream import pretty

    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert pretty(value, level) == expected


def test_json_stream_with_extra_members_is_json_dumps_of_the_whole_document() -> None:
    reports = _reports()
    stream = ReportStream("json", "en")
    extra = {"figures": {"total": {"on_time_share": 0.75, "entries": 4}, "cases": [{"kasus": "AG-1", "late": True}]},
             "verification": {"valid": False, "problems": ["entry #2: changed"]}}
    text = stream.begin() + "".join(stream.add(r) for r in reports) + stream.end(extra)
    doc = json.loads(format_json(reports, "en")) | extra
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
