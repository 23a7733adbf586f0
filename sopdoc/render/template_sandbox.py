"""The one sandbox user templates run in (the SOP identity page and the period report).

A template may come from the user, so it gets three walls:

1. **Plain data only.** The context is checked by :func:`plain_context`: str, int, float, bool,
   None, lists/tuples and dicts of those. Pictures (logo, chart) are plain marker strings that
   the caller swaps for the picture *after* rendering, so no docxtpl, python-docx, lxml or file
   object is ever reachable from template code.
2. **An immutable Jinja sandbox** (:func:`sandbox_env`): ``ImmutableSandboxedEnvironment`` with
   autoescape and ``StrictUndefined``; no ``include``/``import``/``extends`` (refused when the
   template is inspected), only the filters in ``_FILTERS`` (any other is an unknown filter),
   only a bounded ``range`` as global, ``*``/``**``/``+``/``%`` refused when the result would
   exceed a size bound, string formatting methods refused, and no call or filter may take an
   integer argument above ``MAX_SIZE``.
3. **A child process** (:func:`run_isolated`): rendering happens in a forked child under a CPU
   time limit, an address-space limit and a wall-clock timeout; bytes come back through a pipe.

Every failure is a :class:`UsageError` with a one-line bilingual message.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import json
import math
import os
import select
import signal
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks

__all__ = ["MAX_RANGE", "MAX_SIZE", "MEMORY_LIMIT", "TIME_LIMIT", "TemplateRefused", "forbidden_tags",
           "plain_context", "run_isolated", "sandbox_env"]

MAX_RANGE = 10_000
"""The longest ``range`` a template may make."""
MAX_SIZE = 1_000_000
"""The longest string or list an operator may build, and the largest integer argument of a call."""
MAX_INT_BITS = 4096
"""The largest integer (in bits) ``*`` and ``**`` may produce."""
TIME_LIMIT = 5.0
"""Seconds a template may take to render (wall clock, in the child process)."""
MEMORY_LIMIT = 1024 * 1024 * 1024
"""Bytes of address space the child may add to what it inherited."""
MAX_OUTPUT = 64 * 1024 * 1024
"""The largest rendered document accepted back from the child."""

_FILTERS = (
    "abs", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape", "first",
    "float", "groupby", "indent", "int", "items", "join", "last", "length", "list", "lower", "map", "max",
    "min", "reject", "rejectattr", "replace", "reverse", "round", "select", "selectattr", "slice", "sort",
    "string", "striptags", "sum", "title", "trim", "truncate", "unique", "upper", "wordcount", "wordwrap",
)
"""The filters a template may use; every other (``attr``, ``format``, ``safe``, ``pprint`` …) is
unknown to the sandbox."""
_REFUSED_METHODS = frozenset({"format", "format_map", "expandtabs", "ljust", "rjust", "center", "zfill"})
"""String methods refused outright (formatting and padding to any width)."""
_SCALARS = (str, int, float, bool, type(None))


class TemplateRefused(Exception):
    """A template operation the sandbox refuses; ``teks`` says which (without the template name)."""

    def __init__(self, teks: Teks) -> None:
        super().__init__(teks.en)
        self.teks = teks


def _refuse(id_text: str, en_text: str) -> TemplateRefused:
    return TemplateRefused(Teks(id_text, en_text))


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_ints(args: Iterable[Any]) -> None:
    for a in args:
        if isinstance(a, int) and not isinstance(a, bool) and abs(a) > MAX_SIZE:
            raise _refuse(f"bilangan {a} terlalu besar sebagai argumen", f"number {a} too large as an argument")


def _bits(n: Any) -> float:
    return abs(n).bit_length() if isinstance(n, int) else 0.0


def _bounded_binop(op: str, left: Any, right: Any) -> None:
    """Refuse ``left op right`` when its result would exceed the bounds."""
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            seq_size = _size(seq)
            if seq_size is not None and isinstance(n, int) and seq_size * max(n, 0) > MAX_SIZE:
                raise _refuse("hasil perkalian terlalu panjang", "product too long")
        if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > MAX_INT_BITS:
            raise _refuse("hasil perkalian terlalu besar", "product too large")
    elif op == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and right * math.log2(abs(left)) > MAX_INT_BITS:
            raise _refuse("hasil pangkat terlalu besar", "power too large")
        if isinstance(right, (int, float)) and abs(right) > MAX_SIZE:
            raise _refuse("pangkat terlalu besar", "exponent too large")
    elif op == "+":
        left_size, right_size = _size(left), _size(right)
        if left_size is not None and right_size is not None and left_size + right_size > MAX_SIZE:
            raise _refuse("hasil penjumlahan terlalu panjang", "sum too long")
    elif op == "%" and isinstance(left, str):
        raise _refuse("format string dengan % tidak diizinkan", "string formatting with % is not allowed")


def _safe_range(*args: Any) -> range:
    _check_ints(args)
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise _refuse(f"range lebih dari {MAX_RANGE} unsur", f"range of more than {MAX_RANGE} items")
    return rng


def _bounded_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)  # keeps Jinja's pass_context/pass_environment marker
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_ints(args[1:])
        _check_ints(kwargs.values())
        out = func(*args, **kwargs)
        if (_size(out) or 0) > MAX_SIZE:
            raise _refuse("hasil filter terlalu panjang", "filter result too long")
        return out

    return wrapper


@functools.lru_cache(maxsize=1)
def sandbox_env():
    """The Jinja environment templates are inspected, compiled and rendered in (one per process;
    compiled templates are kept per exact source text, so a forked child reuses the parent's)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class _Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%", "/", "//"})
        intercepted_unops = frozenset({"-", "+"})
        _compiled: collections.OrderedDict[str, Any]  # compiled templates by source text, oldest first

        def call_binop(self, context, operator, left, right):
            _bounded_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def is_safe_attribute(self, obj, attr, value):
            if isinstance(obj, str) and attr in _REFUSED_METHODS:
                return False
            return super().is_safe_attribute(obj, attr, value)

        def call(__self, __context, __obj, *args, **kwargs):
            _check_ints(args)
            _check_ints(kwargs.values())
            out = super().call(__context, __obj, *args, **kwargs)
            if (_size(out) or 0) > MAX_SIZE:
                raise _refuse("hasil pemanggilan terlalu panjang", "call result too long")
            return out

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            hit = self._compiled.get(source)
            if hit is None:
                hit = self._compiled[source] = super().from_string(source)
                while len(self._compiled) > 32:
                    self._compiled.popitem(last=False)
            else:
                self._compiled.move_to_end(source)
            return hit

    env = _Sandbox(autoescape=True, undefined=StrictUndefined)
    env._compiled = collections.OrderedDict()
    env.filters = {name: _bounded_filter(env.filters[name]) for name in _FILTERS}
    env.globals = {"range": _safe_range}
    return env


def forbidden_tags(ast: Any) -> list[str]:
    """The tags of a parsed template the sandbox refuses (``include``, ``import``, ``extends``)."""
    from jinja2 import nodes

    kinds = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
             nodes.Extends: "extends"}
    return sorted({kinds[type(n)] for n in ast.find_all(tuple(kinds))})


def plain_context(value: Any, where: str = "context") -> Any:
    """A deep copy of ``value`` made of plain data only (dicts, lists, scalars); anything else is a
    programming error (``TypeError``): templates must never see live objects."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain_context(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_context(v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise TypeError(f"{where}: {type(value).__name__} is not plain data")


# --------------------------------------------------------------------------- the child process


def _limit_child(seconds: float, memory: int) -> None:
    import resource

    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return
    resource.setrlimit(resource.RLIMIT_AS, (current + memory, current + memory))


def _child(job: Callable[[], bytes], seconds: float, memory: int, fd: int) -> None:
    """Run ``job`` and write to ``fd`` ``b"K" + bytes``, ``b"E" + JSON {id, en}`` (a
    :class:`UsageError`) or ``b"X" + JSON {id, en}`` (any other failure); never returns."""
    def msg(id_text: str, en_text: str) -> bytes:
        return json.dumps({"id": id_text, "en": en_text}).encode()

    try:
        try:
            _limit_child(seconds, memory)
            out = b"K" + job()
        except UsageError as exc:
            out = b"E" + msg(exc.get("id"), exc.get("en"))
        except MemoryError:
            out = b"X" + msg("batas memori terlampaui", "memory limit exceeded")
        except RecursionError:
            out = b"X" + msg("rekursi terlalu dalam", "recursion too deep")
        except BaseException as exc:
            out = b"X" + msg(f"{type(exc).__name__}: {_short(exc)}", f"{type(exc).__name__}: {_short(exc)}")
        view = memoryview(out)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os._exit(0)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


def run_isolated(job: Callable[[], bytes], fail: Callable[[str, str], UsageError], *,
                 seconds: float | None = None, memory: int | None = None) -> bytes:
    """Run ``job`` in a forked child under a time and memory limit and return its bytes. A
    :class:`UsageError` raised by the job comes back as is; any other failure (time limit, memory
    limit, crash) is ``fail(id_text, en_text)``."""
    seconds = TIME_LIMIT if seconds is None else seconds
    memory = MEMORY_LIMIT if memory is None else memory
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():  # fork with threads around: the child only renders and exits
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        _child(job, seconds, memory, write_fd)
    os.close(write_fd)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + seconds
    timed_out = too_big = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _w, _x = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_OUTPUT + 1:
                too_big = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out or too_big:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if timed_out:
        raise fail(f"waktu pengisian melewati batas {seconds:g} detik", f"rendering took longer than {seconds:g} s")
    if too_big:
        raise fail("hasil terlalu besar", "result too large")
    data = b"".join(chunks)
    if data[:1] == b"K":
        return data[1:]
    if data[:1] in (b"E", b"X"):
        try:
            msg = json.loads(data[1:].decode("utf-8"))
            id_text, en_text = " ".join(str(msg["id"]).split()), " ".join(str(msg["en"]).split())
        except (ValueError, KeyError, TypeError):
            raise fail("proses pengisian gagal", "the rendering process failed") from None
        if data[:1] == b"E":
            raise UsageError(Teks(id_text, en_text))
        raise fail(id_text, en_text)
    raise fail("proses pengisian berhenti tanpa hasil (batas waktu atau memori)",
               "the rendering process ended without a result (time or memory limit)")
