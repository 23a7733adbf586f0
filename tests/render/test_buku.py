"""``sopdoc buku``: the book's structure read back (PDF pages, outline, labels, stamped numbers,
contents; DOCX sections, footers, bookmarks), the decree template, and bad input.

The expected page numbers were counted by hand: each SOP of tests/data/revisi prints on two pages
(identity page, one flowchart page), so in a book of three the SOPs start on pages 1, 3 and 5,
after three front pages (cover, decree, contents: i, ii, iii)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sopdoc.cli import main
from sopdoc.render.buku.pdf import roman
from sopdoc.render.buku.sk import DEFAULT_SK, fill_sk

DATA = Path(__file__).resolve().parents[1] / "data" / "revisi"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three SOPs in path order: a/baru, b/lama, b/c/lama (the same SOP twice is allowed)."""
    root = tmp_path / "sop"
    for rel, src in (("a/baru.sop.yaml", "baru.sop.yaml"), ("b/lama.sop.yaml", "lama.sop.yaml"),
                     ("b/c/lama.sop.yaml", "lama.sop.yaml")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / src, root / rel)
    return root


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_roman():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40)] == ["i", "ii", "iii", "iv", "ix", "xiv", "xl"]


def test_pdf_book(capsys, folder, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "buku.pdf"
    code, out, _err = _run(capsys, "buku", str(folder), "-o", str(target), "--sk-nomor", "800/12/2025",
                           "--tempat", "Kota Contoh", "--tanggal", "2 Juni 2025")
    assert code == 0 and out.strip() == f"buku ditulis: {target} (3 SOP)"
    reader = PdfReader(str(target))
    assert len(reader.pages) == 3 + 6
    assert reader.page_labels == ["i", "ii", "iii", "1", "2", "3", "4", "5", "6"]
    titles = [item.title for item in reader.outline]
    assert titles == ["Sampul", "KEPUTUSAN PENGESAHAN", "DAFTAR ISI",
                      "800/01/SOP/2025 — Pelayanan Surat Permohonan", "800/01/SOP/2023 — Pelayanan Surat Permohonan",
                      "800/01/SOP/2023 — Pelayanan Surat Permohonan"]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 1, 2, 3, 5, 7]
    cover, decree, contents = (reader.pages[i].extract_text() for i in range(3))
    assert "BUKU STANDAR OPERASIONAL PROSEDUR" in cover and "2025" in cover and "DINAS KEARSIPAN" in cover
    assert "NOMOR 800/12/2025" in decree and "Ditetapkan di Kota Contoh" in decree
    assert "pada tanggal 2 Juni 2025" in decree and "KEPALA DINAS KEARSIPAN" in decree
    assert "NIP 19690412 199403 1 007" in decree and "Menetapkan 3 Standar Operasional Prosedur" in decree
    lines = contents.splitlines()
    assert [lines[i + 1] for i, line in enumerate(lines) if line == "SEKRETARIAT"] == ["1", "3", "5"]  # Hal.
    for i, number in ((1, "ii"), (3, "1"), (8, "6")):
        assert number in reader.pages[i].extract_text().split(), i


def test_custom_decree_template(capsys, folder, tmp_path):
    from pypdf import PdfReader

    sk = tmp_path / "sk.txt"
    sk.write_text("# komentar\n!KEPUTUSAN $jabatan\nDaftar ($jumlah):\n$daftar\nHarga $$10\n", encoding="utf-8")
    target = tmp_path / "buku.pdf"
    code, _out, _err = _run(capsys, "buku", str(folder), "-o", str(target), "--sk", str(sk))
    assert code == 0
    text = PdfReader(str(target)).pages[1].extract_text()
    assert "komentar" not in text and "Daftar (3):" in text and "Harga $10" in text
    assert "3. 800/01/SOP/2023 — Pelayanan Surat Permohonan" in text


@pytest.mark.parametrize("body, word", [("$jabatan ${__class__}\n", "$__class__"), ("biaya $ 5\n", "$$"),
                                        ("$nama.upper\n", None)])
def test_decree_template_refused_or_plain(capsys, folder, tmp_path, body, word):
    sk = tmp_path / "sk.txt"
    sk.write_text(body, encoding="utf-8")
    code, out, err = _run(capsys, "buku", str(folder), "-o", str(tmp_path / "b.pdf"), "--sk", str(sk))
    if word is None:  # "$nama" then the text ".upper": no attribute is ever looked up
        assert code == 0
        return
    assert code == 2 and out == "" and word in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.pdf").exists()


def test_fill_sk_plain_values_only():
    lines = fill_sk(DEFAULT_SK, {"jabatan": "KEPALA {0.__class__}", "instansi": "X", "nomor_sk": "1"}, ["1. A"])
    texts = [line.text for line in lines]
    assert "KEPUTUSAN KEPALA {0.__class__}" in texts
    assert any(line.indent and line.text == "1. A" for line in lines)


def test_unreadable_file_left_out_exit_1(capsys, folder, tmp_path):
    from pypdf import PdfReader

    (folder / "rusak.sop.yaml").write_text("kegiatan: [\n", encoding="utf-8")
    target = tmp_path / "buku.pdf"
    code, _out, err = _run(capsys, "buku", str(folder), "-o", str(target))
    assert code == 1
    assert "rusak.sop.yaml: tidak masuk buku" in err
    assert len(PdfReader(str(target)).pages) == 9


def test_bad_input_exit_2(capsys, tmp_path):
    (tmp_path / "kosong").mkdir()
    code, _out, err = _run(capsys, "buku", str(tmp_path / "kosong"), "-o", str(tmp_path / "b.pdf"))
    assert code == 2 and "tidak ada berkas SOP" in err
    (tmp_path / "rusak.sop.yaml").write_text("kegiatan: [\n", encoding="utf-8")
    code, _out, err = _run(capsys, "buku", str(tmp_path / "rusak.sop.yaml"), "-o", str(tmp_path / "b.pdf"),
                           "--lang", "en")
    assert code == 2 and "no readable SOP" in err
    code, _out, err = _run(capsys, "buku", str(tmp_path), "-o", str(tmp_path / "b.txt"))
    assert code == 2 and ".pdf atau .docx" in err


def test_docx_book(capsys, folder, tmp_path):
    import docx

    target = tmp_path / "buku.docx"
    code, _out, _err = _run(capsys, "buku", str(folder), "-o", str(target), "--lang", "en")
    assert code == 0
    document = docx.Document(str(target))
    body = document.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert [b.get(f"{{{ns['w']}}}name") for b in body.iterfind(".//w:bookmarkStart", ns)] == ["SOP_1", "SOP_2",
                                                                                                  "SOP_3"]
    sections = body.findall(".//w:sectPr", ns)
    assert len(sections) == 1 + 3 * 2  # front matter, then identity + flowchart section per SOP
    refs = [s for s in sections if s.find("w:footerReference", ns) is not None]
    assert refs == [sections[0]]
    numbering = [(s.find("w:pgNumType", ns).attrib if s.find("w:pgNumType", ns) is not None else None)
                 for s in sections]
    assert numbering[0] == {f"{{{ns['w']}}}fmt": "lowerRoman"} and numbering[1] == {f"{{{ns['w']}}}start": "1"}
    assert all(n is None for n in numbering[2:])
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Page ") and "PAGE" in footer._p.xml and "NUMPAGES" not in footer._p.xml
    assert not [r for r in document.part.rels.values() if r.reltype.endswith("/customXml")]
    ids = [pr.get("id") for pr in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert ids and len(ids) == len(set(ids))
    toc = document.tables[0]
    assert [c.text for c in toc.rows[0].cells] == ["No", "SOP number", "SOP name", "Unit", "Page"]
    assert [row.cells[4].text for row in toc.rows[1:]] == ["1", "3", "5"]


def test_docx_book_in_libreoffice(capsys, folder, tmp_path):
    """LibreOffice lays the DOCX book out on as many pages as the PDF book, numbered alike."""
    pytest.importorskip("pdfplumber")
    from pypdf import PdfReader

    from tests.render.test_docx_libreoffice import SOFFICE, convert

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    target = tmp_path / "buku.docx"
    assert main(["buku", str(folder), "-o", str(target)]) == 0
    capsys.readouterr()
    convert([target], tmp_path / "lo")
    pages = PdfReader(str(tmp_path / "lo" / "buku.pdf")).pages
    assert len(pages) == 9
    feet = [page.extract_text().split() for page in pages]
    assert feet[2][-2:] == ["Halaman", "iii"] or "iii" in feet[2]
    assert "1" in feet[3] and "6" in feet[8]


def test_docx_book_with_logo_relinks_pictures(capsys, folder, tmp_path):
    """Every SOP's kop logo points at a picture part of the book's own package."""
    import docx

    from tests.render.test_pdf_logo import _png

    _png(tmp_path / "logo.png")
    profile = tmp_path / "profil.toml"
    profile.write_text(f'[profil]\nlogo = "{tmp_path / "logo.png"}"\n', encoding="utf-8")
    target = tmp_path / "buku.docx"
    assert main(["buku", str(folder), "-o", str(target), "--profile", str(profile)]) == 0
    document = docx.Document(str(target))
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    blips = [b.get(embed) for b in document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
    assert len(blips) == 3
    assert all(rid in document.part.related_parts for rid in blips)
    assert document.part.related_parts[blips[0]].blob == (tmp_path / "logo.png").read_bytes()


def _bind_calls(entry, count: int) -> int:
    """Python function calls (cProfile's count, no clock) of binding ``count`` copies of ``entry``."""
    import cProfile
    import dataclasses
    import pstats

    from sopdoc.layout.profile import PageProfile
    from sopdoc.render.buku.docx import bind_docx
    from sopdoc.render.buku.front import Cover

    entries = [dataclasses.replace(entry, nomor=f"{i}/SOP/2025") for i in range(count)]
    profiler = cProfile.Profile()
    profiler.enable()
    data = bind_docx(entries, Cover("BUKU", ("DINAS",), "2025", count), [], PageProfile(), "id")
    profiler.disable()
    assert data.startswith(b"PK")
    return pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]


def test_docx_book_binding_is_linear():
    """Each further SOP costs the binding the same work, however many came before: doubling the
    book's added SOPs doubles the added calls (a contents table filled through python-docx's
    ``table.cell``, which lists every cell on each call, made it quadratic: 478 s at 1,000 SOPs)."""
    from sopdoc.layout.profile import PageProfile
    from sopdoc.render.buku.entries import BukuJob, render_entry

    entry = render_entry(BukuJob(str(DATA / "lama.sop.yaml"), "docx", PageProfile()))
    assert entry.data is not None
    c8, c16, c32 = (_bind_calls(entry, n) for n in (8, 16, 32))
    first, second = c16 - c8, c32 - c16
    assert first > 0 and second <= 2.2 * first, (c8, c16, c32)


def test_docx_book_spooled_to_disk_is_the_same(monkeypatch):
    """Past ``SPOOL_MEMORY`` the SOPs' bodies wait in a temporary file; the book is the same bytes."""
    import sopdoc.render.buku.docx as book_docx
    from sopdoc.layout.profile import PageProfile
    from sopdoc.render.buku.entries import BukuJob, render_entry
    from sopdoc.render.buku.front import Cover

    entries = [render_entry(BukuJob(str(DATA / name), "docx", PageProfile())) for name in ("baru.sop.yaml",
                                                                                             "lama.sop.yaml")]
    args = (entries, Cover("BUKU", ("DINAS",), "2025", 2), [], PageProfile(), "en")
    in_memory = book_docx.bind_docx(*args)
    rolled = []
    real = book_docx.tempfile.SpooledTemporaryFile

    def spool(max_size: int) -> Any:
        rolled.append(real(max_size=1))
        return rolled[-1]

    monkeypatch.setattr(book_docx.tempfile, "SpooledTemporaryFile", spool)
    assert book_docx.bind_docx(*args) == in_memory
    assert rolled and rolled[0]._rolled and rolled[0].closed


def test_docx_book_bound_while_rendering_leaves_out_unreadable(capsys, folder, tmp_path):
    """The DOCX book binds each SOP as it is rendered: an unreadable file in the middle is left out,
    the others keep their order and bookmarks; a folder with nothing readable writes no book."""
    import docx

    (folder / "b" / "rusak.sop.yaml").write_text("kegiatan: [\n", encoding="utf-8")
    target = tmp_path / "buku.docx"
    code, _out, err = _run(capsys, "buku", str(folder), "-o", str(target))
    assert code == 1 and "rusak.sop.yaml: tidak masuk buku" in err
    body = docx.Document(str(target)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [b.get(f"{w}name") for b in body.iter(f"{w}bookmarkStart")] == ["SOP_1", "SOP_2", "SOP_3"]
    bad = tmp_path / "rusak"
    bad.mkdir()
    (bad / "rusak.sop.yaml").write_text("kegiatan: [\n", encoding="utf-8")
    code, _out, err = _run(capsys, "buku", str(bad), "-o", str(tmp_path / "kosong.docx"))
    assert code == 2 and "tidak ada SOP yang dapat dibaca" in err and not (tmp_path / "kosong.docx").exists()
