"""Hypothesis over the decoders in process: text splitting, PDF stream measuring, DOCX numbers,
and ``sopdoc check`` / ``sopdoc import`` on arbitrary YAML and text (documented exit codes, never
an exception)."""

from __future__ import annotations

import contextlib
import io
import re
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopdoc.cli import main
from sopdoc.importers.docx.reader import _int
from sopdoc.importers.grid.steps import split_items
from sopdoc.importers.pdf.importer import MAX_RULE_PAIRS, MAX_TABLE_RULES, _too_dense
from sopdoc.importers.pdf.streams import StreamTooLarge, check_streams, decoded_size

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _split_items_regex(text: str) -> list[str]:
    """The regular expression split_items replaced (the oracle; quadratic on long whitespace)."""
    parts = re.split(r"\s*,\s*|\n+|\s*(?:^|\s)[-•·]\s+", text)
    return [p.strip(" -•·") for p in parts if p and p.strip(" -•·")]


@FAST
@given(st.text(alphabet=" \t\n\u3000,-•·ab1", max_size=40))
def test_split_items_splits_like_the_regex_it_replaced(text: str) -> None:
    assert split_items(text) == _split_items_regex(text)


def test_split_items_known_cells() -> None:
    assert split_items("KTP, KK\n- Surat\n• Foto") == ["KTP", "KK", "Surat", "Foto"]
    assert split_items("a\u3000,\u3000b") == ["a", "b"]


def test_split_items_is_linear_on_long_whitespace() -> None:
    start = time.perf_counter()
    assert split_items("a" + "\u3000" * 200_000 + "b,c") == ["a" + "\u3000" * 200_000 + "b", "c"]
    assert time.perf_counter() - start < 2.0  # the regex took 31 s on 40,000


def _pdf_stream(data: bytes, filters: bytes) -> bytes:
    return (b"%PDF-1.4\n7 0 obj\n<< /Length " + str(len(data)).encode() + b" /Filter " + filters
            + b" >>\nstream\n" + data + b"\nendstream\nendobj\n")


def test_stream_check_refuses_chained_and_indirect_bombs() -> None:
    once = zlib.compress(b"\0" * (40 * 1024 * 1024), 9)
    twice = zlib.compress(once, 9)
    for data, filters in ((once, b"/FlateDecode"), (twice, b"[/Fl /Fl]"), (twice, b"9 0 R"),
                          (twice.hex().encode() + b">", b"[/AHx /FlateDecode /FlateDecode]")):
        with pytest.raises(StreamTooLarge, match="objek 7"):
            check_streams(_pdf_stream(data, filters))
    small = zlib.compress(b"x" * 1000)
    check_streams(_pdf_stream(small, b"/FlateDecode"))
    assert decoded_size(small, [b"FlateDecode"]) == 1000
    assert decoded_size(bytes([255, 120, 128]), [b"RunLengthDecode"]) == 2  # 257 - 255 copies of 'x'


def test_stream_check_sums_streams_up() -> None:
    one = zlib.compress(b" " * (20 * 1024 * 1024), 9)
    doc = b"".join(_pdf_stream(one, b"/FlateDecode").replace(b"7 0 obj", b"%d 0 obj" % k) for k in range(1, 8))
    with pytest.raises(StreamTooLarge, match="> 128 MB"):
        check_streams(doc)


@FAST
@given(st.binary(max_size=400), st.sampled_from([b"/FlateDecode", b"[/AHx /Fl]", b"/LZWDecode", b"/RL",
                                                 b"/A85", b"/DCTDecode", b"3 0 R", b"[/Nonsense]"]))
def test_stream_check_never_raises_anything_else(data: bytes, filters: bytes) -> None:
    with contextlib.suppress(StreamTooLarge):
        check_streams(_pdf_stream(data, filters) + data)


class _Page:
    def __init__(self, flat: int, tall: int) -> None:
        self.objects = {"line": [{"height": 0.5}] * flat + [{"height": 40.0}] * tall}


def test_dense_pages_are_not_searched_for_tables() -> None:
    assert _too_dense(_Page(300, 200)) == ""  # more than the densest corpus page (538 rules)
    assert _too_dense(_Page(MAX_TABLE_RULES, 1)).startswith(f"{MAX_TABLE_RULES + 1} > ")
    assert _too_dense(_Page(1200, 1200)) == f"1200 × 1200 > {MAX_RULE_PAIRS}"


class _El(dict):
    pass


@pytest.mark.parametrize("raw, expected, fixed", [
    ("3", 3, False), (" 7 ", 7, False), ("NaN", 1, True), ("inf", 1, True), ("1e8", 1, True),
    ("100000000", 10, True), ("-4", 1, True), ("99999999999999999999", 1, True), ("٣", 1, True),
])
def test_docx_numbers_are_parsed_defensively(raw: str, expected: int, fixed: bool) -> None:
    fixes: list = []
    assert _int(_El(v=raw), "v", 1, 1, 10, "gridSpan", fixes) == expected
    assert bool(fixes) is fixed


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


_TOKENS = [*"abnoiklstu:- \n[]{},'\"&*!|>#0123456789.", "kegiatan", "identitas", "pelaksana", "uraian", "nama",
           "no", "\t", "\u3000", "NaN", "1e999", "  - "]
_YAMLISH = st.lists(st.sampled_from(_TOKENS), max_size=120).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(_YAMLISH, st.text(max_size=200)))
def test_check_of_any_yaml_text_exits_cleanly(tmp_path: Path, text: str) -> None:
    src = tmp_path / "acak.sop.yaml"
    src.write_text("sopdoc: 1\n" + text, encoding="utf-8")
    code, _out = _run(["check", str(src)])
    assert code in (0, 1, 2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(["NO | KEGIATAN | PELAKSANA | MUTU BAKU", "1 | Mulai | [] |", "Nama SOP :",
                                           "Nomor SOP :", "Dasar Hukum", "Kelengkapan :", "\u3000" * 50, "- , -"]),
                          st.text(max_size=40)), max_size=25))
def test_import_of_any_text_exits_cleanly(tmp_path: Path, lines: list[str]) -> None:
    src = tmp_path / "acak.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    code, _out = _run(["import", str(src), "-o", str(tmp_path / "keluar")])
    assert code in (0, 1, 2)
