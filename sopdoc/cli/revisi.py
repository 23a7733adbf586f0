"""Command of the revision stage: ``diff`` (what changed between two versions of an SOP)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.model.diagnostic import Teks

REDLINE_SUFFIXES = (".pdf", ".docx")


@cli.command(help=_help(
    "diff",
    "Bandingkan dua versi SOP: LAMA dan BARU berupa *.sop.yaml atau dokumen yang dapat diimpor "
    "(.pdf, .docx, .xlsx, .txt). Langkah ditambah, dihapus, dipindah, dinomori ulang; pelaksana, "
    "simbol, waktu, kelengkapan, output, tujuan keputusan; identitas dan keenam kotak.\n\n"
    "Contoh: sopdoc diff sop-2023.pdf sop-2025.sop.yaml -o redline.pdf\n\n"
    "-o FILE.pdf|FILE.docx menulis redline: lembar SOP versi baru dengan sel yang berubah diwarnai, "
    "lalu daftar perubahan (semula → menjadi) untuk berkas persetujuan revisi.\n\n"
    "Kode keluar: 0 tidak ada perubahan, 1 ada perubahan, 2 masukan tidak terbaca atau kesalahan penggunaan.",
    "Compare two versions of an SOP: OLD and NEW are *.sop.yaml files or importable documents "
    "(.pdf, .docx, .xlsx, .txt). Steps added, removed, moved, renumbered; actor, symbol, time, "
    "requirements, output, decision targets; identity and the six boxes.\n\n"
    "Example: sopdoc diff sop-2023.pdf sop-2025.sop.yaml -o redline.pdf\n\n"
    "-o FILE.pdf|FILE.docx writes a redline: the new version's SOP sheets with the changed cells "
    "coloured, then the list of changes (old → new) for a revision's approval file.\n\n"
    "Exit codes: 0 no differences, 1 differences, 2 unreadable input or usage error.",
))
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("diff.fmt", "Format keluaran di layar.", "Output format on stdout."))
@click.option("-o", "--out", "output", type=click.Path(dir_okay=False), default=None,
              help=_help("diff.output", "Tulis redline ke FILE.pdf atau FILE.docx.",
                         "Write a redline to FILE.pdf or FILE.docx."))
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None,
              help=_help("diff.profile_path", "Berkas TOML dengan tabel [profil] untuk redline.",
                         "TOML file with a [profil] table for the redline."))
@lang_option
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, fmt: str, output: str | None, profile_path: str | None) -> None:
    from sopdoc.revisi.compare import diff_sops
    from sopdoc.revisi.output import revisi_json, revisi_text

    lang = _lang(ctx)
    if output is not None and not output.lower().endswith(REDLINE_SUFFIXES):
        fail(ctx, Teks(f"redline harus berakhiran .pdf atau .docx: {output}",
                       f"the redline must end in .pdf or .docx: {output}"))
    sop_old = _load(ctx, Path(old))
    sop_new = _load(ctx, Path(new))
    revisi = diff_sops(sop_old, sop_new)
    shown = revisi_json if fmt == "json" else revisi_text
    click.echo(shown(revisi, old, new, lang), nl=False)
    if output is not None:
        _write_redline(ctx, sop_old, sop_new, revisi, old, new, Path(output), profile_path)
    ctx.exit(0 if revisi.sama else 1)


def _load(ctx: click.Context, path: Path) -> Any:
    """The SOP of one version, or exit 2 with one line naming why it cannot be read; import
    findings (what an importer could not read) are counted on stderr, never dropped silently."""
    from sopdoc.importers.dispatch import load_source
    from sopdoc.model.diagnostic import Severity

    lang = _lang(ctx)
    if not path.exists():
        fail(ctx, Teks(f"berkas tidak ada: {path}", f"file not found: {path}"))
    if path.is_dir():
        fail(ctx, Teks(f"bukan berkas: {path}", f"not a file: {path}"))
    result = load_source(path)
    if result.sop is None:
        first = next((d for d in result.diagnostics if d.severity is Severity.ERROR), None)
        reason = f": {first.code} {first.message.get(lang)}" if first else ""
        fail(ctx, Teks(f"{path} tidak dapat dibaca sebagai SOP{reason}", f"{path} cannot be read as an SOP{reason}"))
    imp = [d for d in result.diagnostics if d.code.startswith("IMP")]
    if imp:
        click.echo(Teks(f"{path}: catatan: {len(imp)} temuan impor (lihat sopdoc import {path})",
                        f"{path}: note: {len(imp)} import findings (see sopdoc import {path})").get(lang), err=True)
    return result.sop


def _write_redline(ctx: click.Context, old: Any, new: Any, revisi: Any, old_name: str, new_name: str,
                   target: Path, profile_path: str | None) -> None:
    from sopdoc.atomic import OutputSet
    from sopdoc.cli.render import _read_profile
    from sopdoc.errors import SopdocError
    from sopdoc.render.redline import redline_docx, redline_pdf

    lang = _lang(ctx)
    try:
        profile = _read_profile(profile_path or "", None, new_name)
    except SopdocError as exc:
        fail(ctx, exc.teks)
    paint = redline_pdf if target.suffix.lower() == ".pdf" else redline_docx
    data = paint(old, new, revisi, old_name=old_name, new_name=new_name, lang=lang, profile=profile)
    with OutputSet() as outputs:
        outputs.add(target, data)
        outputs.commit()
    click.echo(Teks(f"redline ditulis: {target}", f"redline written: {target}").get(lang), err=True)
