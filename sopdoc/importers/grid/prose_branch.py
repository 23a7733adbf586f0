"""Branches written in prose in a step's Keterangan ("Jika tidak lengkap, kembali ke langkah 2",
"A : BMN yang memiliki dokumen …; B : …"): the importer keeps the text as keterangan, as printed,
and says so (IMP043), because the flowchart is what a reader and the checker follow.

Signed SOPs explain a decision's lettered exits in the Keterangan cell (bps 009: "A : BMN yang
memiliki dokumen kepemilikan dan diatas 100 jt"), or write a return that the flowchart does not
draw at all ("bila belum lengkap dikembalikan ke langkah 3" beside a plain process box). The
first is a note on a drawn branch; the second is a branch the flowchart loses, so its finding
names it. Neither is turned into ``cabang``: prose names conditions, not exits, and a guessed
target would be a silent change of the flow.
"""

from __future__ import annotations

import re

__all__ = ["prose_branch"]

_COND = r"(?:jika|apabila|bila|kalau|bilamana|seandainya)"
_OUTCOME = (r"(?:ya|tidak|tdk|belum|sudah|sesuai|lengkap|benar|salah|setuju|disetujui|ditolak|diterima|"
            r"memenuhi|valid|layak|ada|terdapat|perlu|lolos|lulus)")
_STEP = r"(?:langkah|kegiatan|tahap|tahapan|proses|no\.?|nomor|butir)"
_CONDITION = re.compile(rf"\b{_COND}\b[^.;]{{0,60}}?\b{_OUTCOME}\b", re.IGNORECASE)
_GOTO = re.compile(rf"\b(?:kembali|dikembalikan|lanjut|dilanjutkan|diteruskan|menuju)\b[^.;]{{0,25}}?\b{_STEP}\s*"
                   r"\(?\d{1,3}\)?", re.IGNORECASE)
_LETTERED = re.compile(r"(?:^|[\s;.])(?P<label>[A-Za-z]{1,6})\s*:\s*\S")


def prose_branch(keterangan: str, labels: tuple[str, ...] = ()) -> str | None:
    """The words of ``keterangan`` that state a branch (a condition with its outcome, a jump to
    a numbered step, or a decision's exit label followed by a colon), or ``None``. ``labels``:
    the words printed on the step's exits (Ya/Tidak, A/B …), when the step is a decision."""
    text = " ".join(keterangan.split())
    if not text:
        return None
    for pattern in (_GOTO, _CONDITION):
        found = pattern.search(text)
        if found:  # quoted from the start of its sentence: the condition often comes first
            return _clause(text, max(text.rfind(".", 0, found.start()), text.rfind(";", 0, found.start())) + 1)
    wanted = {label.strip().lower() for label in labels if label.strip()}
    if wanted:
        for found in _LETTERED.finditer(text):
            if found.group("label").lower() in wanted:
                return _clause(text, found.start("label"))
    return None


def _clause(text: str, start: int, most: int = 60) -> str:
    """The words of ``text`` from ``start`` to the end of their clause (at most ``most``
    characters, cut at a space with "…"): what the finding quotes."""
    end = len(text)
    for stop in ".;":
        at = text.find(stop, start + 1)
        if at != -1:
            end = min(end, at)
    clause = text[start:end].strip()
    if len(clause) > most:
        clause = clause[:most].rsplit(" ", 1)[0] + " …"
    return clause
