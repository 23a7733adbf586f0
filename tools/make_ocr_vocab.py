"""Build ``sopdoc/data/kata-ocr.txt.gz``: the words the OCR plausibility check knows (issue #13).

Usage: .venv/bin/python tools/make_ocr_vocab.py [TRAINEDDATA]

Two sources, lower-cased, letters only, two or more letters:

1. the word list of Tesseract's Indonesian model (``ind.traineddata`` of the Debian package
   ``tesseract-ocr-ind``, Apache-2.0; default
   ``/usr/share/tesseract-ocr/5/tessdata/ind.traineddata``), unpacked with ``combine_tessdata -u``
   and ``dawg2wordlist`` (both in the Debian package ``tesseract-ocr``, only needed to rebuild);
2. Indonesian text the project already has: ``docs/DOMAIN.md``, the examples, the seed
   extractions, the realistic test set, the citation table, the repeal registry and the label
   vocabularies of the importers and the model, and ``tools/kata-ocr-tambahan.txt``: words a
   person added (one a line) that the model's list lacks — KBBI words of SOP tables (``tentatif``)
   and common abbreviations of unit and position names (``stat`` statistik, ``kasubid`` kepala
   subbidang, ``umpeg`` umum dan kepegawaian). The person-made import summaries
   (``tests/data/import-expected``) are left out on purpose: they are what the check is measured
   against.

The output starts with ``#`` lines naming the sources; one word a line after them, sorted.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sopdoc" / "data" / "kata-ocr.txt.gz"
DEFAULT_MODEL = Path("/usr/share/tesseract-ocr/5/tessdata/ind.traineddata")
PROJECT_TEXT = ("docs/DOMAIN.md", "examples/*.yaml", "tests/data/seeds/*.txt", "tests/data/realistic/*.yaml",
                "tests/data/citations/*.tsv", "sopdoc/data/dicabut.toml", "sopdoc/importers/grid/vocab.py",
                "sopdoc/model/labels.py", "sopdoc/model/tanggal.py", "tools/kata-ocr-tambahan.txt")
WORD = re.compile(r"[^\W\d_]{2,}")


def tesseract_words(model: Path) -> set[str]:
    """The words of the model's LSTM word DAWG."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "ind."
        subprocess.run(["combine_tessdata", "-u", str(model), str(prefix)], check=True, capture_output=True)
        out = Path(tmp) / "words.txt"
        subprocess.run(["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)],
                       check=True, capture_output=True)
        return {w.casefold() for w in WORD.findall(out.read_text(encoding="utf-8"))}


def project_words() -> set[str]:
    """The words of the project's own Indonesian text."""
    words: set[str] = set()
    for pattern in PROJECT_TEXT:
        for path in sorted(ROOT.glob(pattern)):
            words |= {w.casefold() for w in WORD.findall(path.read_text(encoding="utf-8"))}
    return words


def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MODEL
    words = tesseract_words(model) | project_words()
    head = [f"# OCR vocabulary, made by tools/make_ocr_vocab.py: {len(words)} words from",
            f"# Tesseract's {model.name} word list (tesseract-ocr-ind, Apache-2.0) and the project's own text:",
            "# " + ", ".join(PROJECT_TEXT)]
    data = "\n".join(head + sorted(words)) + "\n"
    OUT.write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(words)} words, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
