"""Reading log files (CSV, XLSX) into rows and writing them back (CSV, XES).

Cell text is data, never a formula: XLSX formulas are read as their text and never evaluated,
and text that a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, CR) is prefixed with ``'`` on
CSV export (OWASP CSV injection guidance). A cell holding ``,`` or ``;`` (either separator, since an
Indonesian Excel splits on ``;``), a quote or a line break is quoted, so it can never be split into a
new cell that starts a formula. XES values have the characters XML forbids replaced (U+FFFD).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from sopdoc.errors import UsageError
from sopdoc.execution.entries import LogEntry
from sopdoc.execution.log_rows import COLUMNS, column_name
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.xes import instance_traces, xes_lines
from sopdoc.model.diagnostic import Teks
from sopdoc.ooxml.package import Limits, PackageError, open_package
from sopdoc.safe_path import UnsafeInputError, read_regular, regular_file

__all__ = ["MAX_ROWS", "SEPARATORS", "csv_cell", "entries_to_csv", "entries_to_xes", "escape_cell", "log_template",
           "read_log_file"]

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _check_headers(headers: list[str], file: str) -> list[str]:
    names = [column_name(h) for h in headers]
    unknown = [h for h, n in zip(headers, names, strict=False) if n not in COLUMNS and h.strip()]
    if unknown:
        raise UsageError(Teks(f"{file}: kolom tidak dikenal: {', '.join(unknown)} (kolom: {', '.join(COLUMNS)})",
                              f"{file}: unknown columns: {', '.join(unknown)} (columns: {', '.join(COLUMNS)})"))
    missing = [c for c in ("langkah", "oleh", "peran", "mulai", "selesai") if c not in names]
    if missing:
        raise UsageError(Teks(f"{file}: kolom wajib tidak ada: {', '.join(missing)}",
                              f"{file}: required columns missing: {', '.join(missing)}"))
    return names


def _read_csv(path: Path) -> list[tuple[int, dict[str, object]]]:
    data = read_regular(path, MAX_BYTES)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(Teks(
                f"{path}: bukan teks UTF-8 (bita {exc.start}); simpan ulang sebagai 'CSV UTF-8'",
                f"{path}: not UTF-8 text (byte {exc.start}); save it again as 'CSV UTF-8'")) from None
    if "\x00" in text:
        raise UsageError(Teks(f"{path}: berisi karakter NUL; bukan CSV", f"{path}: contains NUL characters; not a CSV"))
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UsageError(Teks(f"{path}: CSV rusak: {exc}", f"{path}: broken CSV: {exc}")) from None
    return _to_dicts(rows, str(path))


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


XLSX_LIMITS = Limits(
    file_bytes=MAX_BYTES,
    members=1000,  # a log workbook has ~10 parts; thousands of members are not a log
    member_bytes=64 * 1024 * 1024,  # one sheet of MAX_ROWS rows × 11 columns is ~40 MB of XML
    total_bytes=128 * 1024 * 1024,  # all parts together once unpacked
)
"""The hardened zip reader's bounds for an XLSX log (its compression-ratio check as for DOCX)."""


def check_xlsx_zip(data: bytes, file: str) -> None:
    """Refuse an XLSX whose zip would unpack too large (zip bomb) before openpyxl inflates anything:
    the one hardened reader (:mod:`sopdoc.ooxml.package`) checks member count, declared sizes and
    compression ratio, then reads every XML part under its cap and refuses DTD/entity declarations
    (never resolved). UsageError when refused."""
    try:
        with open_package(data, XLSX_LIMITS) as pkg:
            pkg.check_xml_parts()
    except PackageError as exc:
        if exc.kind in ("zip", "file", "xml"):
            raise UsageError(Teks(f"{file}: bukan berkas XLSX yang utuh ({exc.reason.id})",
                                  f"{file}: not an intact XLSX file ({exc.reason.en})")) from None
        raise UsageError(Teks(f"{file}: XLSX ditolak: {exc.reason.id}",
                              f"{file}: XLSX refused: {exc.reason.en}")) from None


def _read_xlsx(path: Path) -> list[tuple[int, dict[str, object]]]:

    from openpyxl import load_workbook

    raw = read_regular(path, MAX_BYTES)
    check_xlsx_zip(raw, str(path))
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)  # formulas stay text, never run
    except _BROKEN_XLSX as exc:
        raise UsageError(Teks(f"{path}: bukan berkas XLSX yang utuh ({exc})",
                              f"{path}: not an intact XLSX file ({exc})")) from None
    try:
        ws = wb.worksheets[0]
        rows = [[_cell(v) for v in row] for _, row in
                zip(range(MAX_ROWS + 2), ws.iter_rows(values_only=True), strict=False)]
    except _BROKEN_XLSX as exc:  # a damaged sheet part: openpyxl raises whatever its parser met
        raise UsageError(Teks(f"{path}: bukan berkas XLSX yang utuh ({type(exc).__name__})",
                              f"{path}: not an intact XLSX file ({type(exc).__name__})")) from None
    finally:
        wb.close()
    return _to_dicts(rows, str(path))


_BROKEN_XLSX = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, TypeError, IndexError,
                AttributeError, SyntaxError)  # SyntaxError: xml.etree ParseError and lxml XMLSyntaxError


def _to_dicts(rows: Sequence[Sequence[object]], file: str) -> list[tuple[int, dict[str, object]]]:
    skip = 0
    while skip < len(rows) and not any(str(c or "").strip() for c in rows[skip]):
        skip += 1
    rows = rows[skip:]
    if not rows:
        raise UsageError(Teks(f"{file}: berkas kosong", f"{file}: the file is empty"))
    names = _check_headers([str(h or "") for h in rows[0]], file)
    out = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(str(c if c is not None else "").strip() for c in row):
            continue
        out.append((i, {n: v for n, v in zip(names, row, strict=False) if n}))
    if len(out) > MAX_ROWS:
        raise UsageError(Teks(f"{file}: lebih dari {MAX_ROWS} baris", f"{file}: more than {MAX_ROWS} rows"))
    return out


def read_log_file(path: str | Path) -> list[tuple[int, dict[str, object]]]:
    """Rows of a CSV or XLSX log as (row number in the file, {column: value}); UsageError when unreadable."""
    p = Path(path)
    if not p.exists():
        raise UsageError(Teks(f"berkas tidak ada: {p}", f"file not found: {p}"))
    suffix = p.suffix.lower()
    try:
        with regular_file(p) as (_fh, st):
            if st.st_size > MAX_BYTES:
                raise UsageError(Teks(f"{p}: berkas terlalu besar", f"{p}: file too large"))
        if suffix == ".csv":
            return _read_csv(p)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(p)
    except UnsafeInputError as exc:
        raise UsageError(exc.teks) from None
    except IsADirectoryError:
        raise UsageError(Teks(f"berupa direktori, bukan berkas: {p}", f"is a directory, not a file: {p}")) from None
    raise UsageError(Teks(f"{p}: format tidak didukung (pakai .csv atau .xlsx)",
                          f"{p}: unsupported format (use .csv or .xlsx)"))


def escape_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula, prefixed with ' so it stays text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


_QUOTE_IF = (",", ";", '"', "\n", "\r")
SEPARATORS = (",", ";")


def csv_cell(text: str) -> str:
    """One CSV cell: formula-escaped, then quoted when it holds a separator (``,`` or ``;``), a
    quote or a line break, whichever separator the file uses."""
    text = escape_cell(text)
    if any(c in text for c in _QUOTE_IF):
        return '"' + text.replace('"', '""') + '"'
    return text


def entries_to_csv(entries: Sequence[LogEntry], delimiter: str = ",") -> str:
    """The entries as CSV (UTF-8 text) separated by ``delimiter`` (``,`` or ``;``), every cell
    escaped against formula injection."""
    if delimiter not in SEPARATORS:
        raise ValueError(f"delimiter must be one of {SEPARATORS}")
    named = any(e.kasus for e in entries)  # a single-run log keeps its columns (no empty kasus column)
    cols = ["seq", *(c for c in COLUMNS if named or c != "kasus"), "bukti_nama", "dicatat_oleh", "dicatat_pada",
            "hash"]
    lines = [delimiter.join(csv_cell(c) for c in cols)]
    for e in entries:
        values = {c: getattr(e, c) for c in cols}
        lines.append(delimiter.join(csv_cell("" if values[c] is None else str(values[c])) for c in cols))
    return "\n".join(lines) + "\n"


def entries_to_xes(instance: str, sop_name: str, entries: Sequence[LogEntry], uraian: dict[int, str],
                   period: str = "") -> str:
    """The entries of one instance as an XES event log (IEEE 1849, :mod:`sopdoc.execution.xes`):
    one trace per case, start and complete events."""
    return "\n".join(xes_lines(sop_name, instance_traces(instance, period, entries, uraian))) + "\n"


def _template_rows(flow: StepTable, cases: bool) -> list[list[str]]:
    """The header, then one row per main-path step with its number and role filled in."""
    header = [c for c in COLUMNS if cases or c != "kasus"]
    rows = [header]
    for no in flow.main_path():
        step = flow.step(no)
        values = {"kasus": "", "langkah": str(no), "peran": step.pelaksana[0] if step and step.pelaksana else ""}
        rows.append([values.get(c, "") for c in header])
    return rows


def log_template(flow: StepTable, fmt: str, *, cases: bool = True, delimiter: str = ",") -> bytes:
    """An empty log to fill in (``fmt`` csv or xlsx): every column ``log import`` reads, the kasus
    column first (left out with ``cases=False``), and one row per main-path step with its number and
    role. Every cell is text, never a formula (CSV cells escaped like an export, XLSX cells typed as text)."""
    rows = _template_rows(flow, cases)
    if fmt == "csv":
        if delimiter not in SEPARATORS:
            raise ValueError(f"delimiter must be one of {SEPARATORS}")
        return ("\n".join(delimiter.join(csv_cell(c) for c in row) for row in rows) + "\n").encode("utf-8")
    if fmt != "xlsx":
        raise ValueError(f"unknown template format: {fmt}")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "log"
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            cell.data_type = "s"  # text, never a formula
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
