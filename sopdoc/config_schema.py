"""The JSON Schema of ``sopdoc.toml`` (DESIGN.md §10), so TOML editors complete and check keys.

The key tables here are checked against the sections' resolvers by a test, so the schema cannot
drift from what sopdoc accepts.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["SECTION_KEYS", "config_json_schema", "config_schema_text"]

_STR = {"type": "string"}
_BOOL = {"type": "boolean"}
_INT = {"type": "integer"}
_NUM = {"type": "number"}
_STRS = {"type": "array", "items": _STR}
_CODES = {"anyOf": [_STR, _STRS], "description": "Codes or code prefixes, e.g. SOP1, SOP205"}
_DATES = {"type": "array", "items": {"type": "string", "format": "date"}}
_HOURS = {"type": "object", "description": "Per weekday (senin … minggu): list of [start, end] 'HH:MM' spans",
          "additionalProperties": {"type": "array", "items": {"type": "array", "items": _STR}}}
_SEVERITY = {"enum": ["error", "warning", "info"]}

SECTION_KEYS: dict[str, dict[str, tuple[dict[str, Any], str]]] = {
    "check": {
        "select": (_CODES, "Only these rules (code prefixes)"),
        "ignore": (_CODES, "Skip these rules (code prefixes)"),
        "fail-on": (_SEVERITY, "Lowest severity that makes the exit code 1 (default error)"),
        "severity": ({"type": "object", "additionalProperties": _SEVERITY}, "Per-code severity override"),
        "menit-per-hari-kerja": (_INT, "Working minutes per day (default: the calendar's, 450)"),
        "hari-kerja": (_BOOL, "Plain 'hari' is a working day (default true)"),
        "max-pelaksana": (_INT, "Most actor columns before a warning (default 8)"),
        "tenggat-hari-kerja": (_INT, "Report deadline in working days after the period (default 10)"),
        "dicabut": ({"type": "array", "items": {
            "type": "object", "required": ["dicabut", "pengganti", "sumber"], "additionalProperties": False,
            "properties": {"dicabut": _STR, "pengganti": _STR, "sumber": _STR, "url": _STR, "catatan": _STR,
                           "status": {"enum": ["pasal", "dicabut", "sebagian", "belum-diperiksa"]}}}},
            "Repealed regulations besides the shipped registry: the citation, its replacement, the source"),
    },
    "profil": {
        "kertas": ({"enum": ["f4", "a4"]}, "Paper size"),
        "orientasi_identitas": ({"enum": ["lanskap", "potret", "landscape", "portrait"]}, "Identity page"),
        "orientasi_alur": ({"enum": ["lanskap", "potret", "landscape", "portrait"]}, "Flowchart pages"),
        "margin_mm": ({"anyOf": [_NUM, {"type": "array", "items": _NUM, "minItems": 4, "maxItems": 4}]},
                      "Margins in mm (one number, or top, right, bottom, left)"),
        "font": ({"enum": ["sans", "serif"]}, "sans (Arial metrics) or serif (Times metrics)"),
        "ukuran_font": (_NUM, "Body font size in points"),
        "ukuran_font_kop": (_NUM, "Kop font size in points"),
        "instansi": (_STRS, "Kop lines, overriding the SOP's identitas.instansi"),
        "logo": (_STR, "Logo image (PNG/JPEG), relative to this file"),
        "maks_pelaksana": (_INT, "Actor columns before the layout warns"),
        "tanda_air": (_BOOL, "DRAFT watermark on unsigned SOPs"),
        "qr": (_BOOL, "QR code with the SOP's content hash"),
        "tempat_ttd": (_STR, "Place the period report is signed at (e.g. Singaraja)"),
        "tanggal_ttd": ({"anyOf": [{"enum": ["per", "tenggat", "selesai"]}, {"type": "string", "format": "date"}]},
                        "Signing date of the period report: per (its as-of day, default), tenggat, selesai, "
                        "or a date"),
        "zona_waktu": ({"enum": ["WIB", "WITA", "WIT"]}, "Time zone (also accepted in [kalender])"),
        "libur_lokal": (_DATES, "Local holidays (also accepted in [kalender])"),
        "jam_kerja": (_HOURS, "Working hours (see [kalender])"),
        "jam_ramadan": (_BOOL, "Ramadan hours (see [kalender])"),
        "ramadan": ({"type": "array"}, "Ramadan spans (see [kalender])"),
    },
    "kalender": {
        "zona_waktu": ({"enum": ["WIB", "WITA", "WIT"]}, "Time zone of the agency"),
        "jam_kerja": (_HOURS, "Working hours per weekday (default Perpres 21/2023)"),
        "jam_ramadan": (_BOOL, "Use Ramadan hours during Ramadan"),
        "jam_kerja_ramadan": (_HOURS, "Ramadan working hours per weekday"),
        "ramadan": ({"type": "array", "items": {"type": "array", "items": {"type": "string", "format": "date"}}},
                    "Ramadan spans as [first, last] dates"),
        "libur_lokal": (_DATES, "Local holidays (e.g. Galungan, Kuningan)"),
        "libur_nasional": (_BOOL, "Count national holidays and cuti bersama (default true)"),
        "hari_is_hari_kerja": (_BOOL, "Plain 'hari' in waktu is a working day (default true)"),
    },
    "period": {
        "deadline-working-days": (_INT, "Report due this many working days after the period ends"),
        "annual-deadline": ({"enum": ["opd", "pemda", "kementerian", "working-days"]},
                            "Annual report deadline (SAKIP)"),
        "time-tolerance": (_NUM, "Share over the standard time still counted as on time (0.1 = 10 %)"),
        "check-working-hours": (_BOOL, "Report entries outside working days and hours"),
    },
}


def config_json_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12)."""
    sections = {
        name: {"type": "object", "additionalProperties": False,
               "properties": {k: {**schema, "description": doc} for k, (schema, doc) in keys.items()}}
        for name, keys in SECTION_KEYS.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://sopdoc.invalid/schemas/config.schema.json",
        "title": "sopdoc configuration (sopdoc.toml or [tool.sopdoc])",
        "type": "object",
        "additionalProperties": False,
        "properties": sections,
    }


def config_schema_text() -> str:
    """The schema as stable, pretty JSON text (what ``schemas/config.schema.json`` holds)."""
    return json.dumps(config_json_schema(), ensure_ascii=False, indent=2) + "\n"
