"""Command of monitoring and evaluation: ``evaluasi`` (the evaluation form of one SOP)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, fail
from sopdoc.cli.period import _as_of, _common, _store
from sopdoc.model.diagnostic import Teks

FORM_SUFFIXES = (".pdf", ".docx")


@cli.command(help=_help(
    "evaluasi",
    "Formulir evaluasi SOP (PermenPAN-RB 35/2012): hasil monitoring tiap periode yang tercatat di "
    "--db untuk SOP ini, tujuh kriteria evaluasi yang diisi awal dari log periode dan temuan "
    "pemeriksaan (dengan buktinya; 'perlu dinilai' bila catatan tidak cukup), dan usulan "
    "rekomendasi (tetap/revisi/hapus) yang diputuskan oleh penilai.\n\n"
    "Contoh: sopdoc evaluasi sop.sop.yaml --db periode.db -o evaluasi.pdf\n\n"
    "Kode keluar: 0 formulir dibuat, 2 masukan tidak terbaca atau kesalahan penggunaan.",
    "The evaluation form of an SOP (PermenPAN-RB 35/2012): the monitoring result of every period "
    "logged in --db for this SOP, the seven evaluation criteria pre-filled from the period logs and "
    "the check's findings (with their evidence; 'to be judged' where the records cannot tell), and a "
    "proposed recommendation (keep/revise/remove) that the evaluator decides.\n\n"
    "Example: sopdoc evaluasi sop.sop.yaml --db periods.db -o evaluation.pdf\n\n"
    "Exit codes: 0 form made, 2 unreadable input or usage error.",
))
@click.argument("sop_file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("evaluasi.fmt", "Format keluaran di layar.", "Output format on stdout."))
@click.option("-o", "--out", "output", type=click.Path(dir_okay=False), default=None,
              help=_help("evaluasi.output", "Tulis formulir ke FILE.pdf atau FILE.docx.",
                         "Write the form to FILE.pdf or FILE.docx."))
@_common("evaluasi", config=True)
@click.pass_context
def evaluasi(ctx: click.Context, sop_file: str, fmt: str, output: str | None, db: str, config: str | None) -> None:
    from sopdoc.atomic import OutputSet
    from sopdoc.execution.evaluasi import evaluate
    from sopdoc.importers.dispatch import load_source
    from sopdoc.model.diagnostic import Severity
    from sopdoc.validate.engine import check_loaded

    lang = _lang(ctx)
    if output is not None and not output.lower().endswith(FORM_SUFFIXES):
        fail(ctx, Teks(f"formulir harus berakhiran .pdf atau .docx: {output}",
                       f"the form must end in .pdf or .docx: {output}"))
    path = Path(sop_file)
    if not path.is_file():
        fail(ctx, Teks(f"berkas tidak ada: {path}", f"file not found: {path}"))
    if not Path(db).is_file():
        fail(ctx, Teks(f"basis data log tidak ada: {db}", f"log database not found: {db}"))
    result = load_source(path)
    if result.sop is None:
        first = next((d for d in result.diagnostics if d.severity is Severity.ERROR), None)
        reason = f": {first.code} {first.message.get(lang)}" if first else ""
        fail(ctx, Teks(f"{path} tidak dapat dibaca sebagai SOP{reason}", f"{path} cannot be read as an SOP{reason}"))
    sop = result.sop
    assert sop is not None  # fail() exits
    findings = check_loaded(result)
    periods = _periods(ctx, sop, db, config)
    ev = evaluate(sop, findings, periods)
    click.echo(_json(ev, lang) if fmt == "json" else _text(ev, lang), nl=False)
    if output is not None:
        target = Path(output)
        if target.suffix.lower() == ".pdf":
            from sopdoc.render.evaluasi import evaluasi_pdf as paint
        else:
            from sopdoc.render.evaluasi import evaluasi_docx as paint
        with OutputSet() as outputs:
            outputs.add(target, paint(ev, None, lang))
            outputs.commit()
        click.echo(Teks(f"formulir ditulis: {target}", f"form written: {target}").get(lang), err=True)


def _periods(ctx: click.Context, sop: Any, db: str, config: str | None) -> list[Any]:
    """The monitoring result of every instance of this SOP (same content hash, or same nomor and
    nama: earlier versions), oldest period first; a log that fails verification is marked."""
    import hashlib

    from sopdoc.config import load_settings
    from sopdoc.execution.calendar import WorkingCalendar
    from sopdoc.execution.compliance import check_instance
    from sopdoc.execution.evaluasi import period_result
    from sopdoc.execution.recording import instance_calendar
    from sopdoc.source.writer import sop_to_yaml

    settings = load_settings(None, Path(config) if config else None)
    digest = hashlib.sha256(sop_to_yaml(sop).encode()).hexdigest()
    ident = sop.identitas
    out = []
    with _store(db) as store:
        mine = []
        for inst in store.instances():
            meta = inst.meta_dict()
            same = bool(ident.nomor) and meta.get("nomor") == ident.nomor and meta.get("nama") == (ident.nama or "")
            if inst.sop_hash == digest or same:
                mine.append(inst)
        for inst in sorted(mine, key=lambda i: (i.period, i.name)):
            verification = store.verification(inst.name)
            calendar = WorkingCalendar(instance_calendar(inst, settings.kalender))
            checked = check_instance(inst, store.entries(inst.name), calendar, settings.period,
                                     _as_of(ctx, None, inst.zona_waktu))
            out.append(period_result(checked, inst.period, verification.ok))
    return out


def _text(ev: Any, lang: str) -> str:
    from sopdoc.render.evaluasi import form_rows

    a, b, c = form_rows(ev, lang)
    head = Teks(f"Evaluasi SOP {ev.nomor or '-'} {ev.nama}", f"Evaluation of SOP {ev.nomor or '-'} {ev.nama}")
    lines = [head.get(lang), Teks("Monitoring:", "Monitoring:").get(lang)]
    lines += [f"  {row[1]}: {row[2]}; " + Teks(f"tepat waktu {row[3]}", f"on time {row[3]}").get(lang)
              + (f"; {row[4]}" if row[4] != "-" else "") for row in a]
    lines.append(Teks("Kriteria:", "Criteria:").get(lang))
    yes, no = Teks("Ya", "Yes").get(lang), Teks("Tidak", "No").get(lang)
    for row, j in zip(b, ev.kriteria, strict=True):
        answer = yes if j.ya is True else no if j.ya is False else "?"
        lines.append(f"  {row[0]}. {row[1]}: {answer} — {row[4]}")
    lines += c[:2]
    return "\n".join(lines) + "\n"


def _json(ev: Any, lang: str) -> str:
    data = {
        "nama": ev.nama, "nomor": ev.nomor,
        "periode": [{"instans": p.instance, "periode": p.period, "penilaian": p.assessment.get(lang),
                     "tepat_waktu": p.on_time, "terukur": p.measured, "penyimpangan": list(p.codes),
                     "selesai": p.finished, "baik": p.good, "log_valid": p.valid} for p in ev.periods],
        "kriteria": [{"kunci": j.key, "nama": j.nama.get(lang), "ya": j.ya, "bukti": [t.get(lang) for t in j.bukti]}
                     for j in ev.kriteria],
        "rekomendasi": ev.rekomendasi, "alasan": ev.alasan.get(lang), "dikonfirmasi": False,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
