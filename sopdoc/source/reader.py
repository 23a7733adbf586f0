"""Read ``*.sop.yaml`` sources into the model, keeping line/column of every node.

Safety: a safe composer only (no tags executed), a size limit, an alias-expansion budget and a
nesting limit, duplicate keys refused, YAML 1.2 scalars (``no``/``yes``/``1:30`` stay text).
Every problem becomes a located SOP0xx diagnostic; nothing here raises on bad content.
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath

import yaml

from sopdoc.model.diagnostic import Diagnostic, Origin, Teks
from sopdoc.safe_path import UnsafeInputError, regular_file
from sopdoc.source.codes import reading_diagnostic
from sopdoc.source.model_errors import MAX_STEPS, data_to_result, dedupe, steps_limit
from sopdoc.source.nodes import NodeConverter, NodeProblem, node_position, yaml_message_id
from sopdoc.source.source_map import LoadResult, SourceMap

__all__ = [
    "MAX_BYTES",
    "MAX_STEPS",
    "LoadResult",
    "SourceMap",
    "data_to_result",
    "load_sop",
    "load_sop_bytes",
    "load_sop_text",
]

MAX_BYTES = 4 * 1024 * 1024  # a 200-step SOP with long texts is about 200 KB
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        with regular_file(fs) as (fh, st):  # devices and FIFOs refused on the open descriptor
            size = st.st_size
            if size > MAX_BYTES:
                return _failed(name, reading_diagnostic(
                    "SOP002",
                    Teks(f"ukuran {size / 1048576:.1f} MB melebihi batas {MAX_BYTES // 1048576} MB",
                         f"size {size / 1048576:.1f} MB exceeds the limit of {MAX_BYTES // 1048576} MB"),
                    origin=Origin(file=name)))
            data = fh.read(size + 1)  # not MAX_BYTES + 1: that buffer is allocated for every file
            if len(data) > size:  # grown since fstat: read on up to the limit
                data += fh.read(MAX_BYTES + 1 - len(data))
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
    if isinstance(exc, UnsafeInputError):
        return exc.reason
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


def _empty(file: str | None) -> LoadResult:
    """The result for a source with no data (empty, only comments, or an empty YAML document)."""
    found = reading_diagnostic("SOP009", Teks("berkas tidak berisi data", "the file holds no data"),
                               origin=Origin(file=file, line=1, column=1))
    return _failed(file, found)


def load_sop_text(text: str, file: str | None = None) -> LoadResult:
    """Read an SOP source given as text."""
    smap = SourceMap(file=file)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _empty(file)
    quick = _step_count_prescan(text, smap)
    if quick is not None:
        return LoadResult(file, None, (quick,), smap)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        origin = Origin(file=file, line=mark.line + 1, column=mark.column + 1) if mark else Origin(file=file)
        ctx = exc.context_mark if exc.problem and exc.context_mark else None
        where = (
            Teks(
                f" ({yaml_message_id(exc.context or '')} yang dimulai di baris {ctx.line + 1})",
                f" ({exc.context} started on line {ctx.line + 1})",
            )
            if ctx
            else Teks("", "")
        )
        return _failed(
            file,
            reading_diagnostic(
                "SOP004",
                Teks(
                    f"sintaks YAML tidak valid: {yaml_message_id(problem)}{where.id}",
                    f"invalid YAML syntax: {problem}{where.en}",
                ),
                origin=origin,
            ),
        )
    except yaml.YAMLError as exc:
        return _failed(
            file,
            reading_diagnostic(
                "SOP004", Teks(f"YAML tidak valid: {exc}", f"invalid YAML: {exc}"), origin=Origin(file=file)
            ),
        )
    if node is None:
        return _empty(file)
    too_many = _too_many_steps(node, smap)
    if too_many is not None:
        return LoadResult(file, None, (too_many,), smap)
    converter = NodeConverter(smap)
    try:
        data = converter.convert(node, ())
    except NodeProblem as problem:
        return LoadResult(file, None, (problem.diagnostic,), smap)
    except RecursionError:
        return _failed(
            file,
            reading_diagnostic(
                "SOP008",
                Teks("struktur YAML terlalu dalam", "YAML structure nested too deeply"),
                origin=Origin(file=file),
            ),
        )
    result = data_to_result(data, smap)
    if converter.problems:
        merged = dedupe((*converter.problems, *result.diagnostics))
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
    return steps_limit(count, smap)


def _too_many_steps(root: yaml.Node, smap: SourceMap) -> Diagnostic | None:
    """Refuse an absurd step count before converting the whole tree (10,000 steps: ~1 s saved)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "kegiatan"
            and isinstance(value, yaml.SequenceNode)
            and len(value.value) > MAX_STEPS
        ):
            smap.keys[("kegiatan",)] = node_position(key)
            return steps_limit(len(value.value), smap)
    return None
