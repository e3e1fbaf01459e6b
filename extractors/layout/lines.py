"""Lines and cells: runs on one baseline make a line, runs close together a cell.

A form or a table puts several fields on one baseline ("Datum 2024-03-12" at the left,
"Dnr KS 2024/117" at the right); the wide gaps between them are what separates the
fields, so a line keeps its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diarium.extractors.layout.runs import Run

# Runs whose gap is wider than this many font heights belong to different cells.
CELL_GAP = 1.2


@dataclass
class Cell:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the font of the line's longest run (a heading's, not its page number's)
    cells: list[Cell] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "  ".join(c.text for c in self.cells)


def _same_line(line: Line, run: Run) -> bool:
    """A run belongs to a line when their vertical middles are within half a font height."""
    middle = (line.top + line.bottom) / 2
    return abs(run.middle - middle) <= max(2.0, min(line.size, run.size) * 0.5)


def lines_of(runs: list[Run]) -> list[Line]:
    """The page's lines, top to bottom, each with its cells left to right."""
    lines: list[Line] = []
    longest: dict[int, int] = {}  # line -> length of its longest run so far
    for run in sorted(runs, key=lambda r: (r.middle, r.x0)):
        line = next((ln for ln in reversed(lines[-3:]) if _same_line(ln, run)), None)
        if line is None:
            line = Line(run.top, run.bottom, run.x0, run.x1, run.size, [])
            lines.append(line)
        line.top, line.bottom = min(line.top, run.top), max(line.bottom, run.bottom)
        line.x0, line.x1 = min(line.x0, run.x0), max(line.x1, run.x1)
        line.cells.append(Cell(run.x0, run.x1, run.text))
        if len(run.text.strip()) > longest.get(id(line), 0):
            longest[id(line)] = len(run.text.strip())
            line.size = run.size
    for line in lines:
        line.cells = _merged(sorted(line.cells, key=lambda c: c.x0), line.size)
    return lines


def _merged(cells: list[Cell], size: float) -> list[Cell]:
    out: list[Cell] = []
    for cell in cells:
        if out and cell.x0 - out[-1].x1 <= size * CELL_GAP:
            last = out[-1]
            touching = cell.x0 - last.x1 < size * 0.1
            joiner = "" if touching or last.text[-1:].isspace() or cell.text[:1].isspace() else " "
            out[-1] = Cell(last.x0, max(last.x1, cell.x1), f"{last.text}{joiner}{cell.text}")
        else:
            out.append(Cell(cell.x0, cell.x1, cell.text))
    return [Cell(c.x0, c.x1, " ".join(c.text.split())) for c in out]
