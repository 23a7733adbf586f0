"""Regular expressions stay linear over long hostile text (issue #11, point 3: linear-time text
handling). A leading ``\\s*`` (or any quantifier that can start at every position of a long run)
makes ``search`` quadratic: SOP112's golongan pattern took about 5 s on 20,000 spaces."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import sopdoc
from sopdoc.validate.rules.signatory import _golongan

N = 20_000
HOSTILE = [" " * N, "\u3000" * N, "\t" * N, "\n" * N, "I" * N, "I " * (N // 2), "( " * (N // 2), "a" * N,
           "a " * (N // 2), "1" * N, "1 " * (N // 2), "1." * (N // 2), "1 - " * (N // 4), "-" * N, "/" * N,
           ". " * (N // 2), ", " * (N // 2), "ya " * (N // 3), "Nomor " * (N // 6), "x" + " " * N + "x"]
LIMIT = 0.5  # seconds for search + findall over one 20,000-character text (linear: milliseconds)


def _module_patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    out = []
    for info in pkgutil.walk_packages(sopdoc.__path__, "sopdoc."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        out += [(f"{info.name}.{k}", v) for k, v in vars(module).items() if isinstance(v, re.Pattern)]
    return out


def _literal_patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    """Patterns written inline as ``re.search(r"…", …)`` and the like, anywhere in sopdoc/."""
    out = []
    for path in sorted(Path(sopdoc.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in ("search", "findall", "finditer", "sub", "subn", "split")
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, (str, bytes))):
                out.append((f"{path.name}:{node.lineno}", re.compile(node.args[0].value)))
    return out


def _slowest(pattern: re.Pattern[str] | re.Pattern[bytes]) -> tuple[float, str]:
    # Growing lengths with a budget proportional to the length: a super-linear pattern overruns it
    # at a few hundred characters within milliseconds, where the full length could run for hours
    # (a regex cannot be interrupted), so longer texts are only tried while the pattern keeps pace.
    for length in (N // 100, N // 10, N):
        took, on = _slowest_of(pattern, [text[:length] for text in HOSTILE])
        if took > LIMIT * length / N:
            return took * N / length, on
    return took, on


def _slowest_of(pattern: re.Pattern[str] | re.Pattern[bytes], texts: list[str]) -> tuple[float, str]:
    worst, on = 0.0, ""
    for text in texts:
        subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        took = min(_cpu_seconds(pattern, subject) for _ in range(3))
        if took > worst:
            worst, on = took, text[:8]
    return worst, on


def _cpu_seconds(pattern: re.Pattern[str] | re.Pattern[bytes], subject: str | bytes) -> float:
    # CPU time of this process, the best of three tries: on a machine loaded by other jobs, wall time
    # (and a single try) measures the scheduler, not the pattern; a super-linear pattern is slow every time.
    start = time.process_time()
    pattern.search(subject)  # type: ignore[arg-type]
    pattern.findall(subject)  # type: ignore[arg-type]
    return time.process_time() - start


KNOWN_HARMLESS = {
    # label_key() has already replaced every "/" and collapsed runs of spaces: no long run reaches it
    r"\s*/\s*",
}


def test_the_scan_finds_patterns() -> None:
    assert len(_module_patterns()) > 30 and len(_literal_patterns()) > 20


@pytest.mark.parametrize("name, pattern", _module_patterns() + _literal_patterns(), ids=lambda v: str(v)[:60])
def test_no_pattern_is_quadratic(name: str, pattern: re.Pattern[str] | re.Pattern[bytes]) -> None:
    if pattern.pattern in KNOWN_HARMLESS:
        pytest.skip("only ever sees normalised text")
    took, on = _slowest(pattern)
    assert took < LIMIT, f"{name} {pattern.pattern!r}: {took:.2f} s on {on!r}…"


@pytest.mark.parametrize("text, golongan, span", [
    ("Pembina Tk. I (IV/b)", "IV/b", "(IV/b)"),
    ("Penata ( III / c )", "III/c", "( III / c )"),
    ("Penata Muda  II/a  lama", "II/a", "  II/a  "),
    ("I/a", "I/a", "I/a"),
])
def test_the_golongan_span_is_as_before(text: str, golongan: str, span: str) -> None:
    found = _golongan(text)
    assert found is not None
    m, start, end = found
    assert f"{m.group(1)}/{m.group(2)}" == golongan
    assert text[start:end] == span


@pytest.mark.parametrize("filler", [" ", "\u3000"])
def test_sop112_on_a_long_pangkat_is_fast(filler: str) -> None:
    start = time.perf_counter()
    assert _golongan(filler * N) is None
    assert _golongan(filler * N + "(IV/b)") is not None
    assert time.perf_counter() - start < LIMIT
