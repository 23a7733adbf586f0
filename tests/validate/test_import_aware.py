"""Import-aware checking (issue #14 point 4): what an import could not read is the import's
finding (IMP), once, never the author's; an empty box and a missing box are different findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.dispatch import load_source
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.source.source_map import LoadResult
from sopdoc.validate.engine import check_loaded
from tests.conftest import SEEDS
from tests.validate.cases import build_sop


def _loaded(sop_patch: dict, *imp: tuple[str, tuple]) -> LoadResult:
    sop = build_sop({"patch": sop_patch})
    diags = tuple(imp_diagnostic(code, Teks("x", "x"), path=path) for code, path in imp)
    return LoadResult("x.pdf", sop, diags, None)


def test_box_the_import_did_not_find_is_reported_once_as_imp012() -> None:
    found = check_loaded(_loaded({"dasar_hukum": None}, ("IMP012", ("dasar_hukum",))))
    codes = [d.code for d in found if d.path[:1] == ("dasar_hukum",)]
    assert codes == ["IMP012"]


def test_without_the_import_finding_the_missing_box_is_the_authors() -> None:
    found = check_loaded(_loaded({"dasar_hukum": None}))
    assert [(d.code, d.severity) for d in found if d.path == ("dasar_hukum",)] == [("SOP201", Severity.ERROR)]


def test_empty_box_and_missing_box_differ() -> None:
    empty = [d for d in check_loaded(_loaded({"dasar_hukum": []})) if d.path == ("dasar_hukum",)]
    assert [(d.code, d.severity) for d in empty] == [("SOP202", Severity.WARNING)]


def test_signer_value_lost_by_the_import_is_not_the_authors() -> None:
    patch = {"identitas": {"disahkan_oleh": {"jabatan": "Kepala Dinas Contoh", "nama": None, "nip": None}}}
    plain = [d.code for d in check_loaded(_loaded(patch)) if d.path[:2] == ("identitas", "disahkan_oleh")]
    assert plain, "the base SOP without name and NIP must have signer findings"
    found = check_loaded(_loaded(patch, ("IMP011", ("identitas", "disahkan_oleh"))))
    assert [d.code for d in found if d.path[:2] == ("identitas", "disahkan_oleh")] == ["IMP011"]


def test_an_info_import_note_does_not_hide_findings() -> None:
    found = check_loaded(_loaded({"dasar_hukum": None}, ("IMP010", ("dasar_hukum",))))
    assert "SOP201" in [d.code for d in found]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_imported_seeds_blame_no_author_for_an_import_loss(seed: str) -> None:
    result = load_source(Path(SEEDS / seed))
    found = check_loaded(result)
    lost = [d.path for d in found if d.code.startswith("IMP") and d.path and d.severity.rank >= 1]
    for d in found:
        if d.code.startswith("SOP") and not d.code.startswith("SOP0"):
            assert not any(d.path[:len(p)] == p for p in lost), (d.code, d.path)
