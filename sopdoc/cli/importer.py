"""Command of the import stage: ``import`` (text extractions, PDF and DOCX → *.sop.yaml)."""

from __future__ import annotations

from pathlib import Path

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.cli.outputs import refuse_same_outputs
from sopdoc.cli.spelling import old_spelling, take_old_spelling_required
from sopdoc.model.diagnostic import Teks


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".txt", ".pdf", ".docx"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


@cli.command("import", help=_help(
    "import",
    "Impor dokumen SOP lama (.txt hasil ekstraksi, .pdf, .docx) ke DIR sebagai NAMA.sop.yaml, "
    "dengan laporan impor NAMA.import.txt dan NAMA.import.json (asal tiap isian, tebakan, "
    "dan kehilangan sebagai temuan IMPxxx). Periksa hasilnya dengan `sopdoc check`.\n\n"
    "Kode keluar: 0 semua berkas diimpor, 1 ada berkas yang tidak dapat diimpor, "
    "2 kesalahan penggunaan.\n\n"
    "Keluaran satu berkas ditulis utuh atau tidak sama sekali. Dua berkas yang akan menghasilkan "
    "nama keluaran yang sama (mis. y.txt dan y.docx) ditolak sebelum apa pun ditulis (kode 2).",
    "Import existing SOP documents (.txt extractions, .pdf, .docx) into DIR as NAME.sop.yaml, with "
    "an import report NAME.import.txt and NAME.import.json (where each field came from, "
    "guesses and losses as IMPxxx findings). Check the result with `sopdoc check`.\n\n"
    "Exit codes: 0 every file imported, 1 a file could not be imported, 2 usage error.\n\n"
    "The outputs of one file are written all together or not at all. Two files that would give the "
    "same output name (e.g. y.txt and y.docx) are refused before anything is written (exit 2).",
))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "output", type=click.Path(file_okay=False), callback=take_old_spelling_required,
              help=_help("import.output", "Direktori keluaran (dibuat bila belum ada).",
                         "Output directory (created if missing)."))
@old_spelling("--output", "--out", "output")
@lang_option
@click.pass_context
def import_(ctx: click.Context, files: tuple[str, ...], output: str) -> None:
    from sopdoc.atomic import OutputSet
    from sopdoc.importers.dispatch import import_source
    from sopdoc.importers.report import report_to_json, report_to_text
    from sopdoc.source.writer import sop_to_yaml

    lang = _lang(ctx)
    out_dir = Path(output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(ctx, Teks(f"tidak dapat membuat direktori {output}: {exc.strerror}",
                       f"cannot create directory {output}: {exc.strerror}"))
    refuse_same_outputs(ctx, [(raw, _stem(Path(raw))) for raw in files])
    worst = 0
    for raw in files:
        path = Path(raw)
        result = import_source(path)
        stem = _stem(path)
        errors = [d for d in result.load.diagnostics if d.severity.value == "error"]
        files_out = {out_dir / f"{stem}.import.txt": report_to_text(result.report, lang),
                     out_dir / f"{stem}.import.json": report_to_json(result.report, lang)}
        sop = result.load.sop
        if sop is not None:
            header = (f"# Diimpor oleh `sopdoc import` dari {path.name}; asal tiap isian dan temuan: "
                      f"{stem}.import.txt\n" if lang == "id" else
                      f"# Imported by `sopdoc import` from {path.name}; field sources and findings: "
                      f"{stem}.import.txt\n")
            files_out[out_dir / f"{stem}.sop.yaml"] = sop_to_yaml(sop, header=header)
        with OutputSet() as outputs:  # all of this input's files, or none
            for target, text in files_out.items():
                outputs.add(target, text)
            outputs.commit()
        if sop is None:
            first = errors[0] if errors else None
            reason = first.message.get(lang) if first else ("tidak ada SOP" if lang == "id" else "no SOP")
            code = f"{first.code} " if first else ""
            click.echo(f"{raw}: {code}{reason}", err=True)
            worst = 1
            continue
        n_find = len(result.load.diagnostics)
        if lang == "en":
            click.echo(f"{raw} -> {out_dir / (stem + '.sop.yaml')} ({len(sop.kegiatan)} steps, {n_find} findings)")
        else:
            click.echo(f"{raw} -> {out_dir / (stem + '.sop.yaml')} ({len(sop.kegiatan)} kegiatan, {n_find} temuan)")
    ctx.exit(worst)
