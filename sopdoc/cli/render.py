"""Command of the layout/render stage: ``render`` (PDF, DOCX and SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from sopdoc.cli import _help, _lang, cli, fail, lang_option
from sopdoc.cli.outputs import refuse_same_outputs
from sopdoc.cli.spelling import old_spelling, take_old_spelling
from sopdoc.model.diagnostic import Teks

if TYPE_CHECKING:
    from sopdoc.layout.profile import PageProfile

FORMATS = ("pdf", "svg", "docx")


def _read_profile(path: str, paper: str | None, first_input: str | None = None) -> PageProfile:
    """The PageProfile from a TOML file's ``[profil]`` table (or ``[tool.sopdoc.profil]``); without
    a file, from the ``sopdoc.toml`` found upwards from the first input. ``--paper`` overrides both."""
    import dataclasses

    from sopdoc.config_file import load_profile  # not sopdoc.config: [check] and every stage's codes unread
    from sopdoc.errors import UsageError

    base = Path(".")
    if path:
        p = Path(path)
        profile, _source, has_profil = load_profile(config=p)
        if not has_profil:
            raise UsageError(Teks(f"tabel [profil] tidak ada di {p}", f"no [profil] table in {p}"))
        base = p.parent
    else:
        profile, source, _has = load_profile(Path(first_input) if first_input else Path("."))
        if source is not None:
            base = source.parent
    if paper:
        profile = dataclasses.replace(profile, kertas=paper)
    if profile.logo:
        logo = Path(profile.logo)
        logo = logo if logo.is_absolute() else base / logo
        if not logo.is_file():
            raise UsageError(Teks(f"berkas logo tidak ada: {logo}", f"logo file not found: {logo}"))
        try:
            from reportlab.lib.utils import ImageReader

            ImageReader(str(logo)).getSize()
        except Exception:
            raise UsageError(Teks(f"logo bukan gambar yang dapat dibaca (PNG/JPEG): {logo}",
                                  f"logo is not a readable image (PNG/JPEG): {logo}")) from None
        profile = dataclasses.replace(profile, logo=str(logo))
    return profile


@cli.command(help=_help(
    "render",
    "Cetak SOP ke PDF, DOCX (dapat disunting di Word) dan/atau SVG: FILE berupa *.sop.yaml atau "
    "direktori (semua *.sop.yaml).\n\n"
    "Contoh: sopdoc render examples/ --format pdf,docx,svg -o out/\n\n"
    "Kode keluar: 0 semua tercetak, 1 ada berkas yang tidak dapat dicetak, 2 kesalahan penggunaan.\n\n"
    "Berkas keluaran diberi nama menurut berkas sumber (x.sop.yaml → x.pdf); keluaran satu berkas "
    "ditulis utuh atau tidak sama sekali. Dua sumber dengan nama sama di folder berbeda (a/x.sop.yaml, "
    "b/x.sop.yaml) ditolak sebelum apa pun ditulis (kode 2): cetak ke direktori -o yang berbeda.",
    "Render SOPs to PDF, DOCX (editable in Word) and/or SVG: FILE is a *.sop.yaml file or a "
    "directory (every *.sop.yaml).\n\n"
    "Example: sopdoc render examples/ --format pdf,docx,svg -o out/\n\n"
    "Exit codes: 0 all rendered, 1 some file could not be rendered, 2 usage error.\n\n"
    "Output files are named after the source (x.sop.yaml → x.pdf); the outputs of one file are written "
    "all together or not at all. Two sources with the same name in different folders (a/x.sop.yaml, "
    "b/x.sop.yaml) are refused before anything is written (exit 2): render them into different -o folders.",
))
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "to", default="pdf", show_default=True, callback=take_old_spelling,
              help=_help("render.to", "Format keluaran, dipisah koma: pdf, svg, docx.",
                         "Output formats, comma-separated: pdf, svg, docx."))
@old_spelling("--to", "--format", "to")
@click.option("-o", "--out", "output", default="out", show_default=True, type=click.Path(file_okay=False),
              callback=take_old_spelling, help=_help("render.output", "Direktori keluaran.", "Output directory."))
@old_spelling("--output", "--out", "output")
@click.option("--paper", type=click.Choice(["f4", "a4"]), default=None,
              help=_help("render.paper", "Ukuran kertas (menimpa profil; bawaan f4).",
                         "Paper size (overrides the profile; default f4)."))
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None,
              help=_help("render.profile_path", "Berkas TOML dengan tabel [profil] (kop, logo, kertas, font, margin).",
                         "TOML file with a [profil] table (kop, logo, paper, font, margins)."))
@click.option("--template", "template", type=click.Path(dir_okay=False), default=None,
              help=_help("render.template", "Templat DOCX (docxtpl) untuk halaman identitas (bawaan: templat sopdoc).",
                         "DOCX (docxtpl) template of the identity page (default: sopdoc's own)."))
@click.option("--qr", is_flag=True, default=False,
              help=_help("render.qr", "Tambahkan kode QR berisi hash isi SOP.",
                         "Add a QR code with the SOP's content hash."))
@click.option("--svg-kurva", "svg_paths", is_flag=True, default=False,
              help=_help("render.svg_paths", "SVG: gambar teks sebagai kurva (tanpa huruf tertanam).",
                         "SVG: draw text as outlines (no embedded font)."))
@lang_option
@click.pass_context
def render(ctx: click.Context, files: tuple[str, ...], to: str, output: str, paper: str | None,
           profile_path: str | None, template: str | None, qr: bool, svg_paths: bool) -> None:
    from sopdoc.batch import run_batch
    from sopdoc.cli.progress import progress
    from sopdoc.errors import OutputError, SopdocError
    from sopdoc.importers.inputs import expand_inputs  # not dispatch: no importer for *.sop.yaml inputs
    from sopdoc.render.files import output_stem

    lang = _lang(ctx)
    formats = [f.strip().lower() for f in to.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        shown = ", ".join(bad) or repr(to)
        fail(ctx, Teks(f"format tidak dikenal: {shown} (pilih: pdf, svg, docx)",
                       f"unknown format: {shown} (choose: pdf, svg, docx)"))
    if template and "docx" in formats:  # a bad template is a usage error, found before any output
        from sopdoc.render.docx_template import check_template

        try:
            check_template(Path(template))
        except SopdocError as exc:
            fail(ctx, exc.teks)
    try:
        profile = _read_profile(profile_path or "", paper, files[0] if files else None)
    except SopdocError as exc:
        fail(ctx, exc.teks)
    out_dir = Path(output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(ctx, Teks(f"direktori keluaran tidak dapat dibuat: {out_dir}: {exc.strerror}",
                       f"cannot create output directory: {out_dir}: {exc.strerror}"))
    paths = expand_inputs(list(files))
    if not paths:
        fail(ctx, Teks("tidak ada berkas *.sop.yaml yang ditemukan", "no *.sop.yaml files found"))
    refuse_same_outputs(ctx, [(str(p), output_stem(p)) for p in paths])
    # every input on every core (sopdoc.batch), reported in input order as if run serially
    jobs = [_Job(str(path), str(out_dir), tuple(formats), profile, bool(profile_path), paper, qr, template, lang,
                 svg_paths) for path in paths]
    failed = 0
    with progress(len(jobs), Teks("Mencetak", "Rendering").get(lang)) as bar:
        for _job, done in run_batch(_render_job, jobs):
            bar.advance()
            for line in done.errors:
                click.echo(line, err=True)
            if done.output_error is not None:  # an output that cannot be written stops the run: exit 2
                raise OutputError(done.output_error)
            failed += done.failed
            for line in done.written:
                click.echo(line)
    ctx.exit(1 if failed else 0)


class _Job(NamedTuple):
    """One input of ``sopdoc render`` (plain, picklable values for the worker processes)."""

    path: str
    out_dir: str
    formats: tuple[str, ...]
    profile: Any  # PageProfile (a frozen dataclass)
    profile_given: bool
    paper: str | None
    qr: bool
    template: str | None
    lang: str
    svg_paths: bool = False


class _Done(NamedTuple):
    """What rendering one input printed (stdout lines, stderr lines) and whether it failed."""

    written: tuple[str, ...]
    errors: tuple[str, ...]
    failed: bool
    output_error: Teks | None = None


def _render_job(job: _Job) -> _Done:
    """Render one input (in a worker process or serially); bad input becomes lines, never raises
    for it."""
    from sopdoc.errors import OutputError, SopdocError
    from sopdoc.importers.inputs import needs_import
    from sopdoc.model.diagnostic import Severity
    from sopdoc.source.reader import load_sop

    lang, path = job.lang, Path(job.path)
    word = "galat" if lang == "id" else "error"
    if not path.exists():
        return _Done((), (f"{path}: {word}: " + Teks("berkas tidak ada", "file not found").get(lang),), True)
    if needs_import(path):  # a foreign document: every importer loaded only then
        from sopdoc.importers.dispatch import load_source

        result = load_source(path)
    else:
        result = load_sop(path)
    if result.sop is None:
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        lines = [f"{path}: {d.severity.label(lang)}: {d.code} {d.message.get(lang)}" for d in errors[:3]]
        lines.append(f"{path}: " + Teks("tidak dicetak", "not rendered").get(lang))
        return _Done((), tuple(lines), True)
    try:
        # without --profile, each file takes the [profil] of the sopdoc.toml above it
        own = job.profile if job.profile_given else _read_profile("", job.paper, str(path))
        written, warnings = _render_one(result.sop, path, Path(job.out_dir), list(job.formats), own, job.qr,
                                        Path(job.template) if job.template else None, svg_paths=job.svg_paths)
    except OutputError as exc:
        return _Done((), (), True, exc.teks)
    except (SopdocError, OSError) as exc:
        msg = exc.get(lang) if isinstance(exc, SopdocError) else str(exc)
        return _Done((), (f"{path}: {word}: {msg}",), True)
    lines = []
    for d in warnings:
        where = f" ({_path(d.path)})" if d.path else ""
        lines.append(f"{path}: {d.severity.label(lang)}: {d.code} {d.message.get(lang)}{where}")
    return _Done(tuple(str(w) for w in written), tuple(lines), False)


def _path(path: tuple[str | int, ...]) -> str:
    from sopdoc.model.diagnostic import format_path

    return format_path(path)


def _render_one(sop: Any, source: Path, out_dir: Path, formats: list[str], profile: Any,
                qr: bool, template: Path | None = None, *,
                svg_paths: bool = False) -> tuple[list[Path], tuple[Any, ...]]:
    from sopdoc.atomic import OutputSet
    from sopdoc.layout.document import layout_sop
    from sopdoc.render.files import output_stem
    from sopdoc.source.writer import sop_to_yaml

    layout = layout_sop(sop, profile)
    canonical = sop_to_yaml(sop)  # once per SOP: the PDF attachment and the DOCX customXml
    stem = output_stem(source)
    rendered: dict[Path, bytes | str] = {}
    if "pdf" in formats:
        from sopdoc.render.pdf import render_pdf

        rendered[out_dir / f"{stem}.pdf"] = render_pdf(sop, layout, qr=qr or profile.qr, canonical=canonical)
    if "svg" in formats:
        from sopdoc.render.svg import render_svg

        rendered[out_dir / f"{stem}.svg"] = render_svg(layout, text_as_paths=svg_paths)
    if "docx" in formats:
        from sopdoc.render.docx import docx_bytes

        rendered[out_dir / f"{stem}.docx"] = docx_bytes(sop, profile=profile, template=template, layout=layout,
                                                                canonical=canonical)
    with OutputSet() as outputs:  # every format of this input, or none
        for target, data in rendered.items():
            outputs.add(target, data)
        written = outputs.commit()
    return written, layout.warnings
