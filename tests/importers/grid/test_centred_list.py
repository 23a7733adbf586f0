"""A numbered list whose numbers are centred beside wrapped items (bps-048's Dasar Hukum): the
first lines of an item come before its number, and the items are regrouped by their closing
punctuation. Expected items written from page 1 of bps-048-pengolahan-data-capi.pdf."""

from __future__ import annotations

from sopdoc.importers.grid.boxes import lines_to_items

# the cell text pdfplumber gives for the Dasar Hukum cell of bps-048 page 1
BPS_048 = (
    "1. Undang-Undang Nomor 16 Tahun 1997 Tentang Statistik;\n"
    "2. Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;\n"
    "3. Peraturan Pemerintah Nomor 51 Tahun 1999 tentang Penyelengaraan Statistik;\n"
    "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Peraturan Pelaksanaan Undang-Undang\n"
    "4.\n"
    "Nomor 43 Tahun 2009 tentang Kearsipan;\n"
    "5. Peraturan Presiden Republik Indonesia Nomor 86 Tahun 2007 tentang Badan Pusat Statistik;\n"
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun\n"
    "2024 tentang Perubahan atas Peraturan Menteri Pendayagunaan Aparatur Negara dan\n"
    "6. Reformasi Birokrasi Nomor 90 Tahun 2021 tentang Pembangunan dan Evaluasi Zona Integritas\n"
    "Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan Melayani di Instansi\n"
    "Pemerintah;\n"
    "Peraturan Badan Pusat Statistik Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas\n"
    "7.\n"
    "Badan Pusat Statistik;\n"
    "8. Peraturan Badan Pusat Statistik Nomor 1 Tahun 2024 tentang Penyelenggaraan Kearsipan;\n"
    "Peraturan Badan Pusat Statistik Nomor 5 Tahun 2023 tentang Organisasi dan Tata Kerja\n"
    "9.\n"
    "Badan Pusat Statistik Provinsi dan Badan Pusat Statistik Kabupaten/Kota ;\n"
    "Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013 Tentang Pedoman Penyusunan\n"
    "10.\n"
    "Standar Operasional Prosedur Administrasi Pemerintah di Lingkungan Badan Pusat Statistik."
)


def _texts(cell: str) -> list[str]:
    return [t for _, t, _ in lines_to_items(list(enumerate(cell.split("\n")))) if t]  # as the boxes keep them


def test_centred_numbers_regrouped_by_closing_punctuation() -> None:
    items = _texts(BPS_048)
    assert len(items) == 10
    assert items[3] == ("Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Peraturan Pelaksanaan Undang-Undang "
                        "Nomor 43 Tahun 2009 tentang Kearsipan;")
    assert items[5] == ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun "
                        "2024 tentang Perubahan atas Peraturan Menteri Pendayagunaan Aparatur Negara dan "
                        "Reformasi Birokrasi Nomor 90 Tahun 2021 tentang Pembangunan dan Evaluasi Zona Integritas "
                        "Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan Melayani di Instansi "
                        "Pemerintah;")
    assert items[6] == ("Peraturan Badan Pusat Statistik Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas "
                        "Badan Pusat Statistik;")
    assert items[8].startswith("Peraturan Badan Pusat Statistik Nomor 5 Tahun 2023")
    assert items[8].endswith("Kabupaten/Kota ;")
    assert items[9].startswith("Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013")
    assert items[9].endswith("di Lingkungan Badan Pusat Statistik.")


def test_top_aligned_list_keeps_its_items() -> None:
    cell = ("1. Undang-Undang Nomor 16 Tahun 1997\ntentang Statistik;\n"
            "2. Peraturan Pemerintah Nomor 51 Tahun 1999\ntentang Penyelenggaraan Statistik.")
    assert _texts(cell) == ["Undang-Undang Nomor 16 Tahun 1997 tentang Statistik;",
                            "Peraturan Pemerintah Nomor 51 Tahun 1999 tentang Penyelenggaraan Statistik."]


def test_centred_list_whose_items_do_not_close_is_left_as_read() -> None:
    # a bare number between two lines, but no closing punctuation to regroup by: counts differ
    cell = "1. Dokumen kuesioner\nServer, komputer\n2.\nprinter, jaringan"
    assert _texts(cell) == ["Dokumen kuesioner Server, komputer", "printer, jaringan"]
