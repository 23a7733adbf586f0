"""The ``sopdoc`` process (:mod:`sopdoc.process`) and its start-up cache (:mod:`sopdoc.user_cache`)."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sopdoc import user_cache
from sopdoc.process import CODE_CACHE
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"
PDF = "pengumpulan-data-kinerja.pdf"


def _render(tmp_path: Path, out: str, cache: str) -> bytes:
    env = {**os.environ, "SOPDOC_CACHE_DIR": cache, "SOPDOC_LANG": "id"}
    proc = subprocess.run([sys.executable, "-m", "sopdoc", "render", str(EXAMPLE), "-o", str(tmp_path / out)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return (tmp_path / out / PDF).read_bytes()


def test_the_code_cache_changes_no_output_and_is_written_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without = _render(tmp_path, "off", "off")
    first = _render(tmp_path, "first", str(cache))
    files = sorted(cache.iterdir())  # the code, and each TrueType face parsed (layout/font_cache.py)
    assert [p.name for p in files if not p.name.startswith("ttfont-")] == [CODE_CACHE]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files) and cache.stat().st_mode & 0o777 == 0o700
    bodies = [p.read_bytes() for p in files]
    for p in files:
        os.utime(p, (1, 1))
    second = _render(tmp_path, "second", str(cache))  # everything found: nothing compiled or parsed, nothing rewritten
    assert first == second == without
    assert sorted(cache.iterdir()) == files and [p.read_bytes() for p in files] == bodies
    assert all(p.stat().st_mtime == 1 for p in files)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another tag", "not code"])
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    good = _render(tmp_path, "good", str(cache))
    path = cache / CODE_CACHE
    tag, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes({"garbage": tag + b"\n\x00\xff" * 100, "truncated": tag + b"\n" + body[: len(body) // 2],
                      "another tag": b"sopdoc dataclass code 0000\n" + body,
                      "not code": tag + b"\n" + marshal.dumps({"a": "b"})}[damage])
    assert _render(tmp_path, "again", str(cache)) == good
    new_tag, _, new_body = path.read_bytes().partition(b"\n")  # written again, whole
    assert new_tag == tag and marshal.loads(new_body).keys() == marshal.loads(body).keys()


def test_cache_files_others_may_write_or_links_are_not_read(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPDOC_CACHE_DIR", str(tmp_path))
    user_cache.write_cache("x.bin", b"tag", b"body\nmore")
    assert user_cache.read_cache("x.bin", b"tag") == b"body\nmore"
    assert user_cache.read_cache("x.bin", b"other") is None
    assert user_cache.read_cache("missing.bin", b"tag") is None
    (tmp_path / "link.bin").symlink_to(tmp_path / "x.bin")
    assert user_cache.read_cache("link.bin", b"tag") is None
    (tmp_path / "x.bin").chmod(0o666)
    assert user_cache.read_cache("x.bin", b"tag") is None
    (tmp_path / "x.bin").chmod(0o600)
    (tmp_path / "big.bin").write_bytes(b"tag\n" + b"x" * user_cache.MAX_BYTES)
    assert user_cache.read_cache("big.bin", b"tag") is None
    (tmp_path / "dir.bin").mkdir()
    assert user_cache.read_cache("dir.bin", b"tag") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin", "dir.bin", "link.bin", "x.bin"]  # no temporaries


def test_where_the_cache_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOPDOC_CACHE_DIR", "off")
    assert user_cache.cache_dir() is None
    user_cache.write_cache("x.bin", b"tag", b"body")  # nothing happens
    assert user_cache.read_cache("x.bin", b"tag") is None
    monkeypatch.setenv("SOPDOC_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache.cache_dir() == tmp_path / "xdg" / "sopdoc"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored (XDG Base Directory)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache.cache_dir() == tmp_path / "home" / ".cache" / "sopdoc"


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _render(tmp_path, "blocked", str(blocked / "cache")) == _render(tmp_path, "off", "off")
    assert blocked.read_text() == "not a folder"


def test_the_code_cache_compiles_as_python_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What :mod:`dataclasses` and :mod:`typing` get from the cache is what they would compile:
    errors raised the same way, other calls of ``compile`` passed through, nothing read or
    written in a process that never saves."""
    import ast
    import typing

    from sopdoc.process import _CodeCache

    monkeypatch.setenv("SOPDOC_CACHE_DIR", str(tmp_path))
    cache = _CodeCache()
    code = cache.compile("dict[str, int] | None", "<string>", "eval")
    assert code is cache.compile("dict[str, int] | None", "<string>", "eval")  # compiled once
    assert eval(code, vars(typing)) == (dict[str, int] | None)
    with pytest.raises(SyntaxError):
        cache.compile("int |", "<string>", "eval")
    tree = cache.compile("x = 1", "f.py", "exec", ast.PyCF_ONLY_AST)  # not the ForwardRef form: passed through
    assert isinstance(tree, ast.Module)
    namespace: dict[str, object] = {}
    cache.exec("def f(a, b=2):\n return a + b", {}, namespace)
    assert namespace["f"](1) == 3  # type: ignore[operator]
    assert cache.added == 2 and list(tmp_path.iterdir()) == []
    cache.save()
    assert [p.name for p in tmp_path.iterdir()] == [CODE_CACHE]
    again = _CodeCache()
    assert again.codes.keys() == cache.codes.keys() and again.added == 0
