"""Plain data (from YAML or an importer) → Sop, every pydantic error a located SOP0xx finding
(unknown keys with "did you mean", wrong types, impossible dates, unreadable waktu)."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from sopdoc.model.diagnostic import Diagnostic, Path, Teks, format_path
from sopdoc.model.sop import Sop
from sopdoc.source.codes import reading_diagnostic
from sopdoc.source.source_map import LoadResult, SourceMap

__all__ = ["MAX_STEPS", "data_to_result", "dedupe", "steps_limit"]

MAX_STEPS = 1000


def steps_limit(count: int, smap: SourceMap) -> Diagnostic:
    return reading_diagnostic(
        "SOP013", Teks(f"{count} kegiatan; batasnya {MAX_STEPS}", f"{count} steps; the limit is {MAX_STEPS}"),
        path=("kegiatan",), origin=smap.origin(("kegiatan",), key=True))


def data_to_result(data: Any, smap: SourceMap) -> LoadResult:
    """Validate plain data (from YAML or JSON) into a Sop with located findings."""
    file = smap.file
    if not isinstance(data, dict):
        kind = _kind(data)
        return LoadResult(file, None, (reading_diagnostic(
            "SOP007",
            Teks(f"isi berkas harus berupa pemetaan (kunci: nilai), bukan {kind[0]}",
                 f"the file must hold a mapping (key: value), not {kind[1]}"),
            origin=smap.origin(())),), smap)
    if "sopdoc" in data and data["sopdoc"] != 1:
        return LoadResult(file, None, (reading_diagnostic(
            "SOP014", Teks(f"versi format {data['sopdoc']!r} tidak dikenal; yang didukung: 1",
                           f"format version {data['sopdoc']!r} is unknown; supported: 1"),
            path=("sopdoc",), origin=smap.origin(("sopdoc",))),), smap)
    steps = data.get("kegiatan")
    if isinstance(steps, list) and len(steps) > MAX_STEPS:
        return LoadResult(file, None, (steps_limit(len(steps), smap),), smap)
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        diags = tuple(_from_pydantic(err, smap) for err in exc.errors(include_url=False))
        return LoadResult(file, None, dedupe(diags), smap)
    return LoadResult(file, sop, tuple(_waktu_findings(sop, smap)), smap)


def dedupe(diags: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    seen: dict[tuple[object, ...], Diagnostic] = {}
    for d in diags:
        seen.setdefault((d.code, d.path, d.message.id), d)
    return tuple(sorted(seen.values(), key=Diagnostic.sort_key))


def _waktu_findings(sop: Sop, smap: SourceMap) -> list[Diagnostic]:
    out = []
    for i, step in enumerate(sop.kegiatan):
        w = step.mutu_baku.waktu
        if w is not None and not w.terbaca:
            path: Path = ("kegiatan", i, "mutu_baku", "waktu")
            no_unit = w.teks.strip().replace(",", "").replace(".", "").isdigit()
            extra = Teks(" (satuan tidak ada; isi `satuan_waktu` bila satuan ada di judul kolom)",
                         " (no unit; set `satuan_waktu` when the unit is in the column header)") \
                if no_unit else Teks("", "")
            out.append(reading_diagnostic(
                "SOP012", Teks(f"waktu {w.teks!r} tidak terbaca{extra.id}",
                               f"waktu {w.teks!r} cannot be read{extra.en}"),
                path=path, origin=smap.origin(path)))
    return out


def _kind(value: Any) -> tuple[str, str]:
    if isinstance(value, list):
        return "daftar", "a list"
    if isinstance(value, str):
        return "teks", "text"
    if isinstance(value, bool):
        return "boolean", "a boolean"
    if isinstance(value, (int, float)):
        return "angka", "a number"
    if value is None:
        return "kosong", "empty"
    return "pemetaan", "a mapping"


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class whose fields live at ``path`` (for "did you mean")."""
    model: Any = Sop
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    for arg in (typing.get_args(annotation) or ()):
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, tuple, list):
        return None
    return annotation


_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
_TYPE_NAMES = {
    "string_type": ("teks", "text"), "int_type": ("bilangan bulat", "an integer"),
    "int_parsing": ("bilangan bulat", "an integer"), "tuple_type": ("daftar", "a list"),
    "list_type": ("daftar", "a list"), "model_type": ("pemetaan (kunci: nilai)", "a mapping (key: value)"),
    "dict_type": ("pemetaan (kunci: nilai)", "a mapping (key: value)"),
    "model_attributes_type": ("pemetaan (kunci: nilai)", "a mapping (key: value)"),
    "int_from_float": ("bilangan bulat", "an integer"),
}


def _is_branch(p: str) -> bool:
    """A pydantic union-branch name such as 'tuple[str, ...]' (``word[...]``), not a user's key."""
    head, bracket, _ = p.partition("[")
    return bool(bracket) and p.endswith("]") and head.replace(".", "_").isidentifier()


def _from_pydantic(err: Any, smap: SourceMap) -> Diagnostic:
    loc: Path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # pydantic inserts union branch names such as 'tuple[str, ...]' into loc; drop them
    # (a branch name is ``word[...]``; a user's key such as 'a[:' is kept)
    loc = tuple(p for p in loc if isinstance(p, int) or not (_is_branch(p) or p in {"str", "int"}))
    etype = err["type"]
    where = format_path(loc)
    value = err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else _kind(value)[0]
    if etype == "extra_forbidden" and err["loc"]:
        # the raw path's last element is always the unknown key, even one the branch filter dropped
        key = str(err["loc"][-1])
        if not loc or loc[-1] != err["loc"][-1]:
            loc = (*loc, key)
        model = _model_at(loc[:-1])
        choices = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        hint = (Teks(f"maksud Anda `{close[0]}`?", f"did you mean `{close[0]}`?") if close else
                Teks("kunci yang sah di sini: " + ", ".join(choices), "valid keys here: " + ", ".join(choices))
                if choices else None)
        return reading_diagnostic("SOP006", Teks(f"kunci {key!r} tidak dikenal", f"unknown key {key!r}"),
                                  path=loc, origin=smap.origin(loc, key=True), hint=hint)
    if etype == "missing":
        return reading_diagnostic(
            "SOP010",
            Teks(f"kunci wajib `{where}` tidak ada", f"required key `{where}` is missing"),
            path=loc,
            origin=smap.origin(loc),
        )
    if etype in _DATE_ERRORS:
        return reading_diagnostic(
            "SOP011",
            Teks(
                f"{where}: tanggal {shown} tidak ada atau tidak valid",
                f"{where}: date {shown} does not exist or is invalid",
            ),
            path=loc,
            origin=smap.origin(loc),
        )
    if etype in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        return reading_diagnostic(
            "SOP007",
            Teks(
                f"{where}: nilai {shown} tidak dikenal; pilihan: {expected.replace(' or ', ' atau ')}",
                f"{where}: value {shown} is not known; choices: {expected}",
            ),
            path=loc,
            origin=smap.origin(loc),
        )
    if etype in _TYPE_NAMES:
        want = _TYPE_NAMES[etype]
        got = _kind(value)
        shown_id = shown if got[0] != "pemetaan" and got[0] != "daftar" else ""
        shown_en = shown if got[1] not in ("a mapping", "a list") else ""
        return reading_diagnostic(
            "SOP007",
            Teks(
                f"{where}: harus berupa {want[0]}, bukan {got[0]} {shown_id}".rstrip(),
                f"{where}: must be {want[1]}, not {got[1]} {shown_en}".rstrip(),
            ),
            path=loc,
            origin=smap.origin(loc),
        )
    if etype == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return reading_diagnostic(
            "SOP007",
            Teks(f"{where}: teks melebihi {limit} karakter", f"{where}: text longer than {limit} characters"),
            path=loc,
            origin=smap.origin(loc),
        )
    msg = str(err.get("msg", etype))
    return reading_diagnostic("SOP007", Teks(f"{where}: {msg}", f"{where}: {msg}"), path=loc, origin=smap.origin(loc))
