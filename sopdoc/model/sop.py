"""The SOP AP document as frozen, typed values (PermenPAN-RB 35/2012, DOMAIN.md §2).

Attribute names equal the YAML keys, so a diagnostic path such as
``kegiatan[6].mutu_baku.waktu`` is both the source location and the attribute path.
Lists are tuples so that every value is immutable and hashable; equality is by value.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    WrapSerializer,
    model_validator,
)

from sopdoc.model.simbol import Simbol
from sopdoc.model.tanggal import BulanTahun, parse_tanggal
from sopdoc.model.waktu import Satuan, Waktu, parse_waktu

__all__ = [
    "FORMAT_VERSION",
    "Cabang",
    "Identitas",
    "Kegiatan",
    "LangkahKerja",
    "LembarKerja",
    "MutuBaku",
    "PenanggungJawab",
    "Pengesahan",
    "Periode",
    "Simbol",
    "Sop",
]

FORMAT_VERSION = 1


class Periode(StrEnum):
    """How often a periodic SOP runs."""

    BULANAN = "bulanan"
    TRIWULAN = "triwulan"
    SEMESTER = "semester"
    TAHUNAN = "tahunan"


def _as_tuple(value: Any) -> Any:
    """Accept a single string where a list is expected (``pelaksana: Sekretaris``)."""
    if isinstance(value, str):
        return (value,)
    return value


def _validate_waktu(value: Any) -> Waktu:
    if isinstance(value, Waktu):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise ValueError("waktu harus berupa teks, mis. '30 menit' / waktu must be text such as '30 menit'")
    return parse_waktu(value)


WaktuField = Annotated[
    Waktu,
    PlainValidator(_validate_waktu),
    PlainSerializer(lambda w: w.teks, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": "Waktu: '30 menit', '2 jam', '1 hari kerja', '1 - 5 hari kerja', "
            "'1 x 24 jam', 'paling lambat 17 hari kerja', '2 minggu', '3 bulan'; a bare number "
            "takes the unit of satuan_waktu.",
            "examples": ["30 menit", "2 jam", "1 hari kerja", "1 - 5 hari kerja"],
        }
    ),
]
TextList = Annotated[tuple[str, ...], BeforeValidator(_as_tuple, json_schema_input_type=str | list[str])]

def _parse_tanggal(value: Any) -> Any:
    """Accept Indonesian dates ("3 Januari 2022") and month-year dates ("April 2020", "2020-04")
    besides ISO dates."""
    if isinstance(value, str):
        return parse_tanggal(value) or value
    return value


def _dump_tanggal(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    """A month-year date is written as printed ("April 2020"), never with an invented day."""
    return str(value) if isinstance(value, BulanTahun) else handler(value)


Tanggal = Annotated[
    _dt.date,
    BeforeValidator(_parse_tanggal, json_schema_input_type=_dt.date | str),
    WrapSerializer(_dump_tanggal),
    Field(description="A date: 2023-01-23 or '23 Januari 2023'; a month and year only: 'April 2020' or 2020-04"),
]


def _pairs(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((str(k), v) for k, v in value.items())
    return value


Marks = Annotated[
    tuple[tuple[str, str], ...],
    BeforeValidator(_pairs, json_schema_input_type=dict[str, str]),
    PlainSerializer(lambda pairs: dict(pairs), return_type=dict),
    WithJsonSchema({"type": "object", "additionalProperties": {"type": "string"}}),
]  # pydantic's schema for the tuple form would be wrong for the mapping users write
Text = Annotated[str, Field(max_length=20_000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        coerce_numbers_to_str=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )


class Pengesahan(_Frozen):
    """The signing official (field 6, "Disahkan oleh")."""

    jabatan: str | None = Field(default=None, description="Jabatan of the official, e.g. 'Kepala Dinas Pertanian'")
    nama: str | None = Field(default=None, description="Name with academic titles")
    nip: str | None = Field(default=None, description="NIP, 18 digits (spaces or dots allowed)")
    pangkat: str | None = Field(default=None, description="Pangkat/golongan, e.g. 'Pembina Tk. I (IV/b)'")


class Identitas(_Frozen):
    """The identity block (fields 1–7 of DOMAIN.md §2.2)."""

    instansi: TextList = Field(default=(), description="Kop lines, top to bottom")
    unit: str | None = Field(default=None, description="Unit/bidang under the kop, e.g. 'SUBSTANSI PERENCANAAN'")
    alamat: str | None = Field(default=None, description="Address line of the kop")
    nomor: str | None = Field(default=None, description="Nomor SOP; null when empty in the source")
    nama: str | None = Field(default=None, description="Nama SOP")
    tanggal_pembuatan: Tanggal | None = None
    tanggal_revisi: Tanggal | None = None
    tanggal_efektif: Tanggal | None = Field(default=None, description="Tanggal efektif / pengesahan")
    disahkan_oleh: Pengesahan | None = None


class Cabang(_Frozen):
    """Targets of a decision's two exits, by step number."""

    ya: int | None = Field(default=None, description="Step number the 'Ya' exit leads to")
    tidak: int | None = Field(default=None, description="Step number the 'Tidak' exit leads to")
    label_ya: str | None = Field(default=None, description="Label if not 'Ya' (e.g. 'Lengkap')")
    label_tidak: str | None = Field(default=None, description="Label if not 'Tidak' (e.g. 'Tidak lengkap')")


class MutuBaku(_Frozen):
    """The quality standard of one step: input, time, output."""

    kelengkapan: TextList = Field(default=(), description="Required inputs (persyaratan/kelengkapan)")
    waktu: WaktuField | None = None
    output: str | None = None


class Kegiatan(_Frozen):
    """One step (row) of the flowchart table."""

    no: int | None = Field(default=None, description="Step number; null for an unnumbered row or a lost number")
    uraian: Text = Field(default="", description="The activity, an active verb without subject")
    pelaksana: TextList = Field(default=(), description="Actor column(s); several = joint activity")
    simbol: Simbol | None = Field(default=None, description="null when the symbol was lost in the source")
    cabang: Cabang | None = Field(default=None, description="Decision targets (simbol: keputusan)")
    mutu_baku: MutuBaku = MutuBaku()
    keterangan: str | None = None
    tanda: Marks | None = Field(
        default=None,
        description="Text found in actor cells of the source (e.g. {'Kepala Bidang': 'Ya'}): "
        "marks like Mulai, [], Ya, Tidak",
    )


class PenanggungJawab(_Frozen):
    """Worksheet 'Penanggungjawab': of the product and of the activity."""

    produk: str | None = None
    kegiatan: str | None = None


class LangkahKerja(_Frozen):
    """A step of the worksheet's section C (Identifikasi Langkah)."""

    no: int | None = None
    tahap: Literal["awal", "utama", "akhir"] | None = None
    uraian: str = ""


class LembarKerja(_Frozen):
    """Lembar Kerja Identifikasi Kegiatan (seed 000; DOMAIN.md §4.2)."""

    judul_sop: str | None = None
    jenis_kegiatan: str | None = Field(default=None, description="Pelayanan | Rutin | Penugasan")
    penanggung_jawab: PenanggungJawab | None = None
    ruang_lingkup: str | None = None
    judul_kegiatan: str | None = None
    langkah_awal: str | None = None
    langkah_utama: str | None = None
    langkah_akhir: str | None = None
    langkah: tuple[LangkahKerja, ...] = ()


class Sop(_Frozen):
    """One SOP AP document: identity, the six boxes, and the flowchart table."""

    sopdoc: Literal[1] = Field(default=1, description="Source format version")
    identitas: Identitas = Identitas()
    dasar_hukum: TextList | None = Field(default=None, description="null: the box is missing from the source")
    kualifikasi_pelaksana: TextList | None = None
    keterkaitan: TextList | None = None
    peralatan_perlengkapan: TextList | None = None
    peringatan: TextList | None = None
    pencatatan_pendataan: TextList | None = None
    periode: Periode | None = Field(default=None, description="For SOPs that run once per reporting period")
    satuan_waktu: Satuan | None = Field(
        default=None, description="Unit of waktu given only in the column header, e.g. 'Waktu (Menit)'"
    )
    judul_flowchart: str | None = Field(default=None, description="Title above the flowchart table, if any")
    pelaksana: TextList = Field(default=(), description="Actor columns, left to right")
    kegiatan: tuple[Kegiatan, ...] = ()
    lembar_kerja: LembarKerja | None = None

    @model_validator(mode="before")
    @classmethod
    def _apply_header_unit(cls, data: Any) -> Any:
        """Read bare-number waktu with the unit of ``satuan_waktu`` (seed 003)."""
        if not isinstance(data, dict) or not data.get("satuan_waktu"):
            return data
        try:
            unit = Satuan(str(data["satuan_waktu"]).lower())
        except ValueError:
            return data
        steps = data.get("kegiatan")
        if not isinstance(steps, (list, tuple)):
            return data
        new_steps = []
        for step in steps:
            mb = step.get("mutu_baku") if isinstance(step, dict) else None
            if isinstance(mb, dict):
                w = mb.get("waktu")
                if isinstance(w, (str, int, float, Decimal)) and not isinstance(w, bool):
                    step = {**step, "mutu_baku": {**mb, "waktu": parse_waktu(w, unit)}}
            new_steps.append(step)
        return {**data, "kegiatan": new_steps}

    def find_kegiatan(self, no: int) -> Kegiatan | None:
        """The step numbered ``no``, or None."""
        return next((k for k in self.kegiatan if k.no == no), None)
