"""Command of the import stage: ``import`` (text extractions, PDF and DOCX → *.sop.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.cli.outputs import refuse_outside, refuse_same_outputs
from sopdoc.cli.spelling import old_spelling, take_old_spelling_required
from sopdoc.model.diagnostic import Teks


@dataclass(frozen=True)
class _Done:
    """One imported file, as plain picklable values: the output texts and what to print."""

    raw: str
    stem: str
    texts: dict[str, str]  # output suffix → text
    steps: int | None  # None: the import failed (no SOP, or no step)
    findings: int
    failure: str  # "CODE reason" when the file gives no SOP or no step, else ""


def _import_one(job: tuple[str, str, str]) -> list[_Done]:
    """Import one file and render its outputs (runs in a worker process); a bundle of several SOPs
    gives one part each, named from its Nama SOP."""
    from sopdoc.importers.bundle import sop_file_stem
    from sopdoc.importers.dispatch import import_sources

    raw, stem, lang = job
    results = import_sources(Path(raw))
    if len(results) == 1:
        return [_done(raw, stem, results[0], lang)]
    parts = []
    for k, result in enumerate(results, start=1):
        nama = result.load.sop.identitas.nama if result.load.sop is not None else None
        part = str(Path(stem).parent / sop_file_stem(nama, f"{Path(stem).name}-{k}"))
        parts.append(_done(result.load.file or raw, part, result, lang))
    return parts


def _done(raw: str, stem: str, result: Any, lang: str) -> _Done:
    """The output texts of one imported SOP and what to print about it."""
    from sopdoc.importers.report import report_to_json, report_to_text
    from sopdoc.source.writer import sop_to_yaml

    path = Path(raw)
    name = Path(stem).name
    texts = {".import.txt": report_to_text(result.report, lang), ".import.json": report_to_json(result.report, lang)}
    sop = result.load.sop
    diags = result.load.diagnostics
    failure = ""
    if sop is None:
        first = next((d for d in diags if d.severity.value == "error"), None)
        reason = first.message.get(lang) if first else ("tidak ada SOP" if lang == "id" else "no SOP")
        failure = f"{first.code} {reason}" if first else reason
    elif not sop.kegiatan:  # a failed import too: only its report is written (what was read is listed there)
        first = next((d for d in diags if d.code == "IMP020"), None)
        none = Teks("tidak ada kegiatan yang terbaca", "no step could be read")
        failure = f"{first.code} {first.message.get(lang)}" if first else none.get(lang)
    if sop is not None and not failure:
        header = (f"# Diimpor oleh `sopdoc import` dari {path.name}; asal tiap isian dan temuan: "
                  f"{name}.import.txt\n" if lang == "id" else
                  f"# Imported by `sopdoc import` from {path.name}; field sources and findings: "
                  f"{name}.import.txt\n")
        texts[".sop.yaml"] = sop_to_yaml(sop, header=header)
    return _Done(raw, stem, texts, None if failure or sop is None else len(sop.kegiatan), len(diags), failure)


@cli.command("import", help=_help(
    "import",
    "Impor dokumen SOP lama (.txt hasil ekstraksi, .pdf, .docx) ke DIR sebagai NAMA.sop.yaml, "
    "atau seluruh isi folder (beserta subfoldernya, dengan struktur folder yang sama di DIR, memakai "
    "semua inti prosesor), "
    "dengan laporan impor NAMA.import.txt dan NAMA.import.json (asal tiap isian, tebakan, "
    "dan kehilangan sebagai temuan IMPxxx; ringkasan: yang dibaca, ditebak dan hilang). "
    "Periksa hasilnya dengan `sopdoc check`.\n\n"
    "Kode keluar: 0 semua berkas diimpor, 1 ada berkas yang tidak dapat diimpor atau tanpa kegiatan "
    "(untuk berkas itu hanya laporan impornya yang ditulis), "
    "2 kesalahan penggunaan.\n\n"
    "Keluaran satu berkas ditulis utuh atau tidak sama sekali. Dua berkas yang akan menghasilkan "
    "nama keluaran yang sama (mis. y.txt dan y.docx) ditolak sebelum apa pun ditulis (kode 2).",
    "Import existing SOP documents (.txt extractions, .pdf, .docx) into DIR as NAME.sop.yaml, "
    "or whole folders (with their subfolders, mirrored under DIR, on every processor core), with "
    "an import report NAME.import.txt and NAME.import.json (where each field came from, "
    "guesses and losses as IMPxxx findings; a summary of what was read, guessed and lost). "
    "Check the result with `sopdoc check`.\n\n"
    "Exit codes: 0 every file imported, 1 a file could not be imported or has no step (only its import "
    "report is written), 2 usage error.\n\n"
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
    from sopdoc.batch import run_batch
    from sopdoc.cli.progress import progress
    from sopdoc.importers.dispatch import expand_imports

    lang = _lang(ctx)
    out_dir = Path(output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(ctx, Teks(f"tidak dapat membuat direktori {output}: {exc.strerror}",
                       f"cannot create directory {output}: {exc.strerror}"))
    jobs = expand_imports(list(files))
    if not jobs:
        fail(ctx, Teks("tidak ada berkas .txt, .pdf atau .docx untuk diimpor",
                       "no .txt, .pdf or .docx file to import"))
    refuse_same_outputs(ctx, jobs)
    for _raw, stem in jobs:
        refuse_outside(ctx, out_dir / f"{stem}.sop.yaml", out_dir)
    worst = 0
    label = "Mengimpor" if lang == "id" else "Importing"
    done_all: list[_Done] = []
    with progress(len(jobs), label) as bar:
        for _job, parts in run_batch(_import_one, [(raw, stem, lang) for raw, stem in jobs]):
            done_all.extend(parts)
            bar.advance()
    # a bundle's parts are named from their Nama SOP: refuse clashes before anything is written
    refuse_same_outputs(ctx, [(done.raw, done.stem) for done in done_all])
    for done in done_all:
        refuse_outside(ctx, out_dir / f"{done.stem}.sop.yaml", out_dir)
    for done in done_all:
        target = out_dir / done.stem
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(ctx, Teks(f"tidak dapat membuat direktori {target.parent}: {exc.strerror}",
                           f"cannot create directory {target.parent}: {exc.strerror}"))
        with OutputSet() as outputs:  # all of this input's files, or none
            for suffix, text in done.texts.items():
                outputs.add(target.parent / f"{target.name}{suffix}", text)
            outputs.commit()
        if done.failure:
            click.echo(f"{done.raw}: {done.failure}", err=True)
            worst = 1
        if done.steps is None:
            continue
        yaml_path = target.parent / f"{target.name}.sop.yaml"
        if lang == "en":
            click.echo(f"{done.raw} -> {yaml_path} ({done.steps} steps, {done.findings} findings)")
        else:
            click.echo(f"{done.raw} -> {yaml_path} ({done.steps} kegiatan, {done.findings} temuan)")
    ctx.exit(worst)
