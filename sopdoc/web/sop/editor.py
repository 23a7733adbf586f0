"""The structured editor's form ⇄ the SOP data (the YAML keys of the model).

Inputs are named after the model's paths (``identitas.nama``, ``dasar_hukum``, ``k-3-uraian`` for
``kegiatan[3].uraian``), so a finding's path tells which field it sits beside (:func:`slot_of`).
What the form does not edit (the worksheet, cell marks, branch labels, the header's time unit) is
kept from the version the edit started from.

A decision's Ya/Tidak targets are picked from the SOP's steps. The value of a choice is the number
the step had when the form was drawn (its row, ``k-{i}`` → ``i + 1``), so when rows are deleted,
inserted or moved the target follows its row and is renumbered with it (:func:`data_from_post`). A
target that names no step is kept as typed and offered as "(tidak ada)", so that the checker's
finding about it is shown beside the two pickers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sopdoc.model.diagnostic import Teks
from sopdoc.model.labels import BOX_KEYS, BOXES
from sopdoc.model.sop import Simbol
from sopdoc.web.akun.converters import small_int
from sopdoc.web.akun.templatetags.teks import lang

IDENTITY_LABELS = (("nomor", "Nomor SOP", "SOP number"), ("nama", "Nama SOP", "SOP name"), ("unit", "Unit", "Unit"),
                   ("alamat", "Alamat", "Address"), ("tanggal_pembuatan", "Tanggal pembuatan", "Date made"),
                   ("tanggal_revisi", "Tanggal revisi", "Revision date"),
                   ("tanggal_efektif", "Tanggal efektif", "Effective date"))
IDENTITY_FIELDS = tuple(k for k, _id, _en in IDENTITY_LABELS)
SIGNER_FIELDS = ("jabatan", "nama", "nip", "pangkat")
STEP_FIELDS = ("uraian", "simbol", "kelengkapan", "waktu", "output", "ya", "tidak", "keterangan")
SYMBOLS = tuple(s.value for s in Simbol)
MAX_ROWS = 200


@dataclass
class Row:
    """One step row of the editor."""

    index: int
    origin: int  # index of the step in the base version (-1: a new row)
    uraian: str = ""
    pelaksana: list[str] = field(default_factory=list)
    simbol: str = ""
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    ya: str = ""
    tidak: str = ""
    keterangan: str = ""
    ya_pilihan: SafeString = field(default_factory=lambda: mark_safe(""))  # escaped by _options
    tidak_pilihan: SafeString = field(default_factory=lambda: mark_safe(""))
    aktor_html: SafeString = field(default_factory=lambda: mark_safe(""))  # escaped by _row_controls
    simbol_pilihan: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def key(self) -> str:
        """The prefix of the row's inputs (a string: templates format numbers slowly)."""
        return f"k-{self.index}"

    @property
    def idx(self) -> str:
        return str(self.index)

    @property
    def origin_text(self) -> str:
        return str(self.origin)

    @property
    def no(self) -> str:
        return str(self.index + 1)


@dataclass
class EditorState:
    """Everything the editor template shows."""

    identitas: list[tuple[str, str, str, str]]  # (key, Indonesian label, English label, value)
    signer: dict[str, str]
    instansi: str
    boxes: list[tuple[str, str, str, str]]  # (key, Indonesian label, English label, lines)
    periode: str
    pelaksana: list[str]
    rows: list[Row]

    @property
    def pelaksana_text(self) -> str:
        return "\n".join(self.pelaksana)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _seq(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _lines(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(v) for v in value)
    return _text(value)


def state_of(data: dict[str, Any]) -> EditorState:
    """The editor's fields for the SOP data ``data`` (as read from a version's YAML)."""
    ident = _dict(data.get("identitas"))
    signer = _dict(ident.get("disahkan_oleh"))
    rows: list[Row] = []
    steps = _seq(data.get("kegiatan"))
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        mb = _dict(step.get("mutu_baku"))
        cabang = _dict(step.get("cabang"))
        actors = step.get("pelaksana")
        origin = step.get("_asal", i)
        rows.append(Row(
            index=len(rows), origin=origin if isinstance(origin, int) else -1, uraian=_text(step.get("uraian")),
            pelaksana=[actors] if isinstance(actors, str) else [_text(a) for a in actors or []],
            simbol=_text(step.get("simbol")), kelengkapan=_lines(mb.get("kelengkapan")), waktu=_text(mb.get("waktu")),
            output=_text(mb.get("output")), ya=_text(cabang.get("ya")), tidak=_text(cabang.get("tidak")),
            keterangan=_text(step.get("keterangan"))))
    _pick_targets(rows, [s.get("no") if isinstance(s, dict) else None for s in steps if isinstance(s, dict)])
    actors = data.get("pelaksana")
    columns = [actors] if isinstance(actors, str) else [_text(a) for a in actors or []]
    _row_controls(rows, columns)
    return EditorState(
        identitas=[(k, name_id, name_en, _text(ident.get(k))) for k, name_id, name_en in IDENTITY_LABELS],
        signer={k: _text(signer.get(k)) for k in SIGNER_FIELDS},
        instansi=_lines(ident.get("instansi")),
        boxes=[(k, name_id, name_en, _lines(data.get(k))) for k, name_id, name_en in BOXES],
        periode=_text(data.get("periode")),
        pelaksana=[actors] if isinstance(actors, str) else [_text(a) for a in actors or []],
        rows=rows)


MISSING = Teks("tidak ada", "missing")
UNKNOWN = "?"  # the prefix of a target choice that names no step (kept as typed)


def _step_no(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = _text(value).strip()
    return int(text) if text.isdigit() and len(text) < 7 else None


def _option_list(rows: list[Row]) -> list[tuple[str, str]]:
    """(value, escaped label) of every target picker's options: none, then every step as
    "5 — Memeriksa berkas" (escaped here, once per page: 40 steps × 80 pickers are too many options
    for the template engine to draw fast)."""
    out = [("", "—")]
    for r in rows:
        label = " ".join(r.uraian.split())
        label = label if len(label) <= 48 else label[:47] + "…"
        out.append((r.no, f"{r.no} — {escape(label)}"))
    return out


def _options(options: list[tuple[str, str]], value: str) -> SafeString:
    """A picker's options with ``value`` chosen; a value that names no step is kept and shown as such."""
    parts = [f'<option value="{v}"{" selected" if v == value else ""}>{label}</option>' for v, label in options]
    if value and not any(v == value for v, _label in options):
        raw = value[len(UNKNOWN):] if value.startswith(UNKNOWN) else value
        parts.append(f'<option value="{escape(UNKNOWN + raw)}" selected>{escape(raw)} ({MISSING.get(lang())})</option>')
    return mark_safe("".join(parts))  # every text is escaped, by _option_list or above


def _pick_targets(rows: list[Row], numbers: list[Any]) -> None:
    """Turn each row's Ya/Tidak (step numbers of the data) into the picker's choice (the row's
    number in the form) and its options."""
    row_of: dict[int, Row] = {}
    for r, no in zip(rows, numbers, strict=False):
        n = _step_no(no)
        if n is not None:
            row_of.setdefault(n, r)
    options = _option_list(rows)
    for r in rows:
        for side in ("ya", "tidak"):
            text = getattr(r, side)
            n = _step_no(text)
            target = row_of.get(n) if n is not None else None
            value = target.no if target is not None else (UNKNOWN + text if text else "")
            setattr(r, side, value)
            setattr(r, f"{side}_pilihan", _options(options, value))


def _row_controls(rows: list[Row], actors: list[str]) -> None:
    """Each row's actor check boxes and symbol options (built here, escaped, rather than by two nested
    template loops per row)."""
    symbols = [(s, escape(s)) for s in SYMBOLS]
    columns = [(a, escape(a)) for a in actors]
    for r in rows:
        key = r.key
        r.aktor_html = mark_safe("".join(  # every text is escaped
            f'<label><input type="checkbox" name="{key}-pelaksana" value="{v}"{" checked" if a in r.pelaksana else ""}>'
            f" {v}</label>" for a, v in columns))
        r.simbol_pilihan = mark_safe('<option value="">—</option>' + "".join(  # every text is escaped
            f'<option value="{v}"{" selected" if s == r.simbol else ""}>{v}</option>' for s, v in symbols))


def _target(text: str, renumbered: dict[int, int], count: int) -> int | str | None:
    """A submitted target choice as a step number of the new data: a row of the form follows that row
    (None when it was deleted); anything else is kept as typed for the checker to judge."""
    text = text.strip()
    if text.startswith(UNKNOWN):
        return _number(text[len(UNKNOWN):])
    n = _step_no(text)
    if n is not None and 1 <= n <= count:
        return renumbered.get(n - 1)
    return _number(text)


def _list(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def _opt(text: str) -> str | None:
    text = text.strip()
    return text or None


def _line(text: str) -> str | None:
    """A one-line field typed in a growing textarea (Output, Keterangan): its lines joined by spaces."""
    return " ".join(_list(text)) or None


def _number(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() and len(text) < 7 else text  # a non-number is left for the checker


def data_from_post(post: QueryDict, base: dict[str, Any]) -> dict[str, Any]:
    """The SOP data of the submitted editor form, over ``base`` (the version the edit started from)."""
    data = dict(base)
    data["sopdoc"] = 1
    ident = dict(_dict(base.get("identitas")))
    for k in IDENTITY_FIELDS:
        ident[k] = _opt(post.get(f"identitas.{k}", ""))
    ident["instansi"] = _list(post.get("identitas.instansi", ""))
    signer = {k: _opt(post.get(f"identitas.disahkan_oleh.{k}", "")) for k in SIGNER_FIELDS}
    ident["disahkan_oleh"] = signer if any(signer.values()) else None
    data["identitas"] = {k: v for k, v in ident.items() if v not in (None, [], "")}
    for k in BOX_KEYS:
        items = _list(post.get(k, ""))
        data[k] = items or None
    data["periode"] = _opt(post.get("periode", ""))
    actors = _list(post.get("pelaksana", ""))
    data["pelaksana"] = actors
    base_steps = _seq(base.get("kegiatan"))
    rows: list[tuple[int, dict[str, Any]]] = []  # (the row's index in the form, or -1 for a new row; step)
    count = min(small_int(post.get("n_rows")) or 0, MAX_ROWS)
    for i in range(count):
        if post.get(f"k-{i}-hapus") == "1":
            continue
        origin = small_int(post.get(f"k-{i}-asal"))
        old = base_steps[origin] if origin is not None and origin < len(base_steps) else {}
        step: dict[str, Any] = dict(_dict(old))
        step["_asal"] = origin if origin is not None else -1
        step["no"] = 0  # numbered below, once rows have moved
        step["uraian"] = post.get(f"k-{i}-uraian", "").strip()
        step["pelaksana"] = [a for a in post.getlist(f"k-{i}-pelaksana") if a in actors]
        simbol = post.get(f"k-{i}-simbol", "")
        step["simbol"] = simbol if simbol in SYMBOLS else None
        mb = dict(_dict(_dict(old).get("mutu_baku")))
        mb["kelengkapan"] = _list(post.get(f"k-{i}-kelengkapan", ""))
        mb["waktu"] = _opt(post.get(f"k-{i}-waktu", ""))
        mb["output"] = _line(post.get(f"k-{i}-output", ""))
        step["mutu_baku"] = {k: v for k, v in mb.items() if v not in (None, [])}
        step["cabang"] = dict(_dict(_dict(old).get("cabang")))
        step["keterangan"] = _line(post.get(f"k-{i}-keterangan", ""))
        rows.append((i, step))
    _move(post, rows, actors)
    if post.get("tambah") == "1" and len(rows) < MAX_ROWS:
        rows.append((-1, _new_step(actors)))
    renumbered = {i: pos + 1 for pos, (i, _step) in enumerate(rows) if i >= 0}
    steps: list[dict[str, Any]] = []
    for pos, (i, step) in enumerate(rows):
        step["no"] = pos + 1
        if i >= 0:
            cabang = step["cabang"]
            cabang["ya"] = _target(post.get(f"k-{i}-ya", ""), renumbered, count)
            cabang["tidak"] = _target(post.get(f"k-{i}-tidak", ""), renumbered, count)
            cabang = {k: v for k, v in cabang.items() if v is not None}
            step["cabang"] = cabang if step["simbol"] == Simbol.KEPUTUSAN.value and cabang else None
        steps.append({k: v for k, v in step.items() if v is not None})
    data["kegiatan"] = steps
    return {k: v for k, v in data.items() if v is not None}


def _new_step(actors: list[str]) -> dict[str, Any]:
    return {"_asal": -1, "no": 0, "uraian": "", "pelaksana": actors[:1], "simbol": "proses"}


def _move(post: QueryDict, rows: list[tuple[int, dict[str, Any]]], actors: list[str]) -> None:
    """The row button pressed, if any: move a row up (``k-{i}-naik``) or down (``k-{i}-turun``), or
    insert a new row below it (``k-{i}-sisip``)."""
    for pos, (i, _step) in enumerate(rows):
        if post.get(f"k-{i}-naik") == "1" and pos > 0:
            rows[pos - 1], rows[pos] = rows[pos], rows[pos - 1]
        elif post.get(f"k-{i}-turun") == "1" and pos + 1 < len(rows):
            rows[pos], rows[pos + 1] = rows[pos + 1], rows[pos]
        elif post.get(f"k-{i}-sisip") == "1" and len(rows) < MAX_ROWS:
            rows.insert(pos + 1, (-1, _new_step(actors)))
        else:
            continue
        return


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the editor's bookkeeping (each step's origin row), ready to be saved."""
    steps = [{k: v for k, v in s.items() if k != "_asal"} for s in data.get("kegiatan", [])]
    return {**data, "kegiatan": steps}


def slot_of(path: list[Any] | tuple[Any, ...]) -> str:
    """The editor slot a finding at ``path`` is shown in (``umum`` when no field matches)."""
    if not path:
        return "umum"
    head = path[0]
    if head == "identitas" and len(path) > 1:
        if path[1] == "disahkan_oleh":
            return "identitas-disahkan_oleh"
        return f"identitas-{path[1]}" if path[1] in (*IDENTITY_FIELDS, "instansi") else "umum"
    if head in BOX_KEYS or head in ("pelaksana", "periode"):
        return str(head)
    if head == "kegiatan" and len(path) > 1 and isinstance(path[1], int):
        return f"k-{path[1]}-cabang" if len(path) > 2 and path[2] == "cabang" else f"k-{path[1]}"
    return "umum"


def slots(state: EditorState) -> list[str]:
    """Every slot of an editor page (each is filled or emptied by a preview)."""
    out = ["umum", "identitas-instansi", "identitas-disahkan_oleh", "pelaksana", "periode"]
    out += [f"identitas-{k}" for k in IDENTITY_FIELDS] + list(BOX_KEYS)
    out += [f"k-{r.index}{part}" for r in state.rows for part in ("", "-cabang")]
    return out
