"""Hostile templates through ``sopdoc render --template`` and the period report: every escape
and denial-of-service payload is refused (exit 2 / UsageError, one line), ends within seconds,
and writes or reads nothing outside the output folder."""

from __future__ import annotations

import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest
from docx import Document

from sopdoc.cli import main
from sopdoc.errors import UsageError
from sopdoc.render.context import CONTEXT_VARIABLES, template_context
from sopdoc.render.report.context import REPORT_VARIABLES
from sopdoc.render.template_sandbox import plain_context
from tests.conftest import EXAMPLES
from tests.render.docx_helpers import long_sop, open_docx

CLEAN = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"
QUICK = 20.0  # seconds: generous on a loaded machine; the time limit itself is 5 s

ESCAPES = [
    "{{ grafik.tpl.save('SENTINEL') }}",
    "{{ grafik.tpl.write_xml('SENTINEL') }}",
    "{% if logo %}{{ logo.tpl.docx.save('SENTINEL') }}{% endif %}",
    "{{ logo.tpl.docx.save('SENTINEL') }}",
    "{{ grafik.tpl.replace_zipname('docProps/app.xml', 'SECRET') }}",
    "{{ logo.tpl.replace_zipname('docProps/app.xml', 'SECRET') }}",
    "{{ (grafik|attr('tpl')).save('SENTINEL') }}",
    "{{ (logo|attr('tpl')).docx.save('SENTINEL') }}",
    "{{ logo.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{{ joiner.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{{ namespace.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{{ lipsum.__globals__.os.system('touch SENTINEL') }}",
    "{{ range.__globals__.os.system('touch SENTINEL') }}",
    "{{ self.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{% include 'SECRET' %}",
    "{% import 'SECRET' as x %}",
    "{% extends 'SECRET' %}",
]
DOS = [
    "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    "{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}{% endfor %}{% endfor %}"
    "{% endfor %}",
    "{{ 'a'*10**9 }}",
    "{{ 'a' * 1000000000 }}",
    "{% set x = 9 %}{{ x**99999999 }}",
    "{{ 9**99999999 }}",
    "{{ range(10**9)|list }}",
    "{{ range(1000000000)|length }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ 10.0**400 }}",
    "{{ nama|tidakada }}",
    "{{ 1/0 }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'x'.ljust(999999999) }}",
    "{{ 'x'|center(999999999) }}",
    "{{ 'x'|indent(999999999) }}",
    "{{ lipsum(999999999) }}",
]
SOP_KEYS = sorted(CONTEXT_VARIABLES)
REPORT_KEYS = sorted(REPORT_VARIABLES)


def _png() -> bytes:
    """A valid 1×1 PNG (python-docx reads its size)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = zlib.compress(b"\x00\xff\xff\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def _payload(text: str, tmp_path: Path) -> tuple[str, Path, Path]:
    sentinel = tmp_path / "sentinel.txt"
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-JANGAN-BOCOR", encoding="utf-8")
    return text.replace("SENTINEL", str(sentinel)).replace("SECRET", str(secret)), sentinel, secret


SOP_HEAD, REPORT_HEAD = "Judul {{ nama }}", "Judul {{ sop_nama }}"


def _template(tmp_path: Path, text: str, head: str, name: str = "jahat") -> Path:
    """A template whose first paragraph is harmless (``head``) and whose second is ``text``."""
    doc = Document()
    doc.add_paragraph(head)
    doc.add_paragraph(text)
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A source folder with the clean example and a sopdoc.toml whose profile has a logo."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CLEAN, src / CLEAN.name)
    (src / "logo.png").write_bytes(_png())
    (src / "sopdoc.toml").write_text(f'[profil]\nlogo = "{(src / "logo.png").as_posix()}"\n', encoding="utf-8")
    return src / CLEAN.name


def _assert_clean(tmp_path: Path, sentinel: Path, out: Path) -> None:
    assert not sentinel.exists()
    assert not out.exists() or list(out.iterdir()) == []
    assert (tmp_path / "secret.txt").read_text(encoding="utf-8") == "RAHASIA-JANGAN-BOCOR"


@pytest.mark.parametrize("text", ESCAPES + DOS + [f"{{{{ {k}.tpl.save('SENTINEL') }}}}" for k in SOP_KEYS]
                         + [f"{{{{ {k}.docx }}}}" for k in SOP_KEYS]
                         + [f"{{{{ {k}.__class__ }}}}" for k in SOP_KEYS])
def test_sop_render_refuses(text: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, sentinel, _secret = _payload(text, tmp_path)
    template = _template(tmp_path, text, SOP_HEAD)
    out = tmp_path / "out"
    start = time.monotonic()
    code = main(["render", str(project), "--format", "docx", "--template", str(template), "-o", str(out)])
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("galat: templat ") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "RAHASIA" not in err
    assert elapsed < QUICK
    _assert_clean(tmp_path, sentinel, out)


def _report_context() -> dict[str, object]:
    return {k: "x" for k in REPORT_VARIABLES if k != "grafik"}


@pytest.mark.parametrize("text", ESCAPES + DOS + [f"{{{{ {k}.tpl.save('SENTINEL') }}}}" for k in REPORT_KEYS]
                         + [f"{{{{ {k}.docx }}}}" for k in REPORT_KEYS])
def test_report_render_refuses(text: str, tmp_path: Path) -> None:
    from sopdoc.render.report.docx import report_to_docx

    text, sentinel, secret = _payload(text, tmp_path)
    template = _template(tmp_path, text, REPORT_HEAD)
    start = time.monotonic()
    with pytest.raises(UsageError) as info:
        report_to_docx(_report_context(), _png(), template)
    assert time.monotonic() - start < QUICK
    message = info.value.get("en")
    assert message.startswith(f"template {template}") and "\n" not in message and "RAHASIA" not in message
    assert not sentinel.exists()
    assert secret.read_text(encoding="utf-8") == "RAHASIA-JANGAN-BOCOR"


@pytest.fixture(scope="module")
def period_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One demo period instance with its log, for ``sopdoc period render``."""
    import os

    logs = EXAMPLES / "logs"
    home = tmp_path_factory.mktemp("periode")
    sop = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"
    name = "pengumpulan-data-kinerja-2026-TW3"
    cwd = os.getcwd()
    os.chdir(home)
    try:
        assert main(["period", "open", str(sop), "--period", "2026-TW3", "--config", str(logs / "sopdoc.toml"),
                     "--db", "demo.db"]) == 0
        assert main(["log", "import", name, str(logs / f"{name}.csv"), "--db", "demo.db"]) == 0
    finally:
        os.chdir(cwd)
    return home / "demo.db", name


@pytest.mark.parametrize("text", ESCAPES[:8] + DOS[:4] + [DOS[8], DOS[10], DOS[11]])
def test_period_render_cli_refuses(text: str, period_db: tuple[Path, str], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    db, name = period_db
    text, sentinel, _secret = _payload(text, tmp_path)
    template = _template(tmp_path, text, REPORT_HEAD)
    out = tmp_path / "out"
    start = time.monotonic()
    code = main(["period", "render", name, "--format", "docx", "--out", str(out), "--template", str(template),
                 "--db", str(db)])
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 2, err
    # period render first prints the log's verification line ("log: …"); the refusal is one line after it
    problems = [line for line in err.strip().splitlines() if not line.startswith("log: ")]
    assert "Traceback" not in err and len(problems) == 1, err
    assert elapsed < QUICK
    _assert_clean(tmp_path, sentinel, out)


def test_the_harmless_part_of_the_hostile_templates_renders(project: Path, period_db: tuple[Path, str],
                                                            tmp_path: Path) -> None:
    """Control: without a payload both paths succeed, so each refusal above is the payload's."""
    from sopdoc.render.report.docx import report_to_docx

    out = tmp_path / "out"
    code = main(["render", str(project), "--format", "docx", "--template",
                 str(_template(tmp_path, "aman", SOP_HEAD, name="sop")), "-o", str(out)])
    assert code == 0 and len(list(out.iterdir())) == 1
    assert open_docx(report_to_docx(_report_context(), _png(), _template(tmp_path, "aman", REPORT_HEAD)))
    db, name = period_db
    code = main(["period", "render", name, "--format", "docx", "--out", str(tmp_path / "lap"), "--template",
                 str(_template(tmp_path, "aman", REPORT_HEAD, name="lap")), "--db", str(db)])
    assert code == 0 and len(list((tmp_path / "lap").iterdir())) == 1


def test_contexts_are_plain_data() -> None:
    ctx = template_context(long_sop(3), logo="penanda")
    assert plain_context(ctx) == {k: (dict(v) if hasattr(v, "keys") else v) for k, v in ctx.items()}
    with pytest.raises(TypeError, match="logo"):
        plain_context(dict(ctx, logo=Document()))


def test_logo_and_chart_are_pictures_put_in_after_rendering(project: Path, tmp_path: Path) -> None:
    from sopdoc.layout.profile import PageProfile
    from sopdoc.render.docx import docx_bytes
    from sopdoc.render.report.docx import report_to_docx

    template = _template(tmp_path, "Logo: {% if logo %}[{{ logo }}]{% endif %} selesai", SOP_HEAD, name="logo")
    doc = open_docx(docx_bytes(long_sop(3), profile=PageProfile(logo=str(project.parent / "logo.png")),
                               template=template))
    assert len(doc.inline_shapes) == 1
    assert "Logo: [] selesai" in "\n".join(p.text for p in doc.paragraphs)
    assert "gambar:" not in "\n".join(p.text for p in doc.paragraphs)
    doc = open_docx(docx_bytes(long_sop(3), template=template))
    assert len(doc.inline_shapes) == 0 and "Logo:  selesai" in "\n".join(p.text for p in doc.paragraphs)
    report = _template(tmp_path, "{{ grafik }}", REPORT_HEAD, name="laporan")
    out = open_docx(report_to_docx(dict(_report_context(), sop_nama="A & B"), _png(), report))
    assert len(out.inline_shapes) == 1 and out.paragraphs[0].text == "Judul A & B"
