"""The streamed outputs of ``check`` are byte for byte the one-shot ones."""

from __future__ import annotations

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
