"""SOP201–SOP202: the six identity boxes exist and are filled (DOMAIN.md §2.2 fields 8–13)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.labels import BOXES
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext
from sopdoc.validate.text import is_blank

_E, _W = Severity.ERROR, Severity.WARNING


@rule(code="SOP201", slug="bagian-identitas-hilang", severity=_E, catalogue="SEC-01",
      summary=Teks("Salah satu dari enam kotak identitas tidak ada", "One of the six identity boxes is missing"),
      hint=Teks("tambahkan kotaknya; tulis '-' bila memang tidak ada isinya",
                "add the box; write '-' when it really has no content"))
def bagian_identitas_hilang(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-01 (missing, error): Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan,
    Peralatan/Perlengkapan, Peringatan and Pencatatan dan Pendataan all exist."""
    for key, id_name, en_name in BOXES:
        if getattr(sop, key) is None:
            yield Finding((key,), Teks(f"kotak {id_name} tidak ada", f"the {id_name} box ({en_name}) is missing"))


@rule(code="SOP202", slug="bagian-identitas-kosong", severity=_W, catalogue="SEC-01",
      summary=Teks("Kotak identitas kosong", "An identity box is empty"),
      hint=Teks("isi kotaknya sesuai PermenPAN-RB 35/2012", "fill in the box per PermenPAN-RB 35/2012"))
def bagian_identitas_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-01 (empty, warning): each box that exists has content; Keterkaitan may be "-"."""
    for key, id_name, en_name in BOXES:
        items = getattr(sop, key)
        if items is None:
            continue
        dash_ok = key == "keterkaitan" and any(i.strip() == "-" for i in items)
        if all(is_blank(i) for i in items) and not dash_ok:
            yield Finding((key,), Teks(f"kotak {id_name} kosong", f"the {id_name} box ({en_name}) is empty"))
