"""Commands of the io and validate stages: ``schema``, ``check``, ``rules`` and ``info``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, config_option, fail, fail_on_option, lang_option
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_text import terminal_text

# --------------------------------------------------------------------------- schema (io)


@cli.command(help=_help(
    "schema",
    "Cetak JSON Schema format sumber *.sop.yaml (atau, dengan --config, berkas sopdoc.toml).",
    "Print the JSON Schema of the *.sop.yaml source format (or, with --config, of sopdoc.toml).",
))
@click.option("--config", "config", is_flag=True, default=False,
              help=_help("schema.config", "Skema konfigurasi sopdoc.toml.", "The sopdoc.toml configuration schema."))
@lang_option
def schema(config: bool) -> None:
    if config:
        from sopdoc.config_schema import config_schema_text

        click.echo(config_schema_text(), nl=False)
        return
    from sopdoc.source.schema import sop_schema_text

    click.echo(sop_schema_text(), nl=False)


# --------------------------------------------------------------------------- shared


def _settings(ctx: click.Context, files: tuple[str, ...], config: str | None, **overrides: Any) -> Any:
    """Settings from the config file (walked up from the first input), env and CLI options."""
    from sopdoc.config import load_settings
    from sopdoc.errors import SopdocError

    try:
        settings = load_settings(Path(files[0]) if files else None, Path(config) if config else None)
        select = _codes_option(overrides.pop("select", None))
        ignore = _codes_option(overrides.pop("ignore", None))
        mapping: dict[str, Any] = {}
        if select is not None:
            mapping["select"] = select
        if ignore is not None:
            mapping["ignore"] = ignore
        if mapping:
            from sopdoc.validate.settings import CheckSettings

            parsed = CheckSettings.resolve(mapping)
            overrides.update({k: getattr(parsed, k) for k in mapping})
        fail_on = overrides.pop("fail_on", None)
        if fail_on:
            from sopdoc.model.diagnostic import Severity

            overrides["fail_on"] = Severity(fail_on)
        from dataclasses import replace

        return replace(settings, check=settings.check.override(**overrides))
    except SopdocError as exc:
        fail(ctx, exc.teks)


def _codes_option(values: tuple[str, ...] | None) -> list[str] | None:
    if not values:
        return None
    return [v for raw in values for v in raw.replace(" ", ",").split(",") if v]


_CODES_HELP = ("Kode atau awalan kode, dipisah koma; boleh diulang (mis. SOP1,SOP205).",
               "Codes or code prefixes, comma-separated; may repeat (e.g. SOP1,SOP205).")

# --------------------------------------------------------------------------- check (validate)


def check_inputs(files: list[str]) -> list[Path]:
    """Files named on the command line; a directory gives every supported file below it
    (``*.sop.yaml`` and every format the importers read), sorted, hidden folders skipped."""
    from sopdoc.importers import inputs
    from sopdoc.importers.inputs import IMPORT_SUFFIXES, SOURCE_SUFFIXES

    suffixes = tuple(SOURCE_SUFFIXES) + tuple(IMPORT_SUFFIXES)
    out: list[Path] = []
    for raw in files:
        p = Path(raw)
        if p.is_dir():
            found = [f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(suffixes)
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            out.extend(sorted(found))
        else:
            out.extend(inputs.expand_inputs([raw]))
    return out


def check_one(job: tuple[str, Any, Any]) -> list[Any]:
    """Check one file (read or imported in memory); the batch runner's unit of work. The importers
    are loaded only for a document to import, so checking ``*.sop.yaml`` files starts fast. A
    document holding several SOPs (a bundle PDF, or several flowchart tables each numbered on its
    own) gives one report per SOP, named after its part (``doc.pdf#tabel=2``)."""
    from sopdoc.importers.inputs import needs_import
    from sopdoc.validate.engine import check_loaded
    from sopdoc.validate.file_report import FileReport

    file, check_settings, options = job
    if needs_import(file):
        from sopdoc.importers.dispatch import import_sources

        parts = [r.load for r in import_sources(Path(file))]
        if len(parts) > 1:
            return [FileReport(p.file or file, check_loaded(p, check_settings, options)) for p in parts]
        loaded = parts[0]
    else:
        from sopdoc.source.reader import load_sop

        loaded = load_sop(Path(file))
    return [FileReport(file, check_loaded(loaded, check_settings, options))]


@cli.command(help=_help(
    "check",
    "Periksa SOP: FILE berupa berkas *.sop.yaml, dokumen (.pdf, .docx, .txt, diimpor di memori) atau "
    "direktori (semua berkas yang didukung di bawahnya).\n\n"
    "Konfigurasi: sopdoc.toml atau [tool.sopdoc] di pyproject.toml (dicari ke atas dari FILE), "
    "variabel SOPDOC_*, lalu opsi baris perintah.\n\n"
    "Kode keluar: 0 bersih, 1 ada temuan pada ambang --fail-on, 2 kesalahan penggunaan.",
    "Check SOPs: FILE is a *.sop.yaml file, a document (.pdf, .docx, .txt, imported in memory) or a "
    "directory (every supported file below it).\n\n"
    "Configuration: sopdoc.toml or [tool.sopdoc] in pyproject.toml (searched upwards from FILE), "
    "SOPDOC_* variables, then command-line options.\n\n"
    "Exit codes: 0 clean, 1 findings at the --fail-on threshold, 2 usage error.",
))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help=_help("check.fmt", "Bentuk keluaran.", "Output format."))
@click.option("--select", multiple=True, help=_help("check.select", "Hanya aturan ini. " + _CODES_HELP[0],
                                                    "Only these rules. " + _CODES_HELP[1]))
@click.option("--ignore", multiple=True, help=_help("check.ignore", "Abaikan aturan ini. " + _CODES_HELP[0],
                                                    "Skip these rules. " + _CODES_HELP[1]))
@fail_on_option("check")
@config_option("check")
@lang_option
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], fmt: str, select: tuple[str, ...],
          ignore: tuple[str, ...], fail_on: str | None, config: str | None) -> None:
    from sopdoc.batch import run_batch
    from sopdoc.cli.progress import progress
    from sopdoc.validate.stream import ReportStream

    lang = _lang(ctx)
    settings = _settings(ctx, files, config, select=select, ignore=ignore, fail_on=fail_on)
    paths = check_inputs(list(files))
    if not paths:
        fail(ctx, Teks("tidak ada berkas yang didukung (*.sop.yaml, .pdf, .docx, .txt) yang ditemukan",
                       "no supported files (*.sop.yaml, .pdf, .docx, .txt) found"))
    options = settings.check_options()
    jobs = [(str(p), settings.check, options) for p in paths]
    codes = None
    if fmt == "sarif":
        from sopdoc.all_codes import all_codes

        codes = all_codes()
    # each file's findings are written as it finishes (in input order); only counters stay
    stream = ReportStream(fmt, lang, codes)
    safe = terminal_text if fmt == "text" else str
    click.echo(stream.begin(), nl=False)
    with progress(len(jobs), Teks("Memeriksa", "Checking").get(lang)) as bar:
        for _job, reports in run_batch(check_one, jobs):
            for report in reports:
                click.echo(safe(stream.add(report)), nl=False)
            bar.advance()
    click.echo(safe(stream.end()), nl=False)
    ctx.exit(stream.exit_code(settings.check.fail_on))


# --------------------------------------------------------------------------- rules


@cli.command(help=_help("rules", "Daftar semua aturan: kode, nama, tingkat, ringkasan.",
                        "List every rule: code, slug, severity, summary."))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help=_help("rules.fmt", "Bentuk keluaran (markdown = docs/rules.md).",
                                            "Output format (markdown = docs/rules.md)."))
@lang_option
@click.pass_context
def rules(ctx: click.Context, fmt: str) -> None:
    from sopdoc.all_codes import all_codes
    from sopdoc.validate.docs import rules_json, rules_markdown, rules_text

    lang = _lang(ctx)
    codes = all_codes()  # every stage's codes, not only those this process has imported so far
    if fmt == "markdown":
        out = rules_markdown(codes)
    else:
        out = rules_json(codes, lang) if fmt == "json" else rules_text(codes, lang)
    click.echo(out, nl=False)


# --------------------------------------------------------------------------- info


@cli.command(help=_help(
    "info",
    "Waktu baku SOP: total jalur utama (keputusan 'ya'), per pelaksana, kegiatan terlama, dalam "
    "hari kerja dan jam (hari kerja 450 menit, Perpres 21/2023, kecuali dikonfigurasi).",
    "The SOP's standard time: main-path total (decisions 'ya'), per actor, the longest step, in "
    "working days and hours (a 450-minute working day, Perpres 21/2023, unless configured).",
))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("info.fmt", "Bentuk keluaran.", "Output format."))
@config_option("info")
@lang_option
@click.pass_context
def info(ctx: click.Context, files: tuple[str, ...], fmt: str, config: str | None) -> None:
    from sopdoc.importers.dispatch import expand_inputs, load_source
    from sopdoc.validate.info import format_info_json, format_info_text
    from sopdoc.validate.output import FileReport, format_text
    from sopdoc.validate.timing import sop_to_figures

    lang = _lang(ctx)
    settings = _settings(ctx, files, config)
    paths = expand_inputs(list(files))
    if not paths:
        fail(ctx, Teks("tidak ada berkas *.sop.yaml yang ditemukan", "no *.sop.yaml files found"))
    entries, broken = [], []
    for p in paths:
        result = load_source(p)
        if result.sop is None:
            broken.append(FileReport(str(p), result.diagnostics))
        else:
            entries.append((str(p), result.sop, sop_to_figures(result.sop, settings.check_options())))
    if fmt == "json":
        click.echo(format_info_json(entries), nl=False)
    else:
        click.echo(terminal_text("".join(format_info_text(f, s, fig, lang) for f, s, fig in entries)), nl=False)
    if broken:
        click.echo(terminal_text(format_text(broken, lang)), nl=False, err=True)
        ctx.exit(1)
