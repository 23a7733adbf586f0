"""Words of a page image through Tesseract (``ind`` model), one call per page, with confidences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopdoc.importers.ocr.engine import LANG, tesseract

__all__ = ["Word", "cell_text", "read_block", "read_digits", "read_words", "word_lines"]

TIMEOUT = 60
"""Seconds Tesseract may take for one page before the page is given up."""


@dataclass(frozen=True)
class Word:
    """One word: text, pixel box (x0, y0, x1, y1), Tesseract confidence 0–1, line key."""

    text: str
    box: tuple[int, int, int, int]
    conf: float
    line: tuple[int, int, int]

    @property
    def center(self) -> tuple[float, float]:
        """Centre point (x, y) in pixels."""
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


def read_words(grey: Any) -> list[Word]:
    """Every word Tesseract finds on ``grey`` (automatic page segmentation)."""
    pytesseract = tesseract()

    data = pytesseract.image_to_data(grey, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT,
                                     timeout=TIMEOUT)
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0 or (len(text) <= 2 and not text.isdigit() and conf < 50):
            continue  # a connector or a speck read as a letter
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        out.append(Word(text, (x, y, x + w, y + h), conf / 100,
                        (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))))
    return out


def cell_text(words: list[Word]) -> tuple[str, float]:
    """The words of one cell in reading order (lines top to bottom, words left to right) joined
    by spaces and newlines, and their confidence: the mean over characters, or the lowest of a
    word of three or more characters when that is lower than 0.4 (1.0 for an empty cell)."""
    if not words:
        return "", 1.0
    text = "\n".join(" ".join(v.text for v in line) for line in word_lines(words))
    mean = sum(w.conf * len(w.text) for w in words) / sum(len(w.text) for w in words)
    worst = min((w.conf for w in words if len(w.text) >= 3), default=mean)
    return text, worst if worst < 0.4 else mean


def word_lines(words: list[Word]) -> list[list[Word]]:
    """``words`` as lines top to bottom (a word whose centre lies within the vertical extent of
    the line above joins it), each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.center[1]):
        if lines:
            last = lines[-1]
            top = min(v.box[1] for v in last)
            bottom = max(v.box[3] for v in last)
            if w.center[1] <= bottom and w.center[1] >= top:
                last.append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda v: v.box[0]) for line in lines]


def read_digits(grey: Any) -> tuple[str, float]:
    """A step number in a small crop (the first text line's digits) and its confidence."""
    pytesseract = tesseract()

    if grey.size == 0:
        return "", 0.0
    h = grey.shape[0]
    data = pytesseract.image_to_data(grey[: max(1, min(h, 120))], lang=LANG,
                                     config="--psm 6 -c tessedit_char_whitelist=0123456789.",
                                     output_type=pytesseract.Output.DICT, timeout=TIMEOUT)
    for i, text in enumerate(data["text"]):
        text = (text or "").strip().rstrip(".")
        if text.isdigit() and float(data["conf"][i]) >= 0:
            return text, float(data["conf"][i]) / 100
    return "", 0.0


def read_block(grey: Any) -> tuple[str, float]:
    """The text of one cell crop read as a single block (its lines in reading order) and its
    confidence ("" when the crop holds no ink Tesseract reads)."""
    pytesseract = tesseract()

    if grey.size == 0 or grey.shape[0] < 8 or grey.shape[1] < 8 or int(grey.min()) > 128:
        return "", 0.0
    data = pytesseract.image_to_data(grey, lang=LANG, config="--psm 6", output_type=pytesseract.Output.DICT,
                                     timeout=TIMEOUT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0 or (len(text) <= 2 and not text.isalnum()):
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append(Word(text, (x, y, x + w, y + h), conf / 100, (0, 0, int(data["line_num"][i]))))
    return cell_text(words) if words else ("", 0.0)
