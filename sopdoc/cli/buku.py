"""Command of the book: ``buku`` (every SOP of a folder bound into one PDF or DOCX)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.model.diagnostic import Teks

BOOK_SUFFIXES = (".pdf", ".docx")
PLACEHOLDER = "..."
"""What the decree shows for a value nobody gave (its number, place, date): a gap to fill by hand."""


@cli.command(help=_help(
    "buku",
    "Susun Buku SOP: semua SOP dalam FILE/direktori (*.sop.yaml, .pdf, .docx, .xlsx, .txt; direktori "
    "ditelusuri rekursif, urut menurut jalur) menjadi satu PDF atau DOCX: sampul, keputusan "
    "pengesahan (SK) dari templat, daftar isi dengan nomor halaman, lalu halaman tiap SOP, bernomor "
    "halaman sepanjang buku, dengan penanda (bookmark) per SOP di PDF.\n\n"
    "Contoh: sopdoc buku sop/ -o buku.pdf --judul 'Buku SOP Dinas Kearsipan' --sk-nomor 800/12/2025\n\n"
    "Templat SK (--sk) berupa teks dengan $variabel: instansi, judul, tahun, jumlah, nomor_sk, tempat, "
    "tanggal, jabatan, nama, nip, pangkat, daftar. Baris '!…' dicetak tebal di tengah, '>…' di "
    "kolom tanda tangan, '---' baris kosong.\n\n"
    "Kode keluar: 0 semua SOP masuk buku, 1 ada berkas yang tidak dapat dibaca (dilewati, disebut di "
    "stderr), 2 kesalahan penggunaan atau tidak ada SOP yang terbaca.",
    "Bind a Buku SOP: every SOP in FILE/directory (*.sop.yaml, .pdf, .docx, .xlsx, .txt; directories "
    "walked recursively, in path order) into one PDF or DOCX: cover, the decree of approval (SK) from "
    "a template, contents with page numbers, then each SOP's pages, numbered across the book, with a "
    "PDF bookmark per SOP.\n\n"
    "Example: sopdoc buku sop/ -o book.pdf --judul 'Buku SOP Dinas Kearsipan' --sk-nomor 800/12/2025\n\n"
    "The decree template (--sk) is text with $variables: instansi, judul, tahun, jumlah, nomor_sk, "
    "tempat, tanggal, jabatan, nama, nip, pangkat, daftar. Lines '!…' are bold and centred, '>…' go "
    "in the signature column, '---' is a blank line.\n\n"
    "Exit codes: 0 every SOP bound, 1 some file could not be read (skipped, named on stderr), "
    "2 usage error or no readable SOP.",
))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "output", required=True, type=click.Path(dir_okay=False),
              help=_help("buku.output", "Berkas buku: NAMA.pdf atau NAMA.docx.", "The book: NAME.pdf or NAME.docx."))
@click.option("--judul", default="BUKU STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN", show_default=True,
              help=_help("buku.judul", "Judul pada sampul.", "Title on the cover."))
@click.option("--instansi", multiple=True,
              help=_help("buku.instansi", "Baris nama instansi (dapat diulang; bawaan: kop yang paling sering).",
                         "Agency line (repeatable; default: the most frequent kop)."))
@click.option("--tahun", default=None,
              help=_help("buku.tahun", "Tahun pada sampul (bawaan: tahun terbaru SOP).",
                         "Year on the cover (default: the SOPs' latest year)."))
@click.option("--sk", "sk_path", type=click.Path(dir_okay=False), default=None,
              help=_help("buku.sk_path", "Templat teks keputusan pengesahan (bawaan: templat sopdoc).",
                         "Text template of the decree (default: sopdoc's own)."))
@click.option("--sk-nomor", default=PLACEHOLDER, help=_help("buku.sk_nomor", "Nomor keputusan.", "Decree number."))
@click.option("--tempat", default=PLACEHOLDER, help=_help("buku.tempat", "Tempat ditetapkan.", "Place of decree."))
@click.option("--tanggal", default=PLACEHOLDER, help=_help("buku.tanggal", "Tanggal ditetapkan.", "Date of decree."))
@click.option("--paper", type=click.Choice(["f4", "a4"]), default=None,
              help=_help("buku.paper", "Ukuran kertas (menimpa profil).", "Paper size (overrides the profile)."))
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None,
              help=_help("buku.profile_path", "Berkas TOML dengan tabel [profil].", "TOML file with a [profil] table."))
@lang_option
@click.pass_context
def buku(ctx: click.Context, inputs: tuple[str, ...], output: str, judul: str, instansi: tuple[str, ...],
         tahun: str | None, sk_path: str | None, sk_nomor: str, tempat: str, tanggal: str, paper: str | None,
         profile_path: str | None) -> None:
    with contextlib.ExitStack() as stack:  # the DOCX book's spool is closed however the command ends
        _buku(ctx, stack, inputs, output, judul, instansi, tahun, sk_path, sk_nomor, tempat, tanggal, paper,
              profile_path)


def _buku(ctx: click.Context, stack: contextlib.ExitStack, inputs: tuple[str, ...], output: str, judul: str,
          instansi: tuple[str, ...], tahun: str | None, sk_path: str | None, sk_nomor: str, tempat: str,
          tanggal: str, paper: str | None, profile_path: str | None) -> None:
    from sopdoc.atomic import OutputSet
    from sopdoc.batch import run_batch
    from sopdoc.cli.progress import progress
    from sopdoc.cli.render import _read_profile
    from sopdoc.errors import SopdocError
    from sopdoc.render.buku.docx import DocxBook
    from sopdoc.render.buku.entries import BukuJob, Entry, render_entry
    from sopdoc.render.buku.sk import DEFAULT_SK, read_sk_template

    lang = _lang(ctx)
    target = Path(output)
    fmt = target.suffix.lower().lstrip(".")
    if target.suffix.lower() not in BOOK_SUFFIXES:
        fail(ctx, Teks(f"buku harus berakhiran .pdf atau .docx: {output}",
                       f"the book must end in .pdf or .docx: {output}"))
    try:
        template = read_sk_template(Path(sk_path)) if sk_path else DEFAULT_SK
        profile = _read_profile(profile_path or "", paper, inputs[0])
    except SopdocError as exc:
        fail(ctx, exc.teks)
    paths = _book_inputs(ctx, inputs)
    entries: list[Entry] = []
    failed = 0
    word = "galat" if lang == "id" else "error"
    # The DOCX book binds each SOP as it comes back, while the workers render the next ones.
    docx_book = stack.enter_context(DocxBook()) if fmt == "docx" else None
    with progress(len(paths), Teks("Mencetak SOP", "Rendering SOPs").get(lang)) as bar:
        for _job, entry in run_batch(render_entry, [BukuJob(str(p), fmt, profile) for p in paths]):
            bar.advance()
            if entry.data is None:
                failed += 1
                click.echo(f"{entry.path}: {word}: {entry.error.get(lang) if entry.error else ''}", err=True)
                click.echo(f"{entry.path}: " + Teks("tidak masuk buku", "left out of the book").get(lang), err=True)
                continue
            if entry.notes:
                click.echo(Teks(f"{entry.path}: catatan: {entry.notes} temuan impor (lihat sopdoc import)",
                                f"{entry.path}: note: {entry.notes} import findings (see sopdoc import)").get(lang),
                           err=True)
            if docx_book is not None:
                docx_book.add(entry)
                entry = dataclasses.replace(entry, data=b"")  # bound: its document is in the book now
            entries.append(entry)
    if not entries:
        fail(ctx, Teks("tidak ada SOP yang dapat dibaca untuk buku", "no readable SOP for the book"))
    cover, sk_lines = _front(entries, template, judul, instansi, tahun, sk_nomor, tempat, tanggal)
    if docx_book is not None:
        data = docx_book.finish(entries, cover, sk_lines, profile, lang)
    else:
        from sopdoc.render.buku.pdf import bind_pdf

        with progress(len(entries), Teks("Menjilid", "Binding").get(lang)) as bar:
            data = bind_pdf(entries, cover, sk_lines, profile, lang, bar.advance)
    with OutputSet() as outputs:
        outputs.add(target, data)
        outputs.commit()
    click.echo(Teks(f"buku ditulis: {target} ({len(entries)} SOP)", f"book written: {target} ({len(entries)} SOPs)")
               .get(lang))
    ctx.exit(1 if failed else 0)


def _book_inputs(ctx: click.Context, inputs: tuple[str, ...]) -> list[Path]:
    """Files as named; directories walked for SOP sources and importable documents, by path."""
    from sopdoc.importers.dispatch import expand_imports, expand_inputs

    paths: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if not p.exists():
            fail(ctx, Teks(f"tidak ada: {raw}", f"not found: {raw}"))
        if p.is_dir():
            found = {*expand_inputs([raw]), *(Path(f) for f, _stem in expand_imports([raw]))}
            paths.extend(sorted(found))
        else:
            paths.append(p)
    if not paths:
        fail(ctx, Teks("tidak ada berkas SOP yang ditemukan", "no SOP files found"))
    return paths


def _front(entries: list[Any], template: str, judul: str, instansi: tuple[str, ...], tahun: str | None,
           nomor_sk: str, tempat: str, tanggal: str) -> tuple[Any, Any]:
    """The cover and the decree's lines; what the options leave open comes from the SOPs (the most
    frequent kop and signatory, the latest year)."""
    from sopdoc.render.buku.front import Cover
    from sopdoc.render.buku.sk import fill_sk

    kop = instansi or _most_common([e.instansi for e in entries if e.instansi]) or ()
    years = [e.tahun for e in entries if e.tahun]
    year = tahun or str(max(years) if years else dt.date.today().year)
    signer = _most_common([e.pengesah for e in entries if any(e.pengesah)]) or ("", "", "", "")
    blank = PLACEHOLDER
    values = {"instansi": " ".join(kop) or blank, "judul": judul, "tahun": year, "jumlah": str(len(entries)),
              "nomor_sk": nomor_sk, "tempat": tempat, "tanggal": tanggal, "jabatan": (signer[0] or blank).upper(),
              "nama": signer[1] or blank, "nip": signer[2] or blank, "pangkat": signer[3]}
    daftar = [f"{i}. {' — '.join(x for x in (e.nomor, e.nama) if x) or e.path}" for i, e in enumerate(entries, 1)]
    return Cover(judul, tuple(kop), year, len(entries)), fill_sk(template, values, daftar)


def _most_common(values: list[Any]) -> Any:
    return Counter(values).most_common(1)[0][0] if values else None
