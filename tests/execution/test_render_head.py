"""``period check`` and ``period render`` verify the log first and print the result with the chain
head (issue #11, point 4), the render on stderr (stdout stays for data), the check on stdout."""

from __future__ import annotations

import pytest

from sopdoc.cli import main
from sopdoc.execution.store import open_store
from tests.execution.test_tamper import A, db  # noqa: F401 - the fixture: instances A (5 entries) and B

pytestmark = pytest.mark.usefixtures("db")


def test_render_and_check_print_the_head(db, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with open_store(db, create=False) as store:
        head = store.entries(A)[-1].hash
    line = f"log: rantai utuh, checkpoint berkunci cocok; kepala: 5 entri, {head}"
    capsys.readouterr()
    assert main(["period", "render", A, "--to", "pdf", "--out", "out", "--db", str(db)]) == 0
    assert line in capsys.readouterr().err.splitlines()
    assert main(["period", "check", A, "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == line
    assert main(["--lang", "en", "period", "check", A, "--db", str(db)]) == 0
    assert head in capsys.readouterr().out.splitlines()[0]
