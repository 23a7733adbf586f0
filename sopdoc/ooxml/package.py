"""The one hardened reader of zip packages (DOCX, XLSX, templates) and the DOCX package writer.

Hostile files: the archive is checked before anything is inflated (file size, member count,
declared sizes, total size, compression ratio), every member is read with a hard cap, and XML is
parsed without DTDs, entity resolution or network access (a document declaring a DTD or an
entity is refused outright). Every problem is a :class:`PackageError` with a bilingual reason.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sopdoc.model.diagnostic import Teks

__all__ = ["DEFAULT_LIMITS", "Limits", "Package", "PackageError", "open_package", "parse_xml", "write_package"]

Source = str | Path | bytes | IO[bytes]


class PackageError(Exception):
    """A package that cannot be read safely; ``kind`` is ``"file"``, ``"zip"``, ``"size"``,
    ``"xml"`` or ``"dtd"`` and ``reason`` says why."""

    def __init__(self, kind: str, reason: Teks) -> None:
        super().__init__(reason.en)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """Bounds checked before (and while) a package is inflated."""

    file_bytes: int = 50 * 1024 * 1024
    members: int = 5000
    member_bytes: int = 32 * 1024 * 1024
    total_bytes: int = 256 * 1024 * 1024
    ratio: int = 200  # deflate rarely exceeds ~20:1 on real XML; zip bombs are 1000:1 and more
    ratio_floor: int = 1024 * 1024  # members smaller than this are never ratio-suspicious


DEFAULT_LIMITS = Limits()


def _size_error(id_text: str, en_text: str) -> PackageError:
    return PackageError("size", Teks(id_text, en_text))


class Package:
    """An opened, checked zip package; use as a context manager (``with open_package(p) as pkg``)."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits) -> None:
        self._zf = zf
        self.limits = limits
        self.infos = zf.infolist()
        self._by_name = {i.filename: i for i in self.infos}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying archive."""
        self._zf.close()

    @property
    def names(self) -> list[str]:
        """The member names, in archive order."""
        return [i.filename for i in self.infos]

    def has(self, name: str) -> bool:
        """True when the package holds member ``name``."""
        return name in self._by_name

    def read(self, name: str, cap: int | None = None) -> bytes:
        """The inflated bytes of member ``name``; more than ``cap`` (default: the per-member
        bound) is refused, checked on the declared size first and while inflating."""
        info = self._by_name.get(name)
        if info is None:
            raise PackageError("zip", Teks(f"{name} tidak ada", f"no {name}"))
        cap = self.limits.member_bytes if cap is None else min(cap, self.limits.member_bytes)
        if info.file_size > cap:
            raise _size_error(f"bagian {name} terlalu besar", f"part {name} is too large")
        try:
            with self._zf.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, RuntimeError, NotImplementedError,
                OSError, ValueError, zlib.error) as exc:
            raise PackageError("zip", Teks(f"bagian {name} rusak ({type(exc).__name__})",
                                           f"part {name} is damaged ({type(exc).__name__})")) from None
        if len(data) > cap:
            raise _size_error(f"bagian {name} terlalu besar", f"part {name} is too large")
        return data

    def xml(self, name: str, cap: int | None = None) -> Any:
        """Member ``name`` (at most ``cap`` bytes) parsed as XML by :func:`parse_xml`."""
        return parse_xml(self.read(name, cap), name)

    def check_xml_parts(self) -> None:
        """Read every XML part (``.xml``, ``.rels``) under the per-member cap and refuse one that
        declares a DTD or entity, for packages a third-party reader (openpyxl) parses afterwards."""
        for info in self.infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                _refuse_dtd(self.read(info.filename), info.filename)


def _check(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.members:
        raise _size_error(f"{len(infos)} anggota zip", f"{len(infos)} zip members")
    if sum(i.file_size for i in infos) > limits.total_bytes:
        raise _size_error("ukuran setelah dibuka terlalu besar (zip bomb)", "too large once unpacked (zip bomb)")
    for i in infos:
        if i.file_size > limits.member_bytes:
            raise _size_error(f"bagian {i.filename} terlalu besar", f"part {i.filename} is too large")
        if i.file_size > limits.ratio_floor and i.file_size > limits.ratio * max(i.compress_size, 1):
            raise _size_error(f"rasio kompresi {i.filename} mencurigakan (zip bomb)",
                              f"suspicious compression ratio of {i.filename} (zip bomb)")


def open_package(source: Source, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Open and check the zip package ``source`` (a path, bytes or a binary file object)."""
    if isinstance(source, (bytes, bytearray)):
        size = len(source)
        source = io.BytesIO(source)
    elif isinstance(source, (str, Path)):
        try:
            size = Path(source).stat().st_size
        except OSError as exc:
            raise PackageError("file", Teks(f"tidak dapat dibaca: {exc.strerror}",
                                            f"cannot be read: {exc.strerror}")) from None
    else:
        try:
            size = source.seek(0, io.SEEK_END)
            source.seek(0)
        except (OSError, ValueError, AttributeError):
            size = 0
    if size > limits.file_bytes:
        raise _size_error(f"berkas {size} bita terlalu besar", f"file of {size} bytes is too large")
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, RuntimeError, NotImplementedError, OSError,
            ValueError) as exc:
        raise PackageError("zip", Teks(f"bukan arsip zip yang sah ({type(exc).__name__})",
                                       f"not a valid zip archive ({type(exc).__name__})")) from None
    try:
        _check(zf.infolist(), limits)
    except PackageError:
        zf.close()
        raise
    return Package(zf, limits)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def _refuse_dtd(data: bytes, name: str) -> None:
    # XML keywords are case-sensitive, so a plain search finds every declaration without copying data.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageError("dtd", Teks(f"{name} memuat DTD/entitas", f"{name} holds a DTD/entities"))


def parse_xml(data: bytes, name: str = "XML") -> Any:
    """Parse ``data`` safely: a DTD or entity declaration is refused (kind ``"dtd"``), malformed
    XML is kind ``"xml"``; the parser never resolves entities, loads a DTD or uses the network."""
    from lxml import etree

    _refuse_dtd(data, name)
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise PackageError("xml", Teks(f"{name} bukan XML yang sah ({exc.msg})",
                                       f"{name} is not well-formed XML ({exc.msg})")) from None


def write_package(doc: Any, level: int = 1, blobs: Mapping[str, bytes | Iterable[bytes]] | None = None) -> bytes:
    """The python-docx ``doc`` as zip bytes: python-docx's own save, with deflate ``level`` (0:
    stored) and fixed member dates (the same document gives the same bytes). ``blobs`` replaces
    the serialized content of chosen parts by member name (a part too large to build as a tree),
    as bytes or as pieces streamed into the archive one after the other (a part too large to hold
    whole in memory)."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = doc.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    method = zipfile.ZIP_DEFLATED if level else zipfile.ZIP_STORED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method, compresslevel=level or None) as z:
        def put(name: str, blob: bytes | Iterable[bytes]) -> None:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            if isinstance(blob, bytes):
                z.writestr(info, blob, compress_type=method, compresslevel=level or None)
                return
            info._compresslevel = level or None  # type: ignore[attr-defined]  # what writestr sets
            with z.open(info, "w") as member:
                for piece in blob:
                    member.write(piece)

        put(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        put(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = part.partname.membername
            put(name, blobs[name] if blobs and name in blobs else part.blob)
            if len(part.rels):
                put(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()
