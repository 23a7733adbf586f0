"""Kelengkapan cells → items (``grid/items.py``): printed lines joined back into the items they
wrap. The cells are the printed lines of real corpus cells (bps-009, bps-020, bps-028, bps-044,
bps-264, the Satpol PP bundle), the items what a person reads on the page image."""

from __future__ import annotations

from sopdoc.importers.grid.items import deliberate_breaks, kelengkapan_items, mark_breaks


def test_lettered_items_keep_their_letters_and_join_their_wrapped_lines() -> None:
    cell = ("Penelitian data administratif :\na. data tanah dan bangunan\nberupa data pada KIB dan\n"
            "dokumen pendukung berupa\nIMB/PBG;\nb. data selain tanah dan bangunan\nberupa data pada KIB;\n"
            "c. alasan dan pertimbangan\npenjualan BMN.")
    assert kelengkapan_items(cell) == [
        "Penelitian data administratif :",
        "a. data tanah dan bangunan berupa data pada KIB dan dokumen pendukung berupa IMB/PBG;",
        "b. data selain tanah dan bangunan berupa data pada KIB;",
        "c. alasan dan pertimbangan penjualan BMN."]


def test_unmarked_lines_before_the_first_marker_are_one_heading() -> None:
    cell = "Surat Permohonan Usul Hapus\nDengan memuat data :\na. seluruh data pada butir (2);\nb. Nilai Limit"
    assert kelengkapan_items(cell) == ["Surat Permohonan Usul Hapus Dengan memuat data :",
                                       "a. seluruh data pada butir (2);", "b. Nilai Limit"]


def test_numbered_items_and_a_sentence_keep_their_commas() -> None:
    assert kelengkapan_items("1. Dokumen Persiapan\nPengadaan;\n2. Permintaan Pemilihan\nmelalui Penunjukan\n"
                             "Langsung beserta\nlampirannya.") == [
        "1. Dokumen Persiapan Pengadaan;", "2. Permintaan Pemilihan melalui Penunjukan Langsung beserta lampirannya."]
    assert kelengkapan_items("Berita Acara Klarifikasi,\nNegosiasi Teknis dan Harga.") == [
        "Berita Acara Klarifikasi, Negosiasi Teknis dan Harga."]


def test_a_wrapped_comma_list_is_one_item_per_part() -> None:
    assert kelengkapan_items("Karwas Kontrak,\nFaktur, SPP, dan\nADK") == ["Karwas Kontrak", "Faktur", "SPP", "ADK"]
    assert kelengkapan_items("SK Pangkat\nTerakhir, TMT,\nPAK Terakhir,\nLembar DUPAK") == [
        "SK Pangkat Terakhir", "TMT", "PAK Terakhir", "Lembar DUPAK"]


def test_continuation_cues_join() -> None:
    assert kelengkapan_items("Surat Pengumuman Lelang BMN\ndan Surat Permohonan Lelang\nBMN") == [
        "Surat Pengumuman Lelang BMN dan Surat Permohonan Lelang BMN"]  # lower case; an open line end
    assert kelengkapan_items("Dokumen\nKontrak/SPK/\nSurat Perjanjian") == ["Dokumen Kontrak/SPK/Surat Perjanjian"]
    assert kelengkapan_items("●Database Perangkat\n●Laporan Permasalahan dan\nPerforma") == [
        "Database Perangkat", "Laporan Permasalahan dan Performa"]


def test_a_capital_after_a_closed_line_starts_an_item() -> None:
    assert kelengkapan_items("Disposisi surat.\nData kinerja") == ["Disposisi surat.", "Data kinerja"]


def test_a_deliberate_break_starts_an_item_unless_the_text_continues() -> None:
    assert kelengkapan_items("Nota dinas\n\nLampiran nama pelaksana\nSK\n\nDraf SK file word (jika ada)") == [
        "Nota dinas", "Lampiran nama pelaksana SK", "Draf SK file word (jika ada)"]
    assert kelengkapan_items("Nota dinas\nLampiran nama pelaksana") == ["Nota dinas Lampiran nama pelaksana"]
    assert kelengkapan_items("Laporan Permasalahan dan\n\nPerforma") == ["Laporan Permasalahan dan Performa"]


def test_paragraphs_are_items_and_a_dash_is_empty() -> None:
    assert kelengkapan_items("Nota dinas\nLampiran nama pelaksana", wrapped=False) == [
        "Nota dinas", "Lampiran nama pelaksana"]
    assert kelengkapan_items("-") == []
    assert kelengkapan_items("KTP, KK\n- Surat\n• Foto") == ["KTP", "KK", "Surat", "Foto"]


def _line(x0: float, top: float, *widths: float) -> list[tuple[float, float, float, float]]:
    out, x = [], x0
    for w in widths:
        out.append((x, top, x + w, top + 9))
        x += w + 2.5
    return out


def test_a_break_is_deliberate_when_the_next_word_would_have_fitted() -> None:
    cell = (100.0, 0.0, 200.0, 60.0)  # text width 100 - 2 * 4 = 92 (the line of 92 points leaves 4 each side)
    lines = [_line(104, 2, 40), _line(104, 12, 44.75, 44.75), _line(104, 22, 30)]
    assert deliberate_breaks(lines, cell) == [True, False]  # 40 + 2.5 + 44.75 fits; 92 + 2.5 + 30 does not
    assert mark_breaks("Nota dinas\nLampiran nama\nSK", [True, False]) == "Nota dinas\n\nLampiran nama\nSK"
    assert mark_breaks("two\nlines", [True, True]) == "two\nlines"  # lines not matched: unchanged


def test_a_gap_wider_than_the_line_pitch_is_deliberate() -> None:
    cell = (100.0, 0.0, 200.0, 80.0)
    lines = [_line(104, 2, 44.75, 44.75), _line(104, 12, 44.75, 44.75), _line(104, 40, 44.75, 44.75)]
    assert deliberate_breaks(lines, cell) == [False, True]
