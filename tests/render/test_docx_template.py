"""The shipped template and user templates: variables, sandbox, clear errors, no output on failure."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings

from sopdoc.errors import UsageError
from sopdoc.importers.own.docx_source import sop_yaml_from_docx
from sopdoc.render.context import CONTEXT_VARIABLES, template_context
from sopdoc.render.docx import docx_bytes, render_docx
from sopdoc.render.docx_template import check_template, sandbox_env
from sopdoc.resources import template_path
from sopdoc.source.writer import sop_to_yaml
from tests.render.docx_helpers import all_text, long_sop, open_docx
from tests.strategies import sops

SHIPPED = ["sop.docx"]  # templates rendered with render/context.py (the period report has its own)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_template_declares_only_context_variables(name: str) -> None:
    tpl = DocxTemplate(str(template_path(name)))
    declared = tpl.get_undeclared_template_variables(sandbox_env())
    assert declared, "the template uses no variable at all"
    assert declared <= set(template_context(long_sop(3)))
    assert set(template_context(long_sop(3))) == set(CONTEXT_VARIABLES)


def _template(tmp_path: Path, *paragraphs: str, name: str = "user") -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


def test_user_template_renders(tmp_path: Path) -> None:
    tpl = _template(tmp_path, "SOP {{ nama }} nomor {{ nomor }}", "{%p for d in dasar_hukum %}", "{{ d }}",
                    "{%p endfor %}")
    doc = open_docx(docx_bytes(long_sop(3), template=tpl))
    assert "SOP SOP Panjang nomor -" in all_text(doc.element.body)


def _bad_cases(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    text = tmp_path / "teks.docx"
    text.write_text("bukan docx", encoding="utf-8")
    zipped = tmp_path / "zip.docx"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("hello.txt", "hi")
    return {
        "not-a-zip": (text, ["not a DOCX"]),
        "zip-not-docx": (zipped, ["not a valid Word document"]),
        "missing": (tmp_path / "tidak-ada.docx", ["file not found"]),
        "syntax": (_template(tmp_path, "Judul", "Nama {{ nama }}", "{% if nomor %}tanpa akhir", name="syntax"),
                   ["Jinja syntax error at line 3", "tanpa akhir"]),
        "unknown": (_template(tmp_path, "{{ nama }} {{ rahasia }}", name="unknown"), ["unknown variable: rahasia"]),
        "internals": (_template(tmp_path, "{{ nama.__class__.__mro__ }}", name="internals"), ["Python internals"]),
        "internals-method": (_template(tmp_path, "{{ instansi.__len__() }}", name="method"), ["Python internals"]),
    }


@pytest.mark.parametrize("case", ["not-a-zip", "zip-not-docx", "missing", "syntax", "unknown", "internals",
                                  "internals-method"])
def test_bad_user_template_is_a_clear_error_and_writes_nothing(case: str, tmp_path: Path) -> None:
    path, words = _bad_cases(tmp_path)[case]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(UsageError) as info:
        render_docx(long_sop(3), out_dir / "x.docx", template=path)
    message = info.value.get("en")
    assert str(path) in message
    for w in words:
        assert w in message
    assert info.value.get("id").startswith(f"templat {path}")
    assert list(out_dir.iterdir()) == []
    with pytest.raises(UsageError):
        check_template(path)


def test_check_template_accepts_the_shipped_one() -> None:
    check_template(template_path("sop.docx"))


def test_source_reader_is_safe_on_hostile_input(tmp_path: Path) -> None:
    bomb = tmp_path / "entity.docx"
    with zipfile.ZipFile(bomb, "w") as zf:
        zf.writestr("customXml/item1.xml", '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    '<source xmlns="urn:sopdoc:source:1">&e;</source>')
    assert sop_yaml_from_docx(bomb) is None
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    assert sop_yaml_from_docx(plain) is None
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"\x00" * 100)
    assert sop_yaml_from_docx(junk) is None
    assert sop_yaml_from_docx(tmp_path / "missing.docx") is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=12, max_actors=5))
def test_any_sop_renders_and_its_source_round_trips(sop) -> None:
    import io

    data = docx_bytes(sop)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
    tmp = io.BytesIO(data)
    assert sop_yaml_from_docx(tmp) == sop_to_yaml(sop)


def test_template_caches_follow_the_file_and_keep_the_sandbox(tmp_path: Path) -> None:
    """Within one process the template's bytes, patched XML and compiled Jinja code are reused;
    editing the file is seen at once, a second template never gets the first one's text, and a
    cached template is still sandboxed."""
    import os

    sop = long_sop(3)
    path = _template(tmp_path, "Satu {{ nama }}", name="cache")
    assert "Satu SOP Panjang" in all_text(open_docx(docx_bytes(sop, template=path)).element.body)
    assert "Satu SOP Panjang" in all_text(open_docx(docx_bytes(sop, template=path)).element.body)
    other = _template(tmp_path, "Dua {{ nomor }}", name="cache-lain")
    text = all_text(open_docx(docx_bytes(sop, template=other)).element.body)
    assert "Dua -" in text and "Satu" not in text
    _template(tmp_path, "Tiga {{ nama.__class__ }}", name="cache")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    with pytest.raises(UsageError, match="internals"):
        docx_bytes(sop, template=path)
    _template(tmp_path, "Empat {{ nama }}", name="cache")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    assert "Empat SOP Panjang" in all_text(open_docx(docx_bytes(sop, template=path)).element.body)


def test_same_sop_gives_the_same_bytes() -> None:
    sop = long_sop(12)
    assert docx_bytes(sop) == docx_bytes(sop)
