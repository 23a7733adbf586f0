"""Which unit a period instance belongs to, wherever it was opened.

An instance opened on the web has its row (:class:`~sopdoc.web.periode.models.Instans`). One
opened from the CLI (``sopdoc period open``) has none, and is mapped, in this order, by:

1. the SOP row of the web's catalogue: a version whose content hash is the one the instance pinned
   (the CLI and the web hash the same canonical YAML), else an SOP whose title is the pinned SOP's
   name — when the matches lie in one unit;
2. the pinned SOP's own ``unit`` field, then its letterhead lines (``instansi``, the most specific
   last), matched to a web unit's name or code (case and spacing aside).

An instance none of these place belongs to no unit: inspectors and administrators still read it.
The mapping is computed when asked (nothing is written on a page view), so a unit or an SOP added
later places the instances that were waiting for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sopdoc.errors import SopdocError
from sopdoc.execution.store import Instance
from sopdoc.model.diagnostic import Teks
from sopdoc.web.akun.models import Unit
from sopdoc.web.periode.models import Instans
from sopdoc.web.sop.models import Sop, Versi

__all__ = ["HOW", "Owner", "owners"]

HOW = {  # how an instance's unit was found, as shown beside it
    "web": Teks("dibuka di web", "opened on the web"),
    "sop": Teks("dari CLI; unit SOP di katalog web", "from the CLI; the SOP's unit in the web catalogue"),
    "unit": Teks("dari CLI; unit menurut identitas SOP", "from the CLI; the unit named in the SOP's identity"),
    "": Teks("dari CLI; unit tidak dikenali", "from the CLI; unit not recognised"),
}


@dataclass(frozen=True)
class Owner:
    """An instance's unit (None: none found) and how it was found (a key of :data:`HOW`)."""

    unit_id: int | None
    unit: str
    how: str


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _one_unit(units: dict[int, Unit] | None) -> Unit | None:
    return next(iter(units.values())) if units and len(units) == 1 else None


def owners(instances: Iterable[Instance]) -> dict[str, Owner]:
    """The owner of each instance (a fixed number of queries however many instances)."""
    instances = list(instances)
    out = {r.nama: Owner(r.unit_id, r.unit.nama, "web")
           for r in Instans.objects.filter(nama__in=[i.name for i in instances]).select_related("unit")}
    rest = [i for i in instances if i.name not in out]
    if not rest:
        return out
    metas: dict[str, dict[str, object]] = {}
    for inst in rest:
        try:
            metas[inst.name] = inst.meta_dict()
        except SopdocError:  # damaged meta: placed by its hash alone
            metas[inst.name] = {}
    by_hash: dict[str, dict[int, Unit]] = {}
    for v in Versi.objects.filter(sha256__in={i.sop_hash for i in rest}).select_related("sop__unit"):
        by_hash.setdefault(v.sha256, {})[v.sop.unit_id] = v.sop.unit
    titles = {_norm(m.get("nama")) for m in metas.values()} - {""}
    by_title: dict[str, dict[int, Unit]] = {}
    if titles:
        for s in Sop.objects.select_related("unit"):
            if _norm(s.judul) in titles:
                by_title.setdefault(_norm(s.judul), {})[s.unit_id] = s.unit
    units: dict[str, Unit] = {}
    for u in Unit.objects.all():
        units.setdefault(_norm(u.nama), u)
        units.setdefault(_norm(u.kode), u)
    for inst in rest:
        meta = metas[inst.name]
        unit = _one_unit(by_hash.get(inst.sop_hash)) or _one_unit(by_title.get(_norm(meta.get("nama"))))
        how = "sop"
        if unit is None:
            kop = meta.get("instansi")
            named = [meta.get("unit"), *reversed(kop if isinstance(kop, list) else [])]
            unit = next((units[_norm(n)] for n in named if _norm(n) in units), None)
            how = "unit" if unit is not None else ""
        out[inst.name] = Owner(unit.pk if unit else None, unit.nama if unit else "", how)
    return out
