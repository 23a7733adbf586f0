"""Bounded stream check: every stream of a PDF is inflated with a hard cap before any PDF library
opens the file (decompression bombs: 2.7 KB twice-deflated reached 2.1 GB in pdfminer).

The file's bytes are scanned for ``stream … endstream`` spans (object streams and cross-reference
streams included, which pdfminer decodes while merely opening the file); each span's filter chain
is decoded stage by stage with ``zlib.decompressobj(max_length)`` and counting decoders for LZW
and RunLength, stopping as soon as a stage passes :data:`MAX_STREAM_BYTES`. Image codecs (DCT,
JPX, CCITT, JBIG2) are never inflated by the importers and end the chain. A filter that cannot be
read from the dictionary (an indirect reference) is treated as repeated Flate, the worst case.

Encrypted PDFs (``/Encrypt`` in a trailer): every stream is measured twice, as stored (what a
reader that does not decrypt inflates) and decrypted with the key pdfminer derives for the empty
user password (:func:`_decipher`), under the same caps. The key is taken from pdfminer's own
security handler, stopped right after it is built, so no object is resolved with it; each
stream is decrypted with the object number of its header and every generation number the header
or the cross-reference table gives it (pdfminer uses the table's). A PDF that needs a password is
measured as stored: no reader can decrypt it either.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from typing import Any, Literal, overload

__all__ = ["MAX_STREAM_BYTES", "MAX_TOTAL_BYTES", "StreamTooLarge", "check_streams", "decoded_size"]

MAX_STREAM_BYTES = 32 * 1024 * 1024
"""Inflated size of one stream: an A4 page scanned at 300 dpi in colour is 26 MB raw (2480×3508×3),
and the content stream of a real SOP page is well under 1 MB."""
MAX_TOTAL_BYTES = 128 * 1024 * 1024
"""Inflated size of all non-image streams together (what pdfminer and pdfium interpret and keep):
30 pages (the import's page cap) of dense tables are a few MB; 128 MB keeps the import under 1 GB."""

_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_OBJ = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj$")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?!\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_ALIASES = {b"Fl": b"FlateDecode", b"LZW": b"LZWDecode", b"RL": b"RunLengthDecode",
            b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode"}
_INFLATED = {b"FlateDecode", b"LZWDecode", b"RunLengthDecode", b"ASCIIHexDecode", b"ASCII85Decode"}
_LOOKBACK = 64 * 1024  # a stream dictionary longer than this is read from its last 64 KB


class StreamTooLarge(Exception):
    """A stream (or all streams) would inflate past the cap; ``where`` is the object and size."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


@overload
def _inflate(data: bytes | bytearray | memoryview, cap: int, keep: Literal[True] = True) -> bytearray: ...


@overload
def _inflate(data: bytes | bytearray | memoryview, cap: int, keep: Literal[False]) -> int: ...


def _inflate(data: bytes | bytearray | memoryview, cap: int, keep: bool = True) -> bytearray | int:
    """Flate-decode at most ``cap`` bytes (StreamTooLarge beyond); like pdfminer, a damaged tail
    keeps what was decoded before it. ``keep=False`` only counts (1 MB at a time), never holding it."""
    d = zlib.decompressobj()
    out = bytearray()
    count = 0
    step = 1 << 16
    piece = 1 << 20
    try:
        for k in range(0, len(data), step):
            chunk = data[k:k + step]
            while chunk:
                got = d.decompress(chunk, min(piece, cap + 1 - count) if not keep else cap + 1 - count)
                count += len(got)
                if keep:
                    out += got
                if count > cap:
                    raise StreamTooLarge(f"> {cap} B")
                if not got and len(d.unconsumed_tail) == len(chunk):
                    break  # no progress (the stream ended exactly at a max_length boundary)
                chunk = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        pass
    return out if keep else count


def _lzw(data: bytes, cap: int) -> bytes:
    import io

    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out += piece
        if len(out) > cap:
            raise StreamTooLarge(f"> {cap} B")
    return bytes(out)


def _run_length(data: bytes, cap: int) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
        if len(out) > cap:
            raise StreamTooLarge(f"> {cap} B")
    return bytes(out)


def _last_obj(head: bytes) -> re.Match[bytes] | None:
    """The last ``N G obj`` header in ``head`` (searched backwards, never over the whole window)."""
    k = head.rfind(b"obj")
    while k >= 0:
        m = _OBJ.search(head, max(0, k - 40), k + 3)
        if m is not None:
            return m
        k = head.rfind(b"obj", 0, k)
    return None


def _filters(head: bytes) -> list[bytes] | None:
    """The filter names of a stream dictionary; [] without /Filter, None when unreadable."""
    m = _FILTER.search(head)
    if m is None:
        return []
    value = m.group(1)
    if value.endswith(b"R"):
        return None
    return [_ALIASES.get(n, n) for n in _NAME.findall(value)]


def decoded_size(data: bytes | bytearray | memoryview, filters: list[bytes] | None, cap: int = MAX_STREAM_BYTES) -> int:
    """The size of ``data`` through its filter chain, each stage capped at ``cap`` (StreamTooLarge
    beyond); a final Flate stage is counted, not held. ``filters=None`` (unknown) inflates as long
    as the data is zlib, at most four times."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    if filters is None:
        for _ in range(4):
            out = _inflate(data, cap)
            if not out:
                break
            data = out
        return len(data)
    for k, name in enumerate(filters):
        try:
            if name == b"FlateDecode":
                if k == len(filters) - 1:
                    return _inflate(data, cap, keep=False)
                data = _inflate(data, cap)
            elif name == b"LZWDecode":
                data = _lzw(bytes(data), cap)
            elif name == b"RunLengthDecode":
                data = _run_length(bytes(data), cap)
            elif name == b"ASCIIHexDecode":
                data = asciihexdecode(bytes(data))
            elif name == b"ASCII85Decode":
                if len(data) > cap // 4:  # 'z' stands for four bytes
                    raise StreamTooLarge(f"> {cap} B")
                data = ascii85decode(bytes(data))
            else:  # image codecs and Crypt: not inflated by the importers
                break
        except (ValueError, IndexError, TypeError, KeyError):  # damaged data: the readers fail there too
            break
        if len(data) > cap:
            raise StreamTooLarge(f"> {cap} B")
    return len(data)


_ENCRYPT = re.compile(rb"/Encrypt\b")
_Decipher = Callable[[int, int, bytes, Any], bytes]


class _KeyFound(Exception):
    def __init__(self, decipher: _Decipher | None, xrefs: list[Any]) -> None:
        super().__init__()
        self.decipher = decipher
        self.xrefs = xrefs


def _decipher(data: bytes) -> tuple[_Decipher, dict[int, set[int]]] | None:
    """pdfminer's decrypting function for ``data`` (empty user password) and the generation
    numbers its cross-reference tables give each object; None when the PDF is not encrypted
    (for pdfminer), needs a password, or is too damaged to read its trailer.

    Only called after every stream passed the check as stored, so the cross-reference streams
    pdfminer inflates while reading the tables are already bounded."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    class KeyOnly(PDFDocument):  # stops as soon as the security handler exists
        def _initialize_password(self, password: str = "") -> None:
            super()._initialize_password(password)
            raise _KeyFound(self.decipher, self.xrefs)

    try:
        KeyOnly(PDFParser(io.BytesIO(data)))
    except _KeyFound as found:
        if found.decipher is None:
            return None
        gens: dict[int, set[int]] = {}
        for xref in found.xrefs:
            try:
                for objid in xref.get_objids():
                    strmid, _pos, genno = xref.get_pos(objid)
                    if strmid is None:
                        gens.setdefault(int(objid), set()).add(int(genno))
            except Exception:  # a damaged table: the header's generation remains
                continue
        return found.decipher, gens
    except Exception:  # pdfminer refuses the file (password, damage): it will not inflate it either
        return None
    return None


def check_streams(data: bytes, *, cap: int = MAX_STREAM_BYTES, total_cap: int = MAX_TOTAL_BYTES) -> None:
    """Raise :class:`StreamTooLarge` when a stream of the PDF bytes ``data`` inflates past ``cap``
    or all non-image streams together past ``total_cap``; streams of an encrypted PDF are measured
    decrypted as well."""
    _check(data, cap, total_cap, None)
    if _ENCRYPT.search(data):
        keys = _decipher(data)
        if keys is not None:
            _check(data, cap, total_cap, keys)


def _check(data: bytes, cap: int, total_cap: int, keys: tuple[_Decipher, dict[int, set[int]]] | None) -> None:
    view = memoryview(data)
    total = 0
    last_end = 0
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        start = m.end()
        head_from = max(last_end, m.start() - _LOOKBACK)
        head = data[head_from:m.start()]
        obj = _last_obj(head)
        if obj is not None:
            head = head[obj.start():]
        stop = data.find(b"endstream", start)
        stop = len(data) if stop < 0 else stop
        end = stop
        length = _LENGTH.search(head)
        if length is not None:  # pdfminer reads /Length bytes: a fake "endstream" inside hides nothing
            end = max(end, min(len(data), start + int(length.group(1))))
        where = f"objek {obj.group(1).decode()}" if obj is not None else f"bita {m.start()}"
        try:
            if keys is None:
                size = decoded_size(view[start:end], _filters(head), cap)
            else:
                size = _decrypted_size(bytes(view[start:end]), _filters(head), cap, obj, keys)
        except StreamTooLarge:
            raise StreamTooLarge(f"{where}: > {cap // (1024 * 1024)} MB") from None
        if not _IMAGE.search(head):
            total += size
            if total > total_cap:
                raise StreamTooLarge(f"{where}: > {total_cap // (1024 * 1024)} MB")
        last_end = pos = max(stop, start)


def _decrypted_size(stored: bytes, filters: list[bytes] | None, cap: int, obj: re.Match[bytes] | None,
                    keys: tuple[_Decipher, dict[int, set[int]]]) -> int:
    """The largest decoded size of ``stored`` decrypted under every object/generation number pdfminer
    could use for it (0 when the stream has no object header: the stored measure stands)."""
    if obj is None or (filters and filters[0] not in _INFLATED):
        return 0  # image codecs are not inflated; without a header pdfminer refuses the object
    decipher, gens = keys
    objid = int(obj.group(1))
    size = 0
    for genno in {int(obj.group(2))} | gens.get(objid, set()):
        try:
            plain = decipher(objid, genno, stored, None)
        except Exception:  # not decryptable (bad padding, length): pdfminer fails there too
            continue
        size = max(size, decoded_size(plain, filters, cap))
    return size
