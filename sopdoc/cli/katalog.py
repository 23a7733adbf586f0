"""``sopdoc katalog DIR``: the agency's whole catalogue checked and written as one inspector report."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from sopdoc.cli import _help, _lang, cli, config_option, fail, fail_on_option, lang_option
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_text import terminal_text

_FORMATS = ("pdf", "docx", "xlsx", "json")


@cli.command(help=_help(
    "katalog",
    "Laporan pemeriksa atas seluruh katalog SOP: DIR berisi *.sop.yaml, PDF, DOCX, XLSX, .txt dan pindaian "
    "(dibaca rekursif, diimpor di memori, diperiksa di semua inti atau di klaster Dask).\n\n"
    "Isi laporan: setiap SOP (unit, nomor, tanggal, status, jumlah temuan); temuan per aturan, unit dan "
    "tingkat dengan grafik; Keterkaitan yang dirujuk dan yang menggantung; SOP dan langkah yang mirip antar "
    "unit; SOP yang perlu ditinjau; kehilangan impor yang perlu diperiksa orang.\n\n"
    "Kode keluar: 0 laporan ditulis tanpa temuan pada ambang --fail-on, 1 ada temuan, 2 kesalahan "
    "penggunaan atau keluaran.",
    "Inspector report over a whole SOP catalogue: DIR holds *.sop.yaml, PDF, DOCX, XLSX, .txt and scans "
    "(read recursively, imported in memory, checked on every core or on a Dask cluster).\n\n"
    "The report: every SOP (unit, number, dates, status, finding counts); findings by rule, unit and "
    "severity with charts; Keterkaitan references resolved and dangling; near-duplicate SOPs and steps "
    "across units; SOPs due for review; import losses a person must check.\n\n"
    "Exit codes: 0 report written with no findings at the --fail-on threshold, 1 findings, 2 usage or "
    "output error.",
))
@click.argument("folders", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "output", default="out", show_default=True, type=click.Path(file_okay=False),
              help=_help("katalog.output", "Direktori keluaran.", "Output directory."))
@click.option("--format", "fmt", default=",".join(_FORMATS), show_default=True,
              help=_help("katalog.fmt", "Format laporan, dipisah koma: pdf, docx, xlsx, json.",
                         "Report formats, comma-separated: pdf, docx, xlsx, json."))
@click.option("--nama", "name", default="katalog", show_default=True,
              help=_help("katalog.name", "Nama berkas laporan (tanpa akhiran).", "Report file name (no suffix)."))
@click.option("--tinjau-tahun", "years", type=click.IntRange(1, 50), default=2, show_default=True,
              help=_help("katalog.years", "Periode tinjau SOP dalam tahun, dihitung dari Tanggal Efektif/Revisi.",
                         "Review period of an SOP in years, counted from Tanggal Efektif/Revisi."))
@click.option("--per", "as_of", default=None, metavar="YYYY-MM-DD",
              help=_help("katalog.as_of", "Tanggal acuan jatuh tempo tinjauan (bawaan: hari ini).",
                         "Reference date for review due dates (default: today)."))
@click.option("--ambang", "threshold", type=click.FloatRange(0.1, 1.0), default=0.8, show_default=True,
              help=_help("katalog.threshold", "Ambang kemiripan SOP (perkiraan indeks Jaccard).",
                         "Similarity threshold for SOPs (estimated Jaccard index)."))
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help=_help("katalog.dask", "Jalankan di klaster Dask yang sudah ada (mis. tcp://10.0.0.5:8786); "
                         "perlu sopdoc[dask].",
                         "Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786); needs sopdoc[dask]."))
@fail_on_option("katalog")
@config_option("katalog")
@lang_option
@click.pass_context
def katalog(ctx: click.Context, folders: tuple[str, ...], output: str, fmt: str, name: str, years: int,
            as_of: str | None, threshold: float, dask: str | None, fail_on: str | None, config: str | None) -> None:
    from sopdoc.all_codes import all_codes
    from sopdoc.atomic import OutputSet
    from sopdoc.batch import run_batch
    from sopdoc.cli.check import _settings, check_inputs
    from sopdoc.cli.outputs import refuse_outside
    from sopdoc.cli.progress import progress
    from sopdoc.errors import SopdocError
    from sopdoc.importers.dispatch import REPORT_SUFFIX
    from sopdoc.katalog.aggregate import Katalog
    from sopdoc.katalog.blocks import report_blocks
    from sopdoc.katalog.record import katalog_one
    from sopdoc.katalog.writers import report_docx, report_json, report_pdf, report_xlsx
    from sopdoc.model.diagnostic import Severity

    lang = _lang(ctx)
    formats = [f.strip().lower() for f in fmt.split(",") if f.strip()]
    bad = [f for f in formats if f not in _FORMATS]
    if bad or not formats:
        shown = ", ".join(bad) or repr(fmt)
        fail(ctx, Teks(f"format tidak dikenal: {shown} (pilih: pdf, docx, xlsx, json)",
                       f"unknown format: {shown} (choose: pdf, docx, xlsx, json)"))
    day = dt.date.today()
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            fail(ctx, Teks(f"tanggal --per tidak valid: {as_of} (YYYY-MM-DD)",
                           f"invalid --per date: {as_of} (YYYY-MM-DD)"))
    if not name or Path(name).name != name or name.startswith("."):
        fail(ctx, Teks(f"nama laporan tidak valid: {name!r}", f"invalid report name: {name!r}"))
    missing = [f for f in folders if not Path(f).exists()]
    if missing:
        fail(ctx, Teks(f"tidak ada: {missing[0]}", f"does not exist: {missing[0]}"))
    settings = _settings(ctx, folders, config, fail_on=fail_on)
    out_dir = Path(output)
    # the previous report (an -o folder inside DIR) and import reports are no SOPs
    skip = os.path.realpath(out_dir)
    paths = [p for p in check_inputs(list(folders)) if not p.name.lower().endswith(REPORT_SUFFIX)
             and not os.path.realpath(p).startswith(skip + os.sep)]
    if not paths:
        fail(ctx, Teks("tidak ada berkas yang didukung (*.sop.yaml, .pdf, .docx, .xlsx, .txt) yang ditemukan",
                       "no supported files (*.sop.yaml, .pdf, .docx, .xlsx, .txt) found"))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(ctx, Teks(f"direktori keluaran tidak dapat dibuat: {out_dir}: {exc.strerror}",
                       f"cannot create output directory: {out_dir}: {exc.strerror}"))
    targets = {f: out_dir / f"{name}.{f}" for f in formats}
    for target in targets.values():
        refuse_outside(ctx, target, out_dir)
    root = folders[0] if len(folders) == 1 and Path(folders[0]).is_dir() else None
    cat = Katalog(root, as_of=day, years=years, threshold=threshold)
    options = settings.check_options()
    jobs = [(str(p), settings.check, options) for p in paths]
    threshold_rank = settings.check.fail_on.rank
    worst = False
    try:
        with progress(len(jobs), Teks("Katalog", "Catalogue").get(lang)) as bar:
            for _job, records in run_batch(katalog_one, jobs, dask=dask):
                for row in cat.add_file(records):
                    worst = worst or any(n and Severity(s).rank >= threshold_rank
                                         for s, n in (("error", row.galat), ("warning", row.peringatan),
                                                      ("info", row.info)))
                bar.advance()
        rep = cat.finish()
        blocks = report_blocks(rep, lang, {c.code: c for c in all_codes()})
        writers = {"json": lambda: report_json(rep), "xlsx": lambda: report_xlsx(blocks),
                   "pdf": lambda: report_pdf(blocks, lang), "docx": lambda: report_docx(blocks, lang)}
        with OutputSet() as out:
            for f in formats:
                out.add(targets[f], writers[f]())
            written = out.commit()
    except SopdocError as exc:
        fail(ctx, exc.teks)
    for path in written:
        click.echo(terminal_text(str(path)))
    totals = rep.severity_totals
    click.echo(terminal_text(Teks(
        f"{len(rep.rows)} SOP dari {rep.files} berkas: {totals['error']} galat, {totals['warning']} peringatan; "
        f"{len(rep.dangling)} rujukan menggantung, {len(rep.pairs)} pasangan SOP mirip, "
        f"{len(rep.review)} perlu ditinjau, {len(rep.losses)} kehilangan impor",
        f"{len(rep.rows)} SOPs from {rep.files} files: {totals['error']} errors, {totals['warning']} warnings; "
        f"{len(rep.dangling)} dangling references, {len(rep.pairs)} near-duplicate SOP pairs, "
        f"{len(rep.review)} due for review, {len(rep.losses)} import losses").get(lang)), err=True)
    ctx.exit(1 if worst else 0)
