"""The shipped templates render in this process (no fork); every other template still renders in
the child process of the sandbox, and both paths give the same document."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from sopdoc.errors import UsageError
from sopdoc.layout import PageProfile
from sopdoc.render import docx as docx_module
from sopdoc.render import docx_template
from sopdoc.render.context import CONTEXT_VARIABLES, template_context
from sopdoc.render.docx import docx_bytes
from sopdoc.render.docx_template import SHIPPED_TEMPLATES, check_template, is_shipped, render_document
from sopdoc.resources import template_path
from tests.conftest import EXAMPLES
from tests.render.docx_helpers import load
from tests.render.test_pdf_logo import _png

CLEAN = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the forks made while the test runs (each still happens)."""
    made: list[int] = []
    real = os.fork

    def counting() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting)
    return made


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any fork fails the test."""
    def refuse() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", refuse)


@pytest.mark.usefixtures("no_fork")
def test_shipped_templates_render_without_a_child() -> None:
    for name in SHIPPED_TEMPLATES:
        assert is_shipped(template_path(name))
    data = docx_bytes(load(CLEAN))
    assert data[:2] == b"PK"
    check_template(template_path("sop.docx"))


def test_a_user_template_still_forks(tmp_path: Path, forks: list[int]) -> None:
    doc = Document(str(template_path("sop.docx")))
    doc.add_paragraph("Disusun oleh {{ nama }}")
    user = tmp_path / "milik-pengguna.docx"
    doc.save(str(user))
    assert not is_shipped(user)
    docx_bytes(load(CLEAN), template=user)
    assert len(forks) == 1


def test_trust_follows_the_content_not_the_name(tmp_path: Path, forks: list[int]) -> None:
    copy = tmp_path / "sop.docx"
    shutil.copy(template_path("sop.docx"), copy)
    assert is_shipped(copy)
    docx_bytes(load(CLEAN), template=copy)
    assert forks == []
    with copy.open("ab") as fh:  # one byte more: no longer ours
        fh.write(b"\0")
    assert not is_shipped(copy)
    assert not is_shipped(tmp_path / "tidak-ada.docx")


@pytest.mark.parametrize("case", ["clean", "draft", "logo", "worksheet"])
def test_the_unrendered_body_gives_the_same_bytes(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sopdoc's own identity page replaces the shipped template's body, so the painter leaves that
    body unrendered (``shipped_document``): the document is the one rendering it gave."""
    sop = load(CLEAN)
    profile = PageProfile()
    if case == "draft":
        sop = sop.model_copy(update={"identitas": sop.identitas.model_copy(update={"tanggal_efektif": None})})
    elif case == "logo":
        _png(tmp_path / "logo.png", 5, 3)
        profile = PageProfile(logo=str(tmp_path / "logo.png"))
    elif case == "worksheet":
        sop = load(EXAMPLES / "seed-000-distan-buleleng.sop.yaml")
        assert sop.lembar_kerja is not None
    fast = docx_bytes(sop, profile=profile)
    monkeypatch.setattr(docx_module, "shipped_document", lambda *_a: None)
    assert docx_bytes(sop, profile=profile) == fast


def test_both_paths_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    sop = load(CLEAN)
    fast = docx_bytes(sop)
    monkeypatch.setattr(docx_template, "is_shipped", lambda _path: False)
    assert docx_bytes(sop) == fast


@pytest.mark.usefixtures("no_fork")
def test_the_shipped_path_keeps_the_sandbox() -> None:
    """In-process rendering still takes plain data only: a live object is refused before Jinja."""
    context: dict[str, Any] = dict(template_context(load(CLEAN)))
    context["nama"] = object()
    with pytest.raises(TypeError, match="not plain data"):
        render_document(template_path("sop.docx"), context, CONTEXT_VARIABLES)
    with pytest.raises(UsageError):
        render_document(template_path("sop.docx"), template_context(load(CLEAN)), ())
