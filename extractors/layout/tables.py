"""Table columns and label/value pairs: what a cell is, read from what stands over it
or before it.

A column heading names what the cells under it are ("Beteckning" over ``2023-00250``,
"Ärendenummer" over a delegation list's ids); a form's label names the value beside it
("Dnr    KS 2023/12" on one baseline) or under it ("Datum" over "2024-03-12"). These
functions find such pairs by position only; which labels matter is the caller's choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from diarium.extractors.layout.lines import Cell, Line

# A heading or label cell: a few words, no digit ("Beteckning", "Vår referens", "Dnr:").
_LABEL = re.compile(r"^[^\W\d][^\d]{0,38}$")
# How far a value may stand below its label (in font heights) and how many lines a
# column may run without a cell before it ends.
BELOW = 2.6
COLUMN_GAP_LINES = 8


@dataclass
class Field:
    """A label and its value: on one baseline, or the value under the label."""

    label: str
    value: str
    page: int
    below: bool  # the value stands under the label


@dataclass
class Column:
    """A column heading and the cells under it, down to where the table ends."""

    heading: str
    page: int
    x0: float
    x1: float
    cells: list[str] = field(default_factory=list)


def _is_label(cell: Cell) -> bool:
    text = cell.text.strip()
    return bool(_LABEL.match(text)) and len(text.split()) <= 4


def fields(lines: list[Line], page: int) -> list[Field]:
    """Label/value pairs of a page: a label cell and the next cell on its baseline
    ("Dnr  KS 2023/12"), or a label cell and the cell under it that starts where it
    starts ("Datum" over "2024-03-12")."""
    out: list[Field] = []
    for n, line in enumerate(lines):
        for k, cell in enumerate(line.cells):
            if not _is_label(cell):
                continue
            label = cell.text.strip().rstrip(":").strip()
            if k + 1 < len(line.cells) and not _is_label(line.cells[k + 1]):
                out.append(Field(label, line.cells[k + 1].text, page, False))
                continue
            below = _cell_below(lines, n, cell)
            if below is not None:
                out.append(Field(label, below.text, page, True))
    return out


def _cell_below(lines: list[Line], n: int, label: Cell) -> Cell | None:
    line = lines[n]
    for nxt in lines[n + 1 : n + 3]:
        if nxt.top - line.bottom > BELOW * line.size:
            return None
        for cell in nxt.cells:
            if abs(cell.x0 - label.x0) <= max(3.0, line.size * 0.6):
                return cell if not _is_label(cell) else None
    return None


def columns(
    lines: list[Line], page: int, skip: Callable[[Line], bool] | None = None
) -> list[Column]:
    """The columns of a page's tables: a heading row (two or more label cells on one
    baseline) and, for each heading, the cells below that fall in its span (from its
    left edge to the next heading's), until the table stops giving that column cells.
    Lines ``skip`` names (running heads and feet) are no rows."""
    out: list[Column] = []
    lines = [ln for ln in lines if skip is None or not skip(ln)]
    for n, line in enumerate(lines):
        heads = line.cells
        if len(heads) < 2 or not all(_is_label(c) for c in heads):
            continue
        if n + 1 >= len(lines) or len(lines[n + 1].cells) < 2:
            continue  # a table's first row has cells under more than one heading
        for k, head in enumerate(heads):
            left = head.x0 - max(4.0, line.size)
            right = heads[k + 1].x0 - 1 if k + 1 < len(heads) else float("inf")
            column = Column(head.text.strip().rstrip(":"), page, head.x0, head.x1)
            empty = 0
            for row in lines[n + 1 :]:
                if len(row.cells) >= 2 and all(_is_label(c) for c in row.cells):
                    break  # the next table's heading row
                inside = [c for c in row.cells if left <= c.x0 < right]
                if inside:
                    column.cells.append(inside[0].text)
                    empty = 0
                else:
                    empty += 1
                    if empty > COLUMN_GAP_LINES:
                        break
            if column.cells:
                out.append(column)
    return out
