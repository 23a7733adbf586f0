"""Scan the part of a text extraction before the flowchart table for labels and their values.

Handles ``Label : value`` lines, labels without colons, label blocks whose values follow as a
separate block of ``: value`` lines (seed 001), grid rows with labels in tab cells (seed 002),
and two box labels read one after the other with their contents interleaved (seed 003).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopdoc.importers.grid.boxes import Item, inline_items, lines_to_items, split_pair
from sopdoc.importers.grid.clean import Line
from sopdoc.importers.grid.heading import find_kop, is_title
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS, find_label

__all__ = ["Sections", "scan_sections"]


@dataclass
class Sections:
    """What the scan found: identity values and box items by field, with line numbers."""

    identity: dict[str, tuple[int, str]] = field(default_factory=dict)
    boxes: dict[str, list[Item]] = field(default_factory=dict)
    variants: list[tuple[int, str]] = field(default_factory=list)  # (line, label variant seen)
    missing_values: list[tuple[int, str]] = field(default_factory=list)  # label without value


class _Scanner:
    def __init__(self, kop_lines: set[int]) -> None:
        self.out = Sections()
        self.kop_lines = kop_lines
        self.box: list[str] = []
        self.box_lines: list[tuple[int, str]] = []
        self.pending: list[tuple[int, str]] = []
        self.grid: list[str | None] | None = None

    def close(self) -> None:
        if not self.box:
            return
        items = lines_to_items(self.box_lines)
        groups = [items] if len(self.box) == 1 else list(split_pair(items))
        for name, group in zip(self.box, groups, strict=False):
            kept = [it for it in group if it[1]]
            self.out.boxes.setdefault(name, []).extend(kept)
        self.box, self.box_lines = [], []

    def identity(self, no: int, name: str, value: str, variant: str | None) -> None:
        if variant:
            self.out.variants.append((no, variant))
        value = value.strip().lstrip(":").strip()
        if value:
            self.out.identity.setdefault(name, (no, value))
        else:
            self.pending.append((no, name))

    def tabbed(self, line: Line) -> None:
        cells = [c for c in line.cells]
        filled = [c for c in cells if c]
        box_hits = [find_label(c, BOX_LABELS) for c in filled]
        if filled and all(h and h[1] >= len(c.rstrip(" :")) for h, c in zip(box_hits, filled, strict=False)):
            self.close()
            self.grid = [h[0] if h else None for h in box_hits]
            return
        if self.grid is not None:
            contents = [c for c in cells if c] if len([c for c in cells if c]) <= len(self.grid) else cells
            for name, content in zip(self.grid, contents, strict=False):
                if name:
                    items = [(line.no, t, k + 1) for k, t in enumerate(inline_items(content))]
                    self.out.boxes.setdefault(name, []).extend(items)
            self.grid = None
            return
        for k, c in enumerate(cells):
            hit = find_label(c, IDENTITY_LABELS)
            if not hit:
                continue
            self.close()
            rest = c[hit[1]:].strip()
            if not rest.lstrip(":").strip():
                rest = next((x for x in cells[k + 1:] if x and x != ":"), "")
            self.identity(line.no, hit[0], rest, hit[2])
            return
        if self.box:
            self.box_lines.append((line.no, line.text))

    def plain(self, line: Line, nxt: Line | None) -> Line | None:
        """Handle one untabbed line; may return a remainder to handle as its own line."""
        text = line.text
        hit = find_label(text, IDENTITY_LABELS)
        if not hit and nxt is not None and not nxt.blank and not nxt.tabbed:
            joined = find_label(text + " " + nxt.text, IDENTITY_LABELS)
            if joined and joined[1] > len(text) + 1:
                rest = (text + " " + nxt.text)[joined[1]:].strip()
                self.close()
                self.identity(line.no, joined[0], "", joined[2])
                return Line(nxt.no, rest, (rest,)) if rest else Line(nxt.no, "", ("",))
        if hit:
            self.close()
            rest = text[hit[1]:].strip()
            again = find_label(rest, IDENTITY_LABELS)
            if again:
                self.identity(line.no, hit[0], "", hit[2])
                return Line(line.no, rest, (rest,))
            self.identity(line.no, hit[0], rest, hit[2])
            return None
        box = find_label(text, BOX_LABELS)
        if box and len(text[box[1]:].strip(" :")) == 0:
            if box[2]:
                self.out.variants.append((line.no, box[2]))
            if len(self.box) == 1 and not any(t.strip() for _, t in self.box_lines):
                self.box.append(box[0])  # two labels in a row: contents interleaved
            else:
                self.close()
                self.box = [box[0]]
            return None
        if text.startswith(":") and self.pending:
            _, name = self.pending.pop(0)
            self.out.identity.setdefault(name, (line.no, text.lstrip(":").strip()))
            return None
        if is_title(text) or line.no in self.kop_lines:
            self.close()
            return None
        if self.box:
            self.box_lines.append((line.no, text))
        return None


def scan_sections(lines: list[Line]) -> Sections:
    """Identity values and box items found in ``lines`` (the part before the flowchart)."""
    kop = find_kop(lines)
    kop_lines = {n for n, _ in kop.instansi} | ({kop.unit[0]} if kop.unit else set()) | (
        {kop.alamat[0]} if kop.alamat else set())
    sc = _Scanner(kop_lines)
    queue = list(lines)
    i = 0
    while i < len(queue):
        line = queue[i]
        if line.blank:
            if sc.box:
                sc.box_lines.append((line.no, ""))
            i += 1
            continue
        if line.tabbed:
            sc.tabbed(line)
            i += 1
            continue
        nxt = queue[i + 1] if i + 1 < len(queue) else None
        rest = sc.plain(line, nxt)
        if rest is not None:
            if rest.no != line.no:
                queue[i + 1] = rest  # the next line minus the label part already used
            else:
                queue.insert(i + 1, rest)
        i += 1
    sc.close()
    sc.out.missing_values = list(sc.pending)
    return sc.out
