"""Text and JSON of ``sopdoc info``: the standard time of an SOP in people's units."""

from __future__ import annotations

import json
from decimal import Decimal

from sopdoc.model.sop import Sop
from sopdoc.validate.timing import TimeFigures

__all__ = ["format_info_json", "format_info_text", "minutes_to_text"]


def _num(value: Decimal, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    return text.replace(".", ",")


def minutes_to_text(minutes: Decimal, per_day: int, lang: str = "id") -> str:
    """'8 hari kerja 6 jam 15 menit (66,3 jam; 8,8 hari kerja)'."""
    whole = int(minutes)
    days, rest = divmod(whole, per_day)
    hours, mins = divmod(rest, 60)
    unit = ("hari kerja", "jam", "menit") if lang != "en" else ("working days", "h", "min")
    parts = [f"{days} {unit[0]}" if days else "", f"{hours} {unit[1]}" if hours else "",
             f"{mins} {unit[2]}" if mins or not (days or hours) else ""]
    exact = " ".join(p for p in parts if p)
    return f"{exact} ({_num(minutes / 60)} {unit[1]}; {_num(minutes / per_day, 2)} {unit[0]})"


def format_info_text(file: str, sop: Sop, fig: TimeFigures, lang: str = "id") -> str:
    """Several lines for people."""
    en = lang == "en"
    per_day = fig.menit_per_hari_kerja
    name = sop.identitas.nama or "-"
    lines = [f"{file}: {name}",
             (f"  steps {fig.jumlah_kegiatan}, actors {fig.jumlah_pelaksana}, decisions {fig.jumlah_keputusan}"
              if en else f"  kegiatan {fig.jumlah_kegiatan}, pelaksana {fig.jumlah_pelaksana}, "
                         f"keputusan {fig.jumlah_keputusan}"),
             (f"  working day: {per_day} minutes" if en else f"  hari kerja: {per_day} menit"),
             ("  main path (decisions 'ya'): " if en else "  jalur utama (keputusan 'ya'): ")
             + " → ".join(str(n) for n in fig.jalur),
             ("  standard time: " if en else "  waktu baku: ") + minutes_to_text(fig.total_menit, per_day, lang)]
    if fig.tidak_terhitung:
        shown = ", ".join(str(n) for n in fig.tidak_terhitung)
        lines.append(f"  not counted (no working-time value): steps {shown}" if en
                     else f"  tidak terhitung (waktu tanpa nilai jam kerja): kegiatan {shown}")
    if fig.terlama is not None:
        no, teks, minutes = fig.terlama
        lines.append((f"  longest step: {no} ({teks}) = " if en else f"  kegiatan terlama: {no} ({teks}) = ")
                     + minutes_to_text(minutes, per_day, lang))
    lines.append("  per actor:" if en else "  per pelaksana:")
    width = max((len(n) for n, _ in fig.per_pelaksana), default=0)
    for actor, minutes in fig.per_pelaksana:
        lines.append(f"    {actor.ljust(width)}  {minutes_to_text(minutes, per_day, lang)}")
    return "\n".join(lines) + "\n"


def format_info_json(entries: list[tuple[str, Sop, TimeFigures]]) -> str:
    """A JSON document: one entry per file."""
    doc = [{"file": f, "nama": s.identitas.nama, **fig.to_dict()} for f, s, fig in entries]
    return json.dumps({"files": doc}, ensure_ascii=False, indent=2) + "\n"
