"""The shared SOP strategy builds valid models (absurd ones included)."""

from hypothesis import given, settings

from sopdoc.model.sop import Sop
from tests.strategies import sops


@settings(max_examples=30, deadline=None)
@given(sops(absurd=True))
def test_generated_sops_are_models(sop: Sop) -> None:
    assert isinstance(sop, Sop)
    assert 1 <= len(sop.kegiatan) <= 20
