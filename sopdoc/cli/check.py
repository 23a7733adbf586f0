"""Commands of the io and validate stages: ``schema`` and ``check``."""

from __future__ import annotations

import click

from ..model.diagnostic import Teks
from . import _help, _lang, cli, fail, lang_option

# --------------------------------------------------------------------------- schema (io)


@cli.command(help=_help("schema", "Cetak JSON Schema format sumber *.sop.yaml.",
                        "Print the JSON Schema of the *.sop.yaml source format."))
@lang_option
def schema() -> None:  # noqa: D103
    from ..io.schema import sop_schema_text

    click.echo(sop_schema_text(), nl=False)


# --------------------------------------------------------------------------- check (validate)


@cli.command(help=_help(
    "check",
    "Periksa SOP: FILE berupa berkas *.sop.yaml atau direktori (semua *.sop.yaml di bawahnya).\n\n"
    "Kode keluar: 0 bersih, 1 ada temuan, 2 kesalahan penggunaan.",
    "Check SOPs: FILE is a *.sop.yaml file or a directory (every *.sop.yaml below it).\n\n"
    "Exit codes: 0 clean, 1 findings, 2 usage error.",
))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("check.fmt", "Bentuk keluaran.", "Output format."))
@lang_option
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], fmt: str) -> None:  # noqa: D103
    from ..io.sources import expand_inputs, load_source
    from ..validate.output import ExitPolicy, FileReport, format_json, format_text

    lang = _lang(ctx)
    paths = expand_inputs(list(files))
    if not paths:
        fail(ctx, Teks("tidak ada berkas *.sop.yaml yang ditemukan", "no *.sop.yaml files found"))
    reports = []
    for path in paths:
        result = load_source(path)
        reports.append(FileReport(str(path), result.diagnostics))
    out = format_json(reports, lang) if fmt == "json" else format_text(reports, lang)
    click.echo(out, nl=False)
    ctx.exit(ExitPolicy().exit_code(reports))
