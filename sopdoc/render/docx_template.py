"""Open, check and render a docxtpl template safely; the one path for the SOP identity page and
the period report.

A template may come from the user through configuration, so it only ever sees plain data and runs
in the sandbox of :mod:`sopdoc.render.template_sandbox` (immutable sandboxed Jinja, autoescape,
``StrictUndefined``, bounded operations, a child process under time and memory limits). The
templates sopdoc ships (``templates/``), recognised by the SHA-256 of their content, are ours: they
render through the same sandbox and plain-data context but in this process, which saves the fork
(about 10 ms per document); any other template (``--template``, a profile's) keeps the child. Pictures
(logo, chart) reach the template as marker strings and are put in by python-docx afterwards
(:func:`insert_pictures`). Every problem becomes a :class:`UsageError` naming the template and,
for syntax errors, the paragraph ("line" of the template's text) that holds the faulty tag.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.model.sop import Sop
from sopdoc.ooxml.ns import XML_SPACE, qn
from sopdoc.ooxml.package import PackageError, open_package, write_package
from sopdoc.render.context import CONTEXT_VARIABLES, template_context
from sopdoc.render.template_sandbox import TemplateRefused, forbidden_tags, plain_context, run_isolated, sandbox_env
from sopdoc.resources import template_path

__all__ = ["SHIPPED_TEMPLATES", "Picture", "check_template", "is_shipped", "open_template", "picture_marker",
           "render_document", "sandbox_env", "shipped_document", "template_text", "template_variables"]

SHIPPED_TEMPLATES = ("sop.docx", "laporan-periode.docx")
"""The templates sopdoc ships in ``templates/``: trusted by content, rendered without a child process."""

_MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_COMPILED_MAX = 32


@dataclass(frozen=True)
class Picture:
    """A picture put where a template wrote its marker: the image bytes and its size in EMU (one
    of them may be None: python-docx keeps the aspect ratio)."""

    data: bytes
    width: int | None = None
    height: int | None = None


def picture_marker(name: str) -> str:
    """The plain text a template sees for picture ``name`` (e.g. ``{{ logo }}``); after rendering,
    each occurrence in the document's text is replaced by the picture."""
    return f"\u27e6gambar:{name}\u27e7"


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


@functools.lru_cache(maxsize=1)
def _shipped_digests() -> frozenset[bytes]:
    """SHA-256 digests of the shipped templates' content (read once per process)."""
    digests = set()
    for name in SHIPPED_TEMPLATES:
        try:
            digests.add(hashlib.sha256(template_path(name).read_bytes()).digest())
        except OSError:
            continue
    return frozenset(digests)


@functools.lru_cache(maxsize=8)
def _digest(stamp: tuple[str, int, int]) -> bytes:
    return hashlib.sha256(_template_bytes(stamp)).digest()


def is_shipped(path: Path) -> bool:
    """Whether the file at ``path`` has exactly the content of a template sopdoc ships (its
    SHA-256 is one of theirs): only such a template renders without the child process."""
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size > _MAX_TEMPLATE_BYTES:
            return False
        return _digest(_stamp(path)) in _shipped_digests()
    except OSError:
        return False


def open_template(path: Path):
    """A ``DocxTemplate`` for ``path``; :class:`UsageError` when it is missing or not a DOCX. The
    package goes through the hardened zip reader first (sizes, member count, ratio)."""
    path = Path(path)
    if not path.is_file():
        raise _err(path, "berkas tidak ada", "file not found")
    if path.stat().st_size > _MAX_TEMPLATE_BYTES:
        raise _err(path, "berkas terlalu besar", "file too large")
    data = _template_bytes(_stamp(path))
    try:
        with open_package(data) as pkg:
            if not pkg.has("word/document.xml"):
                raise ValueError("no word/document.xml")
    except PackageError as exc:
        if exc.kind == "zip":
            raise _err(path, "bukan berkas DOCX (bukan arsip zip)", "not a DOCX file (not a zip archive)") from None
        raise _err(path, exc.reason.id, exc.reason.en) from None
    except ValueError:
        pass  # python-docx below says it is not a Word document
    tpl = _template_class()(io.BytesIO(data))
    try:
        tpl.init_docx()
        if tpl.docx.element.body is None:
            raise ValueError("no body")
    except Exception as exc:
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
    except RecursionError:
        raise _err(path, "templat bersarang terlalu dalam", "template nested too deeply") from None


def template_variables(tpl) -> set[str]:
    """The variables a template reads (``get_undeclared_template_variables`` in the sandbox)."""
    return set(tpl.get_undeclared_template_variables(sandbox_env()))


_UNDECLARED: collections.OrderedDict[tuple[str, str], frozenset[str]] = collections.OrderedDict()


def _undeclared(tpl, path: Path) -> frozenset[str]:
    """The variables the template's text reads, remembered per template text (parsing it is slow);
    ``include``/``import``/``extends`` are refused here."""
    from jinja2 import meta
    from jinja2.exceptions import TemplateError

    key = (str(path), "\n".join(template_text(tpl)))
    hit = _UNDECLARED.get(key)
    if hit is None:
        ast = _parse(tpl, path, sandbox_env())
        refused = forbidden_tags(ast)
        if refused:
            tags = ", ".join(refused)
            raise _err(path, f"tag tidak diizinkan: {tags}", f"tag not allowed: {tags}")
        try:
            found = meta.find_undeclared_variables(ast)
        except TemplateError as exc:  # e.g. an unknown filter
            raise _err(path, f"galat templat: {_one_line(exc)}", f"template error: {_one_line(exc)}") from None
        hit = _UNDECLARED[key] = frozenset(found)
        while len(_UNDECLARED) > _COMPILED_MAX:
            _UNDECLARED.popitem(last=False)
    return hit


class _Compiled:
    """Stand-in for a rendered part while :func:`_precompile` runs docxtpl's part preparation."""

    def render(self, _context: Any) -> str:
        return ""


class _CompileOnly:
    """A Jinja environment look-alike that only compiles (into the sandbox's cache)."""

    def __init__(self, env: Any) -> None:
        self.env = env

    def from_string(self, source: str) -> _Compiled:
        self.env.from_string(source)
        return _Compiled()


def _precompile(tpl, path: Path) -> None:
    """Compile the template's parts in this process, so the forked renderer finds them in the
    sandbox's cache (compiling is the slow part; it runs no template code, and the sandbox's
    intercepted operators and bounded filters keep constant folding small)."""
    from jinja2.exceptions import TemplateError

    shim = _CompileOnly(sandbox_env())
    try:
        tpl.render_init()
        tpl.render_xml_part(tpl.patch_xml(tpl.get_xml()), tpl.docx._part, {}, shim)
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _rel, part in tpl.get_headers_footers(uri):
                tpl.render_xml_part(tpl.patch_xml(tpl.get_part_xml(part)), part, {}, shim)
    except TemplateError as exc:
        raise _err(path, f"galat templat: {_one_line(exc)}", f"template error: {_one_line(exc)}") from None
    except RecursionError:
        raise _err(path, "templat bersarang terlalu dalam", "template nested too deeply") from None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _render_in_child(tpl, path: Path, context: dict[str, Any]) -> bytes:
    """Render ``tpl`` (in the child process) and return the package bytes, stored uncompressed."""
    _fill(tpl, path, context)
    return write_package(tpl.docx, level=0)


def _fill(tpl, path: Path, context: dict[str, Any]) -> None:
    """Render ``tpl`` with the plain ``context`` in the sandbox; every failure a :class:`UsageError`."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    try:
        tpl.render(context, jinja_env=sandbox_env(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise _syntax(path, exc) from None
    except SecurityError as exc:
        raise _err(path, f"akses ke bagian dalam Python ditolak: {_one_line(exc)}",
                   f"access to Python internals refused: {_one_line(exc)}") from None
    except UndefinedError as exc:
        raise _err(path, f"variabel tidak dikenal: {_one_line(exc)}", f"unknown variable: {_one_line(exc)}") from None
    except TemplateRefused as exc:
        raise _err(path, f"ditolak: {exc.teks.id}", f"refused: {exc.teks.en}") from None
    except TemplateError as exc:
        raise _err(path, f"galat templat: {_one_line(exc)}", f"template error: {_one_line(exc)}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError) as exc:
        raise _err(path, f"galat saat mengisi templat: {type(exc).__name__}: {_one_line(exc)}",
                   f"error while filling the template: {type(exc).__name__}: {_one_line(exc)}") from None


def render_document(path: Path, context: Mapping[str, Any], variables: Iterable[str],
                    pictures: Mapping[str, Picture] | None = None):
    """The python-docx ``Document`` of template ``path`` filled with ``context`` (plain data; a
    variable the template reads must be one of ``variables``), with ``pictures`` (marker →
    :class:`Picture`) put where their markers ended up. Raises :class:`UsageError` for any
    template fault, before anything is written. A shipped template (:func:`is_shipped`) renders
    in this process; any other in a child process under time and memory limits."""
    from docx import Document

    path = Path(path)
    ctx = plain_context(context)
    tpl = open_template(path)
    unknown = sorted(_undeclared(tpl, path) - set(variables))
    if unknown:
        names = ", ".join(unknown)
        raise _err(path, f"variabel tidak dikenal: {names}", f"unknown variable: {names}")

    def fail(id_text: str, en_text: str) -> UsageError:
        return _err(path, f"galat saat mengisi templat: {id_text}", f"error while filling the template: {en_text}")

    if is_shipped(path):
        _fill(tpl, path, ctx)
        doc = tpl.docx
        _empty_core_properties(doc)
    else:
        _precompile(tpl, path)
        data = run_isolated(lambda: _render_in_child(tpl, path, ctx), fail)
        try:
            with open_package(data):
                pass
            doc = Document(io.BytesIO(data))
        except Exception as exc:
            raise fail(f"hasil bukan dokumen Word ({type(exc).__name__})",
                       f"the result is not a Word document ({type(exc).__name__})") from None
    try:
        insert_pictures(doc, pictures or {})
    except Exception as exc:
        raise fail(f"gambar tidak dapat disisipkan ({type(exc).__name__})",
                   f"cannot insert a picture ({type(exc).__name__})") from None
    return doc


_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl renders as templates, in its order (``render_properties``)."""


@functools.lru_cache(maxsize=4)
def _package_reader(stamp: tuple[str, int, int]) -> Any:
    """python-docx's reading of the template's package (its parts' bytes and relationships; never
    changed by what is built on it), once per (path, mtime, size)."""
    from docx.opc.pkgreader import PackageReader

    return PackageReader.from_file(io.BytesIO(_template_bytes(stamp)))


def shipped_document(path: Path, pictures: Mapping[str, Picture] | None = None) -> Any:
    """The python-docx ``Document`` of the shipped template ``path`` as :func:`render_document`
    leaves it everywhere but in its body, which keeps the template's text, tags unrendered; each
    picture of ``pictures`` (template text such as ``{{ logo }}`` → :class:`Picture`) goes where
    that text is. For a caller that puts a body of its own in place of the template's (the SOP's
    identity page drawn from the layout): rendering the body only to drop it was a fifth of the
    DOCX painter's time. None when ``path`` is not a shipped template (:func:`is_shipped`), or
    when its core properties hold a tag (they would need rendering); render it then."""
    from docx.opc.package import Unmarshaller
    from docx.opc.part import PartFactory
    from docx.package import Package

    path = Path(path)
    if not is_shipped(path):
        return None
    package = Package()
    Unmarshaller.unmarshal(_package_reader(_stamp(path)), package, PartFactory)
    doc = package.main_document_part.document
    props = doc.core_properties
    values = [(name, getattr(props, name)) for name in _CORE_PROPERTIES]
    if any("{" in value for _name, value in values):
        return None
    for name, value in values:  # as docxtpl sets them after rendering (an absent one is added empty)
        setattr(props, name, value)
    _empty_core_properties(doc)
    insert_pictures(doc, pictures or {})
    return doc


def _empty_core_properties(doc: Any) -> None:
    """An emptied core property (docxtpl sets subject, identifier … to "") as an empty element,
    as the child's package round trip writes it, so both paths give the same bytes."""
    for el in doc.core_properties._element.iter():
        if el.text == "":
            el.text = None


def _pieces(text: str, markers: Iterable[str]) -> list[str]:
    """``text`` cut before and after each marker (markers are pieces of their own)."""
    out: list[str] = []
    rest = text
    while rest:
        found = [(rest.find(m), m) for m in markers if m in rest]
        if not found:
            out.append(rest)
            break
        at, marker = min(found)
        if at:
            out.append(rest[:at])
        out.append(marker)
        rest = rest[at + len(marker):]
    return out


def insert_pictures(doc: Any, pictures: Mapping[str, Picture]) -> None:
    """Replace every marker of ``pictures`` in the text of the body, headers and footers by an
    inline picture in the same run (the text around it stays)."""
    if not pictures:
        return
    from docx.oxml import OxmlElement
    from docx.parts.story import StoryPart

    for part in doc.part.package.iter_parts():
        if not isinstance(part, StoryPart):
            continue
        for t in list(part.element.iter(qn("w:t"))):
            text = t.text or ""
            if not any(m in text for m in pictures):
                continue
            run = t.getparent()
            at = run.index(t)
            run.remove(t)
            for k, piece in enumerate(_pieces(text, pictures)):
                if piece in pictures:
                    pic = pictures[piece]
                    el = OxmlElement("w:drawing")
                    el.append(part.new_pic_inline(io.BytesIO(pic.data), pic.width, pic.height))
                else:
                    el = OxmlElement("w:t")
                    el.text = piece
                    el.set(XML_SPACE, "preserve")
                run.insert(at + k, el)


def _syntax(path: Path, exc: Any) -> UsageError:
    lineno = getattr(exc, "lineno", None)
    return _err(path, f"galat sintaks Jinja (baris {lineno}): {exc.message}",
                f"Jinja syntax error (line {lineno}): {exc.message}")


def check_template(path: Path) -> None:
    """Open, parse and trial-render a user template with an empty SOP (and a logo, so that both
    sides of ``{% if logo %}`` run), so that a bad template is reported once, before anything is
    written; raises :class:`UsageError`."""
    render_document(Path(path), template_context(Sop(), logo=picture_marker("logo")), CONTEXT_VARIABLES)
