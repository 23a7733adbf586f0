"""Read ``*.sop.yaml`` sources into the model, keeping line/column of every node.

Safety: a safe composer only (no tags executed), a size limit, an alias-expansion budget and a
nesting limit, duplicate keys refused, YAML 1.2 scalars (``no``/``yes``/``1:30`` stay text).
Every problem becomes a located SOP0xx diagnostic; nothing here raises on bad content.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..model.diagnostic import Diagnostic, Origin, Path, Teks, format_path
from ..model.sop import Sop
from .reading import reading_diagnostic

__all__ = ["LoadResult", "SourceMap", "load_sop", "load_sop_text", "MAX_BYTES", "MAX_STEPS"]

MAX_BYTES = 4 * 1024 * 1024  # a 200-step SOP with long texts is about 200 KB
MAX_STEPS = 1000
MAX_NODES = 50_000  # nodes visited while expanding aliases (a 1,000-step SOP has ~20,000)
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"


@dataclass
class SourceMap:
    """Line and column (1-based) of every node, by model path."""

    file: str | None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def origin(self, path: Path, *, key: bool = False) -> Origin:
        """Where ``path`` is, or its nearest ancestor that exists in the source."""
        p = tuple(path)
        while True:
            table = self.keys if key and p in self.keys else self.values
            if p in table:
                line, col = table[p]
                return Origin(file=self.file, line=line, column=col)
            if not p:
                return Origin(file=self.file, line=1, column=1)
            p = p[:-1]


@dataclass(frozen=True)
class LoadResult:
    """What reading one source gave: the SOP (None if unusable) and the findings."""

    file: str | None
    sop: Sop | None
    diagnostics: tuple[Diagnostic, ...]
    source_map: SourceMap | None

    def origin(self, path: Path) -> Origin | None:
        """The source position of a model path (None when the source had no text positions)."""
        return self.source_map.origin(path) if self.source_map else None


class _Problem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Node tree → plain Python, recording positions and refusing what a source must not hold."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.visits = 0
        self.problems: list[Diagnostic] = []

    def origin(self, node: yaml.Node) -> Origin:
        line, col = _pos(node)
        return Origin(file=self.smap.file, line=line, column=col)

    def convert(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        self.visits += 1
        if self.visits > MAX_NODES or depth > MAX_DEPTH:
            raise _Problem(reading_diagnostic(
                "SOP008",
                Teks(f"alias/anchor YAML mengembang melebihi {MAX_NODES} simpul atau {MAX_DEPTH} tingkat",
                     f"YAML anchors/aliases expand past {MAX_NODES} nodes or {MAX_DEPTH} levels"),
                path=path, origin=self.origin(node)))
        if path not in self.smap.values:
            self.smap.values[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self._bad_tag(node, path)
            return [self.convert(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: Path) -> _Problem:
        return _Problem(reading_diagnostic(
            "SOP004", Teks(f"tag YAML {node.tag!r} tidak diizinkan", f"YAML tag {node.tag!r} is not allowed"),
            path=path, origin=self.origin(node),
            hint=Teks("hapus tag; sumber SOP hanya berisi teks, angka, tanggal, daftar dan pemetaan",
                      "remove the tag; an SOP source holds only text, numbers, dates, lists and mappings")))

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self._bad_tag(node, path)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Problem(reading_diagnostic(
                    "SOP007", Teks("kunci harus berupa teks", "a key must be text"),
                    path=path, origin=self.origin(key_node)))
            if key_node.tag == _TAG + "merge":
                raise self._bad_tag(key_node, path)
            key = key_node.value  # keys are names: `no:` stays "no", never False
            sub = (*path, key)
            if key in out:
                first = self.smap.keys.get(sub, (0, 0))
                self.problems.append(reading_diagnostic(
                    "SOP005",
                    Teks(f"kunci {key!r} sudah ada di baris {first[0]}",
                         f"key {key!r} already appears on line {first[0]}"),
                    path=sub, origin=self.origin(key_node)))
                continue
            self.smap.keys[sub] = _pos(key_node)
            out[key] = self.convert(value_node, sub, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            return value  # dates are parsed by the model, which reports impossible ones
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            # YAML 1.2: only true/false are booleans; "Ya", "yes", "no", "on" stay text.
            return {"true": True, "false": False}.get(value.lower(), value)
        if tag == _TAG + "int":
            digits = value.lstrip("+-").replace("_", "")
            return _constructor.construct_yaml_int(node) if digits.isdigit() and "_" not in value else value
        if tag == _TAG + "float":
            return _constructor.construct_yaml_float(node)
        raise self._bad_tag(node, path)


_YAML_WORDS = {
    "did not find expected ',' or ']'": "tidak menemukan ',' atau ']' yang diharapkan",
    "did not find expected ',' or '}'": "tidak menemukan ',' atau '}' yang diharapkan",
    "did not find expected key": "tidak menemukan kunci yang diharapkan (periksa indentasi)",
    "did not find expected '-' indicator": "tidak menemukan tanda '-' yang diharapkan",
    "mapping values are not allowed in this context":
        "tanda ':' tidak boleh di sini (beri tanda kutip pada teks yang memuat ': ')",
    "mapping values are not allowed here": "tanda ':' tidak boleh di sini (beri tanda kutip pada teks yang memuat ': ')",
    "found character that cannot start any token": "ada karakter yang tidak dapat memulai nilai (mis. tab atau '@')",
    "found unexpected end of stream": "berkas berakhir sebelum waktunya",
    "found undefined alias": "alias tidak terdefinisi",
    "could not find expected ':'": "tidak menemukan ':' yang diharapkan",
    "found a tab character that violates indentation": "karakter tab merusak indentasi; gunakan spasi",
    "expected a single document in the stream": "berkas harus berisi satu dokumen YAML saja",
    "but found another document": "tetapi ada dokumen lain",
    "while parsing a flow sequence": "saat membaca daftar [...]",
    "while parsing a flow mapping": "saat membaca pemetaan {...}",
    "while parsing a block mapping": "saat membaca pemetaan",
    "while parsing a block collection": "saat membaca daftar",
    "while scanning a quoted scalar": "saat membaca teks berkutip",
    "while scanning a simple key": "saat membaca kunci",
    "while scanning an alias": "saat membaca alias",
    "while scanning an anchor": "saat membaca anchor",
}


def _indonesian(text: str) -> str:
    return _YAML_WORDS.get(text, text)


def _decode(data: bytes, file: str | None) -> str | Diagnostic:
    origin = Origin(file=file, line=1, column=1)
    if b"\x00" in data[:8192]:
        return reading_diagnostic("SOP003", Teks("berkas biner, bukan teks YAML", "binary file, not YAML text"),
                                  origin=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        guess = ""
        try:
            data.decode("cp1252")
            guess = " (tampaknya Latin-1/Windows-1252)"
        except UnicodeDecodeError:
            pass
        return reading_diagnostic(
            "SOP003",
            Teks(f"byte 0x{data[exc.start]:02x} bukan UTF-8{guess}",
                 f"byte 0x{data[exc.start]:02x} is not UTF-8{guess.replace('tampaknya', 'looks like')}"),
            origin=Origin(file=file, line=line, column=col))


def load_sop(path: str | FsPath) -> LoadResult:
    """Read and structurally check one ``*.sop.yaml`` file."""
    name = str(path)
    fs = FsPath(path)
    try:
        size = fs.stat().st_size
        if fs.is_dir():
            raise IsADirectoryError(name)
        if size > MAX_BYTES:
            return _failed(name, reading_diagnostic(
                "SOP002",
                Teks(f"ukuran {size / 1048576:.1f} MB melebihi batas {MAX_BYTES // 1048576} MB",
                     f"size {size / 1048576:.1f} MB exceeds the limit of {MAX_BYTES // 1048576} MB"),
                origin=Origin(file=name)))
        data = fs.read_bytes()
    except OSError as exc:
        reason = _os_reason(exc)
        return _failed(name, reading_diagnostic(
            "SOP001", Teks(f"tidak dapat membaca berkas: {reason.id}", f"cannot read the file: {reason.en}"),
            origin=Origin(file=name)))
    return load_sop_bytes(data, name)


def _os_reason(exc: OSError) -> Teks:
    import errno

    known = {
        errno.ENOENT: Teks("berkas tidak ada", "no such file"),
        errno.EACCES: Teks("akses ditolak", "permission denied"),
        errno.EISDIR: Teks("berupa direktori, bukan berkas", "is a directory, not a file"),
        errno.ENOTDIR: Teks("jalur tidak valid", "not a valid path"),
    }
    if isinstance(exc, IsADirectoryError):
        return known[errno.EISDIR]
    text = exc.strerror or type(exc).__name__
    return known.get(exc.errno or -1, Teks(text, text))


def load_sop_bytes(data: bytes, file: str | None = None) -> LoadResult:
    """Read an SOP source given as bytes."""
    if len(data) > MAX_BYTES:
        return _failed(file, reading_diagnostic(
            "SOP002", Teks("berkas melebihi batas ukuran", "the file exceeds the size limit"),
            origin=Origin(file=file)))
    text = _decode(data, file)
    if isinstance(text, Diagnostic):
        return _failed(file, text)
    return load_sop_text(text, file)


def _failed(file: str | None, diagnostic: Diagnostic) -> LoadResult:
    return LoadResult(file=file, sop=None, diagnostics=(diagnostic,), source_map=None)


def load_sop_text(text: str, file: str | None = None) -> LoadResult:
    """Read an SOP source given as text."""
    smap = SourceMap(file=file)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _failed(file, reading_diagnostic(
            "SOP009", Teks("berkas tidak berisi data", "the file holds no data"), origin=Origin(file=file, line=1, column=1)))
    quick = _step_count_prescan(text, smap)
    if quick is not None:
        return LoadResult(file, None, (quick,), smap)
    try:
        node = yaml.compose(text, Loader=_Loader)  # noqa: S506 - a safe composer, no construction
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        origin = Origin(file=file, line=mark.line + 1, column=mark.column + 1) if mark else Origin(file=file)
        ctx = exc.context_mark if exc.problem and exc.context_mark else None
        where = (Teks(f" ({_indonesian(exc.context or '')} yang dimulai di baris {ctx.line + 1})",
                      f" ({exc.context} started on line {ctx.line + 1})") if ctx else Teks("", ""))
        return _failed(file, reading_diagnostic(
            "SOP004", Teks(f"sintaks YAML tidak valid: {_indonesian(problem)}{where.id}",
                           f"invalid YAML syntax: {problem}{where.en}"), origin=origin))
    except yaml.YAMLError as exc:
        return _failed(file, reading_diagnostic(
            "SOP004", Teks(f"YAML tidak valid: {exc}", f"invalid YAML: {exc}"), origin=Origin(file=file)))
    if node is None:
        return _failed(file, reading_diagnostic(
            "SOP009", Teks("berkas tidak berisi data", "the file holds no data"), origin=Origin(file=file, line=1, column=1)))
    too_many = _too_many_steps(node, smap)
    if too_many is not None:
        return LoadResult(file, None, (too_many,), smap)
    converter = _Converter(smap)
    try:
        data = converter.convert(node, ())
    except _Problem as problem:
        return LoadResult(file, None, (problem.diagnostic,), smap)
    except RecursionError:
        return _failed(file, reading_diagnostic(
            "SOP008", Teks("struktur YAML terlalu dalam", "YAML structure nested too deeply"), origin=Origin(file=file)))
    result = data_to_result(data, smap)
    if converter.problems:
        merged = _dedupe((*converter.problems, *result.diagnostics))
        return LoadResult(file, None, merged, smap)
    return result


_STEP_ITEM = re.compile(r"^[ \t]*-[ \t]+(?:\{[ \t]*)?no[ \t]*:", re.MULTILINE)
_STEPS_KEY = re.compile(r"^kegiatan[ \t]*:", re.MULTILINE)


def _step_count_prescan(text: str, smap: SourceMap) -> Diagnostic | None:
    """Refuse an absurd number of `- no:` items before composing (composing 10,000 steps takes
    about a second); the node-level check below stays the authority for other layouts."""
    if len(text) < 200_000:
        return None
    count = sum(1 for _ in _STEP_ITEM.finditer(text))
    key = _STEPS_KEY.search(text)
    if count <= MAX_STEPS or key is None:
        return None
    smap.keys[("kegiatan",)] = (text.count("\n", 0, key.start()) + 1, 1)
    return _steps_limit(count, smap)


def _too_many_steps(root: yaml.Node, smap: SourceMap) -> Diagnostic | None:
    """Refuse an absurd step count before converting the whole tree (10,000 steps: ~1 s saved)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "kegiatan" and isinstance(value, yaml.SequenceNode):
            if len(value.value) > MAX_STEPS:
                smap.keys[("kegiatan",)] = _pos(key)
                return _steps_limit(len(value.value), smap)
    return None


def _steps_limit(count: int, smap: SourceMap) -> Diagnostic:
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
        return LoadResult(file, None, (_steps_limit(len(steps), smap),), smap)
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        diags = tuple(_from_pydantic(err, smap) for err in exc.errors(include_url=False))
        return LoadResult(file, None, _dedupe(diags), smap)
    return LoadResult(file, sop, tuple(_waktu_findings(sop, smap)), smap)


def _dedupe(diags: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
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


def _from_pydantic(err: Any, smap: SourceMap) -> Diagnostic:
    loc: Path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # pydantic inserts union branch names such as 'tuple[str, ...]' into loc; drop them
    loc = tuple(p for p in loc if isinstance(p, int) or "[" not in p and p not in {"str", "int"})
    etype = err["type"]
    where = format_path(loc)
    value = err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else _kind(value)[0]
    if etype == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        choices = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        hint = (Teks(f"maksud Anda `{close[0]}`?", f"did you mean `{close[0]}`?") if close else
                Teks("kunci yang sah di sini: " + ", ".join(choices), "valid keys here: " + ", ".join(choices))
                if choices else None)
        return reading_diagnostic("SOP006", Teks(f"kunci {key!r} tidak dikenal", f"unknown key {key!r}"),
                                  path=loc, origin=smap.origin(loc, key=True), hint=hint)
    if etype == "missing":
        return reading_diagnostic("SOP010", Teks(f"kunci wajib `{where}` tidak ada", f"required key `{where}` is missing"),
                                  path=loc, origin=smap.origin(loc))
    if etype in _DATE_ERRORS:
        return reading_diagnostic("SOP011", Teks(f"{where}: tanggal {shown} tidak ada atau tidak valid",
                                                 f"{where}: date {shown} does not exist or is invalid"),
                                  path=loc, origin=smap.origin(loc))
    if etype in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        return reading_diagnostic("SOP007", Teks(f"{where}: nilai {shown} tidak dikenal; pilihan: {expected}",
                                                 f"{where}: value {shown} is not known; choices: {expected}"),
                                  path=loc, origin=smap.origin(loc))
    if etype in _TYPE_NAMES:
        want = _TYPE_NAMES[etype]
        got = _kind(value)
        return reading_diagnostic("SOP007", Teks(f"{where}: harus berupa {want[0]}, bukan {got[0]} {shown if got[0] != 'pemetaan' and got[0] != 'daftar' else ''}".rstrip(),
                                                 f"{where}: must be {want[1]}, not {got[1]} {shown if got[1] not in ('a mapping', 'a list') else ''}".rstrip()),
                                  path=loc, origin=smap.origin(loc))
    if etype == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return reading_diagnostic("SOP007", Teks(f"{where}: teks melebihi {limit} karakter",
                                                 f"{where}: text longer than {limit} characters"),
                                  path=loc, origin=smap.origin(loc))
    msg = str(err.get("msg", etype))
    return reading_diagnostic("SOP007", Teks(f"{where}: {msg}", f"{where}: {msg}"), path=loc, origin=smap.origin(loc))
