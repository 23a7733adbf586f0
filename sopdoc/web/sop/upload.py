"""An uploaded SOP document → canonical YAML and the import's findings, in a limited child process.

Type by suffix (PDF, DOCX, XLSX, TXT, YAML) and size are checked first; the hardened importers
(:mod:`sopdoc.importers.dispatch`) then read the file in a forked child under a CPU-time and
address-space limit and a wall-clock timeout, so a hostile file can stall or exhaust only that child.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopdoc.importers.dispatch import import_source
from sopdoc.model.diagnostic import Teks
from sopdoc.source.reader import load_sop
from sopdoc.source.writer import sop_to_yaml
from sopdoc.web.sop.engine import finding_rows

SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".yaml", ".yml")
CPU_SECONDS = 60
WALL_SECONDS = 90
MEMORY_BYTES = 2 * 1024 ** 3


class UploadRefused(Exception):
    def __init__(self, teks: Teks) -> None:
        super().__init__(teks.en)
        self.teks = teks


@dataclass(frozen=True)
class Imported:
    source: str | None  # canonical YAML; None when nothing could be read
    findings: list[dict[str, Any]]
    title: str


def check_upload(name: str, size: int, limit: int) -> str:
    """The suffix of an acceptable upload; UploadRefused otherwise."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        accepted = ", ".join(SUFFIXES)
        raise UploadRefused(Teks(f"jenis berkas tidak diterima: {suffix or '(tanpa akhiran)'} (diterima: {accepted})",
                                 f"file type not accepted: {suffix or '(no suffix)'} (accepted: {accepted})"))
    if size > limit:
        raise UploadRefused(Teks(f"berkas terlalu besar: {size} bita (batas {limit})",
                                 f"file too large: {size} bytes (limit {limit})"))
    if size == 0:
        raise UploadRefused(Teks("berkas kosong", "the file is empty"))
    return suffix


def _read(path: str) -> Imported:
    """In the child: import or load ``path`` and return plain data."""
    p = Path(path)
    result = load_sop(p) if p.suffix in (".yaml", ".yml") else import_source(p).load
    sop = result.sop
    source = sop_to_yaml(sop) if sop is not None else None
    title = (sop.identitas.nama or "") if sop is not None else ""
    return Imported(source, finding_rows(result.diagnostics), title)


def _child(path: str, conn: Any) -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    except (ValueError, OSError):
        pass
    try:
        conn.send(("ok", _read(path)))
    except MemoryError:
        conn.send(("limit", None))
    except Exception as exc:  # a bug of an importer: reported as one line, never a page of traceback
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def import_upload(data: bytes, suffix: str) -> Imported:
    """Import ``data`` (an uploaded file of type ``suffix``) under the limits; UploadRefused on failure."""
    with tempfile.TemporaryDirectory(prefix="sopdoc-upload-") as tmp:
        path = os.path.join(tmp, f"unggahan{suffix}")
        with open(path, "wb") as f:
            f.write(data)
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(path, child), daemon=True)
        proc.start()
        child.close()
        try:
            ready = parent.poll(WALL_SECONDS)
            status, value = parent.recv() if ready else ("limit", None)
        except EOFError:  # killed by a limit
            status, value = "limit", None
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            parent.close()
    if status == "ok":
        assert isinstance(value, Imported)
        return value
    if status == "limit":
        raise UploadRefused(Teks("berkas tidak dapat dibaca dalam batas waktu dan memori pengimpor",
                                 "the file cannot be read within the importer's time and memory limits"))
    raise UploadRefused(Teks(f"berkas tidak dapat diimpor ({value})", f"the file cannot be imported ({value})"))
