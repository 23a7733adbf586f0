"""The ``sopdoc`` process: what a whole process of sopdoc sets before it imports anything else.

``sopdoc render x.sop.yaml`` is one whole process per SOP (issue #16, point 10: five times faster
than LibreOffice converting the same SOP), and ``sopdoc log add`` one per log entry (issue #15), so
start-up is most of their time. Three things are settled here, for the console script and
``python -m sopdoc`` only — a program that imports sopdoc as a library keeps Python's defaults:

- **No pydantic plugins.** sopdoc uses none. Asked for them when it builds its first model,
  pydantic imports ``importlib.metadata`` (and the email package) and reads the entry points of
  every installed distribution: 5 % of the instructions of ``sopdoc render``. Its loader here is
  one that finds none.
- **The cyclic collector every 100,000 new objects** (CPython's default: 700). Start-up makes some
  70,000 objects that live as long as the process (modules, classes, pydantic's schemas); at 700
  the collector passed over them 100 times and found nothing (7 % of ``sopdoc render``'s CPU).
  A batch lowers it while it runs (:func:`sopdoc.batch.run_batch`, after its first item): at
  this pace a 1,000-SOP ``sopdoc render DIR`` held its cyclic garbage up to a 204 MB peak.
- **Generated code compiled once per user.** ``dataclasses`` writes the source of each class's
  ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` and
  compiles it: about 90 classes (sopdoc's, pydantic's, annotated-types') cost 15 % of the
  instructions of ``sopdoc render``, most of it in the compiler. ``typing`` compiles each string
  annotation it wraps in a ``ForwardRef``: 850 of them (230 different) as pydantic-core's schema
  types and sopdoc's models load, 3 %. The code compiled from each text is kept in the user's
  cache folder (:mod:`sopdoc.user_cache`, one file per Python bytecode version), keyed by the
  whole text, so a cached code object is exactly what compiling that text gives; a process that
  compiled something new writes the file again at exit.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import gc
import marshal
import sys
import types
import typing
from importlib.util import MAGIC_NUMBER
from typing import Any

from sopdoc.user_cache import read_cache, write_cache

__all__ = ["GC_YOUNG_THRESHOLD", "prepare", "run"]

GC_YOUNG_THRESHOLD = 100_000

_NO_PYDANTIC_PLUGINS = types.ModuleType("pydantic.plugin._loader", "The sopdoc process: no pydantic plugins.")
_NO_PYDANTIC_PLUGINS.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()

CODE_CACHE = f"dataclass-code-{sys.implementation.cache_tag}.marshal"
_CODE_TAG = b"sopdoc dataclass code " + MAGIC_NUMBER.hex().encode() + b" marshal " + str(marshal.version).encode()
_MAX_ENTRIES = 20_000  # every dataclass and string annotation of every library sopdoc loads, several times over


class _CodeCache:
    """Compiled code by source text: ``exec`` for ``dataclasses``, ``compile`` for ``typing``."""

    def __init__(self) -> None:
        self.codes: dict[str, types.CodeType] = {}
        self.added = 0
        body = read_cache(CODE_CACHE, _CODE_TAG)
        if body is None:
            return
        try:
            codes = marshal.loads(body)
        except Exception:  # damaged: as if absent
            return
        if isinstance(codes, dict) and all(isinstance(k, str) and isinstance(v, types.CodeType)
                                           for k, v in codes.items()):
            self.codes = codes

    def _code(self, key: str, source: str, mode: str) -> types.CodeType:
        code = self.codes.get(key)
        if code is None:  # what the caller's compile gives: neither module has a __future__ import
            code = compile(source, "<string>", mode, dont_inherit=True)
            if len(self.codes) < _MAX_ENTRIES:
                self.codes[key] = code
                self.added += 1
        return code

    def exec(self, source: Any, globals_: dict[str, Any] | None = None, locals_: Any = None) -> None:
        """``exec(source, globals_, locals_)``, the text compiled only if no process compiled it before."""
        if isinstance(source, str):
            source = self._code(source, source, "exec")
        builtins.exec(source, globals_, locals_)

    def compile(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        """``compile(source, filename, mode, ...)``; ``compile(text, "<string>", "eval")`` (each string
        annotation ``typing.ForwardRef`` holds) from the cache. A NUL byte starts its key: no source
        text has one, so it never meets a key of :meth:`exec`."""
        if isinstance(source, str) and filename == "<string>" and mode == "eval" and not args and not kwargs:
            return self._code("\0eval\0" + source, source, mode)
        return builtins.compile(source, filename, mode, *args, **kwargs)

    def save(self) -> None:
        """Write the cache file again if this process compiled something new."""
        if self.added:
            write_cache(CODE_CACHE, _CODE_TAG, marshal.dumps(self.codes))


def prepare() -> None:
    """Settle the three things above for this process (before sopdoc's other modules load)."""
    sys.modules.setdefault("pydantic.plugin._loader", _NO_PYDANTIC_PLUGINS)
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    # Both modules call the builtin by its global name, which a module global of theirs overrides.
    if "exec" not in vars(dataclasses) and "compile" not in vars(typing):
        cache = _CodeCache()
        dataclasses.exec = cache.exec  # type: ignore[attr-defined]
        typing.compile = cache.compile  # type: ignore[attr-defined]
        atexit.register(cache.save)


def run() -> None:
    """Console-script entry point (and ``python -m sopdoc``): one whole process."""
    prepare()
    from sopdoc.cli import run as run_cli  # after prepare(): the CLI loads the rest

    run_cli()
