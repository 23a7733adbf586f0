"""Decision targets of a PDF's flowchart tables from their connectors (issue #12 point 5).

Per table, each row that draws a diamond gets its ``cabang`` as row indexes (``grid/branch.py``
reads the geometry: vector pieces, arrow tips and symbols of ``pdf/shapes.py``; words beside an
exit are its label). An exit into an off-page connector is completed once every page is read: the
connector with the same text on a later page of the same flow leads on to a step there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopdoc.importers.grid.branch import Exit, decision_exits, labelled_targets, row_exits
from sopdoc.importers.grid.flow_merge import split_flows
from sopdoc.importers.grid.flow_table import PdfFlowTable
from sopdoc.importers.grid.geometry import Shape
from sopdoc.importers.pdf.shapes import extract_arrowheads, extract_offpage, extract_pieces

__all__ = ["Link", "branches", "follow_links"]


@dataclass
class Link:
    """A decision row with exits into off-page connectors, completed once every page is read."""

    flow: PdfFlowTable
    row: int
    diamond: Shape
    found: list[Exit]  # exits to this table's rows
    owners: list[Shape]
    words: list[dict[str, Any]]
    offpage: list[tuple[str, Exit, Shape]]  # the connector's text, the exit into it, its diamond


def branches(flow: PdfFlowTable, page: Any, grid: list[Any]) -> list[Link]:
    """Fill ``cabang`` of each decision step with row indexes (turned into step numbers later);
    the decisions with an exit into an off-page connector are returned for ``follow_links``."""
    if not any(s.kind == "keputusan" for shapes in flow.shapes for s in shapes):
        return []
    from pdfplumber.utils.text import extract_words

    arrows = extract_arrowheads(page)
    pieces = extract_pieces(page, grid, [*arrows, *(s.bbox for shapes in flow.shapes for s in shapes)])
    connectors = extract_offpage(page)
    n = len(flow.shapes)
    targets_of = [*flow.shapes, *([Shape("offpage", box)] for box, _ in connectors)]  # connectors after rows
    words: list[dict[str, Any]] | None = None
    out: list[Link] = []
    for k, shapes in enumerate(flow.shapes):
        diamonds = [s for s in shapes if s.kind == "keputusan"]
        if not diamonds:
            continue
        exits, owners_all = row_exits(diamonds, k, targets_of, pieces, arrows)
        found = [e for e in exits if e[0] < n]
        owners = [o for e, o in zip(exits, owners_all, strict=True) if e[0] < n]
        if words is None and exits:  # exit labels: a line of words beside an exit path, none inside a
            boxes = [s.bbox for ss in targets_of for s in ss]  # symbol (an off-page connector's number)
            words = [w for w in extract_words(page.chars, keep_blank_chars=True, x_tolerance=4)
                     if not any(_within(w, b) for b in boxes)]
        targets, labels = labelled_targets(diamonds[0], k, found, words or [], owners)
        flow.steps[k].cabang = {key: -1 - idx for key, idx in targets.items()}  # row index marker
        flow.steps[k].labels = labels
        offpage = [(connectors[e[0] - n][1], e, o) for e, o in zip(exits, owners_all, strict=True) if e[0] >= n]
        if offpage:
            out.append(Link(flow, k, diamonds[0], found, owners, words or [], offpage))
    return out


def _within(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (float(word["x0"]) + float(word["x1"])) / 2, (float(word["top"]) + float(word["bottom"])) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def follow_links(links: list[Link], sites: list[tuple[PdfFlowTable, Any, list[Any]]]) -> None:
    """Complete the decisions whose exit reaches an off-page connector: the connector with the
    same text on a later page of the same flow leads on to a step there (bps 048 step 8: down to
    "1", and on page 3 from "1" into step 9's box). Row indexes count on across the flow's tables,
    as ``merge_flows`` joins them."""
    flows = [f for f, _, _ in sites]
    group_of = {id(f): g for g, group in enumerate(split_flows(flows)) for f in group}
    for link in links:
        i = next(j for j, f in enumerate(flows) if f is link.flow)
        found, owners = list(link.found), list(link.owners)
        for text, (_, path, vertex), owner in link.offpage:
            target = _through_connector(text, i, sites, group_of) if text else None
            if target is not None and all(target != k for k, _, _ in found):
                found.append((target, path, vertex))
                owners.append(owner)
        if len(found) == len(link.found):
            continue
        targets, labels = labelled_targets(link.diamond, link.row, found, link.words, owners)
        link.flow.steps[link.row].cabang = {key: -1 - idx for key, idx in targets.items()}
        link.flow.steps[link.row].labels = labels


def _through_connector(text: str, i: int, sites: list[tuple[PdfFlowTable, Any, list[Any]]],
                       group_of: dict[int, int]) -> int | None:
    """The row (counted from the first row of table ``i``) that the off-page connector reading
    ``text`` leads to on a later page of the same flow, or None."""
    source = sites[i][0]
    offset = len(source.steps)
    for flow, page, grid in sites[i + 1:]:
        if group_of.get(id(flow)) != group_of.get(id(source)):
            return None
        if flow.page != source.page:
            for box, said in extract_offpage(page):
                if said != text:
                    continue
                arrows = extract_arrowheads(page)
                pieces = extract_pieces(page, grid, [*arrows, box, *(s.bbox for ss in flow.shapes for s in ss)])
                here = Shape("offpage", box)
                exits = decision_exits(here, -1, [*flow.shapes, [here]], pieces, arrows)
                rows = sorted(k for k, _, _ in exits if k < len(flow.shapes))
                if rows:
                    return offset + rows[0]
        offset += len(flow.steps)
    return None
