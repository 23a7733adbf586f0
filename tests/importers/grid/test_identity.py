"""The identity table and the boxes read from table rows (issue #12 point 3): an identity date the
importer cannot read is IMP014, never dropped silently; an empty box cell is an empty box ``[]``,
while a box the table does not have stays missing (``null``).

The rows are shaped like the identity tables of the BPS corpus (label cell, value cell; box labels
in one row with their items in the row below, or a label and its items in one cell)."""

from __future__ import annotations

from sopdoc.importers.grid.identity import read_identity_table
from sopdoc.importers.report import ImportBuilder


def _read(rows: list[list[str | None]]) -> ImportBuilder:
    b = ImportBuilder("sop.pdf", "pdf")
    assert read_identity_table(rows, b, 1, 1)
    return b


def test_an_unreadable_identity_date_is_imp014_and_a_readable_one_is_kept() -> None:
    b = _read([["Nomor SOP", "B-12/1700/2024"], ["Tanggal Pembuatan", "2 Januari 2025"],
               ["Tanggal Revisi", "-"], ["Tanggal Efektif", "3l Febuari"]])
    assert b.data["identitas"] == {"nomor": "B-12/1700/2024", "tanggal_pembuatan": "2025-01-02"}
    found = [(d.code, d.path, d.message.id) for d in b.diagnostics]
    assert found == [("IMP014", ("identitas", "tanggal_efektif"), "tanggal '3l Febuari' tidak terbaca")]
    assert b.diagnostics[0].origin is not None and b.diagnostics[0].origin.row == 4


def test_a_month_and_year_is_a_date() -> None:
    b = _read([["Nomor SOP", "SOP/01"], ["Tanggal Pembuatan", "April 2020"]])
    assert b.data["identitas"]["tanggal_pembuatan"] == "2020-04"
    assert b.diagnostics == []


def test_an_empty_box_cell_below_its_label_is_an_empty_box() -> None:
    b = _read([["Nomor SOP", "SOP/01"], ["Dasar Hukum", "Kualifikasi Pelaksana"],
               ["", "1. Menguasai statistik\n2. Teliti"], ["Keterkaitan", "Peralatan/Perlengkapan"], ["-", None]])
    assert b.data["dasar_hukum"] == []
    assert b.data["kualifikasi_pelaksana"] == ["Menguasai statistik", "Teliti"]
    assert b.data["keterkaitan"] == [] and b.data["peralatan_perlengkapan"] == []
    assert "peringatan" not in b.data and "pencatatan_pendataan" not in b.data  # not in the table: missing
    assert b.diagnostics == []


def test_a_box_label_with_only_a_dash_in_its_cell_is_an_empty_box() -> None:
    b = _read([["Dasar Hukum:\n-", "Peringatan:\n1. Jika terlambat, laporkan"]])
    assert b.data["dasar_hukum"] == []
    assert b.data["peringatan"] == ["Jika terlambat, laporkan"]


def test_a_nip_below_the_signature_is_the_signers_not_part_of_nama_bps_028() -> None:
    """As bps 028 and 031 print it: the NIP line under the signer's name falls below the rule
    above Nama SOP, into that cell."""
    b = _read([["BADAN PUSAT STATISTIK\nPROVINSI BENGKULU", "Nomor SOP", "SOP-028/17000/2025"],
               [None, "Disahkan Oleh", "Kepala Badan Pusat Statistik\nProvinsi Bengkulu\nIr. Win Rizal, M.E."],
               [None, "NAMA SOP", "NIP. 19660825 198802 1 001\nPENGAJUAN LS KE KPPN"]])
    ident = b.data["identitas"]
    assert ident["nama"] == "PENGAJUAN LS KE KPPN"
    assert ident["disahkan_oleh"] == {"jabatan": "Kepala Badan Pusat Statistik Provinsi Bengkulu",
                                      "nama": "Ir. Win Rizal, M.E.", "nip": "19660825 198802 1 001"}


def test_a_bare_nip_read_before_the_signer_is_kept_and_never_in_any_identity_text() -> None:
    b = _read([["PEMERINTAH KOTA X\n196608251988021001", "Nama SOP", "Pelayanan Izin 196608251988021001"],
               [None, "Nomor SOP", "SOP/01"], [None, "Disahkan Oleh", "Kepala Dinas\nBudi"]])
    ident = b.data["identitas"]
    assert ident["instansi"] == ["PEMERINTAH KOTA X"]
    assert ident["nama"] == "Pelayanan Izin"
    assert ident["disahkan_oleh"] == {"jabatan": "Kepala Dinas", "nama": "Budi", "nip": "196608251988021001"}


def test_a_number_of_another_length_stays_where_it_is() -> None:
    b = _read([["Nama SOP", "Pengadaan 2025 paket 12345678 123456"], ["Nomor SOP", "800/196608251988021001.7"]])
    assert b.data["identitas"] == {"nama": "Pengadaan 2025 paket 12345678 123456",
                                   "nomor": "800/196608251988021001.7"}


def test_the_signers_nip_printed_in_the_nama_row_belongs_to_the_signer() -> None:
    # bps-028/031, by eye: the NIP line under "Ir. Win Rizal, M.E." sits low in its cell, so the
    # table puts it in the NAMA SOP row above the name of the SOP
    b = _read([["Disahkan Oleh", "Kepala Badan Pusat Statistik\nProvinsi Bengkulu\nIr. Win Rizal, M.E."],
               ["NAMA SOP", "NIP. 19660825 198802 1 001\nPENGAJUAN LS KE KPPN"]])
    assert b.data["identitas"]["nama"] == "PENGAJUAN LS KE KPPN"
    assert b.data["identitas"]["disahkan_oleh"]["nip"] == "19660825 198802 1 001"  # as printed
