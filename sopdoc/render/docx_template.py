"""Open and render a docxtpl template safely: sandboxed Jinja, autoescape on, clear errors.

A template may come from the user through configuration, so it is rendered in Jinja's
``SandboxedEnvironment`` (no access to Python internals) with ``StrictUndefined``; every problem
becomes a :class:`UsageError` naming the template and, where possible, the paragraph ("line" of
the template's text) that holds the faulty tag.
"""

from __future__ import annotations

import collections
import functools
import re
import zipfile
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks

__all__ = ["check_template", "open_template", "render_template", "sandbox_env", "template_text", "template_variables"]

_MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_COMPILED_MAX = 32


def sandbox_env():
    """The Jinja environment templates run in: sandboxed, autoescaping, strict about undefined."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@functools.lru_cache(maxsize=1)
def _render_env():
    """The sandbox used for rendering, shared within the process: compiling the template's XML
    is the slow part of docxtpl, so ``from_string`` keeps the compiled templates of the last few
    sources (keyed by the exact source text, so two templates never share an entry)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class _CachingSandbox(SandboxedEnvironment):
        _compiled: "collections.OrderedDict[str, Any]"

        def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's name
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            hit = self._compiled.get(source)
            if hit is None:
                hit = self._compiled[source] = super().from_string(source)
                while len(self._compiled) > _COMPILED_MAX:
                    self._compiled.popitem(last=False)
            else:
                self._compiled.move_to_end(source)
            return hit

    env = _CachingSandbox(autoescape=True, undefined=StrictUndefined)
    env._compiled = collections.OrderedDict()
    return env


def _err(path: Path, id_text: str, en_text: str) -> UsageError:
    return UsageError(Teks(f"templat {path}: {id_text}", f"template {path}: {en_text}"))


def _template_class():
    """``DocxTemplate`` whose ``patch_xml`` (pure, regex-heavy) is memoised on its input."""
    from docxtpl import DocxTemplate

    global _TEMPLATE_CLASS
    if _TEMPLATE_CLASS is None:
        patch = functools.lru_cache(maxsize=_COMPILED_MAX)(lambda xml: DocxTemplate.patch_xml(None, xml))

        class _Template(DocxTemplate):
            def patch_xml(self, src_xml):
                return patch(src_xml)

        _TEMPLATE_CLASS = _Template
    return _TEMPLATE_CLASS


_TEMPLATE_CLASS: Any = None


def _stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=8)
def _template_bytes(stamp: tuple[str, int, int]) -> bytes:
    """The template file's bytes, read once per (path, mtime, size)."""
    return Path(stamp[0]).read_bytes()


def open_template(path: Path):
    """A ``DocxTemplate`` for ``path``; :class:`UsageError` when it is missing or not a DOCX."""
    import io

    path = Path(path)
    if not path.is_file():
        raise _err(path, "berkas tidak ada", "file not found")
    if path.stat().st_size > _MAX_TEMPLATE_BYTES:
        raise _err(path, "berkas terlalu besar", "file too large")
    data = _template_bytes(_stamp(path))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _err(path, "bukan berkas DOCX (bukan arsip zip)", "not a DOCX file (not a zip archive)")
    tpl = _template_class()(io.BytesIO(data))
    try:
        tpl.init_docx()
        if tpl.docx.element.body is None:
            raise ValueError("no body")
    except Exception as exc:  # noqa: BLE001 - any failure to open is the template's problem
        raise _err(path, f"bukan dokumen Word yang sah ({type(exc).__name__})",
                   f"not a valid Word document ({type(exc).__name__})") from None
    return tpl


def template_text(tpl) -> list[str]:
    """The template's text, one paragraph per line (the "lines" error messages refer to): the
    body, then the headers and footers of every section."""
    from docx.oxml.ns import qn

    doc = tpl.docx
    roots = [doc.element.body]
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for root in roots for p in root.iter(qn("w:p"))]


def _parse(tpl, path: Path, env):
    """Parse the template's text; a syntax error names the line (paragraph) and its text."""
    from jinja2 import TemplateSyntaxError

    lines = template_text(tpl)
    # docxtpl's paragraph/row/cell/run tags ({%p …%}, {%tr …%}, {{r …}}) are plain tags to Jinja
    text = re.sub(r"\{([%{])-?\s*(?:p|tr|tc|r)\s", r"{\1 ", "\n".join(lines))
    try:
        return env.parse(text)
    except TemplateSyntaxError as exc:
        n = exc.lineno or 0
        shown = f" ({lines[n - 1].strip()!r})" if 0 < n <= len(lines) and lines[n - 1].strip() else ""
        raise _err(path, f"galat sintaks Jinja pada baris {n}: {exc.message}{shown}",
                   f"Jinja syntax error at line {n}: {exc.message}{shown}") from None


def template_variables(tpl) -> set[str]:
    """The variables a template reads (``get_undeclared_template_variables`` in the sandbox)."""
    return set(tpl.get_undeclared_template_variables(sandbox_env()))


_UNDECLARED: "collections.OrderedDict[tuple[str, str], frozenset[str]]" = collections.OrderedDict()


def _undeclared(tpl, path: Path) -> frozenset[str]:
    """The variables the template's text reads, remembered per template text (parsing it is slow)."""
    from jinja2 import meta

    key = (str(path), "\n".join(template_text(tpl)))
    hit = _UNDECLARED.get(key)
    if hit is None:
        hit = _UNDECLARED[key] = frozenset(meta.find_undeclared_variables(_parse(tpl, path, sandbox_env())))
        while len(_UNDECLARED) > _COMPILED_MAX:
            _UNDECLARED.popitem(last=False)
    return hit


def render_template(tpl, path: Path, context: dict[str, Any]) -> None:
    """Render ``tpl`` with ``context`` in place; raise :class:`UsageError` for template faults."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    unknown = sorted(_undeclared(tpl, path) - set(context))
    if unknown:
        names = ", ".join(unknown)
        raise _err(path, f"variabel tidak dikenal: {names}", f"unknown variable: {names}")
    try:
        tpl.render(context, jinja_env=_render_env(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise _syntax(path, exc) from None
    except SecurityError as exc:
        raise _err(path, f"akses ke bagian dalam Python ditolak: {exc}",
                   f"access to Python internals refused: {exc}") from None
    except UndefinedError as exc:
        raise _err(path, f"variabel tidak dikenal: {exc.message}", f"unknown variable: {exc.message}") from None
    except TemplateError as exc:
        raise _err(path, f"galat templat: {exc}", f"template error: {exc}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise _err(path, f"galat saat mengisi templat: {type(exc).__name__}: {exc}",
                   f"error while filling the template: {type(exc).__name__}: {exc}") from None


def _syntax(path: Path, exc: Any) -> UsageError:
    lineno = getattr(exc, "lineno", None)
    return _err(path, f"galat sintaks Jinja (baris {lineno}): {exc.message}",
                f"Jinja syntax error (line {lineno}): {exc.message}")


def check_template(path: Path) -> None:
    """Open, parse and trial-render a user template with an empty SOP, so that a bad template is
    reported once, before anything is written; raises :class:`UsageError`."""
    from sopdoc.model.sop import Sop
    from sopdoc.render.context import template_context

    path = Path(path)
    render_template(open_template(path), path, template_context(Sop()))
