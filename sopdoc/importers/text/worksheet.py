"""The identification worksheet ("Lembar Kerja Identifikasi Kegiatan", seed 000) of a text extraction."""

from __future__ import annotations

import re
from typing import Any

from sopdoc.importers.grid.clean import Line

__all__ = ["find_worksheet", "read_worksheet"]

_FIELDS = (
    (r"judul sop", "judul_sop"), (r"jenis kegiatan", "jenis_kegiatan"),
    (r"penanggung ?jawab", "penanggung_jawab"), (r"scope|ruang lingkup", "ruang_lingkup"),
    (r"judul kegiatan", "judul_kegiatan"), (r"langkah awal", "langkah_awal"),
    (r"langkah utama", "langkah_utama"), (r"langkah akhir", "langkah_akhir"),
)


def find_worksheet(lines: list[Line]) -> tuple[int, int] | None:
    """(start, end) indexes of the worksheet, or None when the text has none."""
    start = next((i for i, ln in enumerate(lines)
                  if re.search(r"lembar kerja identifikasi", ln.text, re.IGNORECASE)), None)
    if start is None:
        return None
    in_c = False
    for i in range(start + 1, len(lines)):
        ln = lines[i]
        if re.match(r"C\.\s*IDENTIFIKASI LANGKAH", ln.text, re.IGNORECASE):
            in_c = True
            continue
        if in_c and not ln.blank and not ln.tabbed:
            return start, i
    return start, len(lines)


def read_worksheet(lines: list[Line]) -> tuple[dict[str, Any], dict[str, int]]:
    """The worksheet as ``lembar_kerja`` data plus the line number of each field."""
    data: dict[str, Any] = {}
    where: dict[str, int] = {}
    langkah: list[dict[str, Any]] = []
    in_c, tahap = False, None
    for ln in lines:
        if re.match(r"C\.\s*IDENTIFIKASI LANGKAH", ln.text, re.IGNORECASE):
            in_c = True
            continue
        if not ln.tabbed:
            continue
        cells = [c for c in ln.cells]
        if in_c:
            label = cells[0].lower()
            if label.startswith("langkah"):
                tahap = label.split()[-1]
            body = next((c for c in cells[1:] if c), "")
            m = re.match(r"(\d+)\s+(.*)", body)
            if m:
                where[f"langkah.{len(langkah)}"] = ln.no
                langkah.append({"no": int(m.group(1)),
                                "tahap": tahap if tahap in ("awal", "utama", "akhir") else None,
                                "uraian": m.group(2).strip()})
            continue
        label = cells[1] if len(cells) > 1 and cells[0].isdigit() else cells[0]
        value = next((c for c in cells[2 if cells[0].isdigit() else 1:] if c), "")
        for pattern, name in _FIELDS:
            if re.match(pattern, label, re.IGNORECASE) and value.startswith(":"):
                value = value[1:].strip()
                if name == "penanggung_jawab":
                    produk, _, kegiatan = value.partition(" : ")
                    data[name] = {"produk": produk.strip() or None, "kegiatan": kegiatan.strip() or None}
                else:
                    data[name] = value
                where[name] = ln.no
                break
    if langkah:
        data["langkah"] = langkah
    return data, where
