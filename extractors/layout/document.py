"""A document's layout: its pages' lines and the regions and tables read from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from diarium.extractors.layout import regions
from diarium.extractors.layout.lines import Line, lines_of
from diarium.extractors.layout.runs import Run
from diarium.extractors.layout.tables import Column, Field, columns, fields


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]


@dataclass
class DocumentLayout:
    """What the entity rules read beside the text (all texts as the layout wrote them)."""

    pages: list[PageLayout]
    body_size: float = 0.0
    running: list[str] = field(default_factory=list)  # running heads and feet, as written
    cover: list[str] = field(default_factory=list)  # a cover's large lines, in order
    letterhead: list[str] = field(default_factory=list)  # page one's top-left block
    heading: list[str] = field(default_factory=list)  # page one's largest line(s)
    columns: list[Column] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)


def analyse(pages: list[tuple[list[Run], float, float]]) -> DocumentLayout | None:
    """The layout of a document from each page's runs, width and height; None when no
    page has positions (a plain-text document)."""
    if not any(runs for runs, _w, _h in pages):
        return None
    layouts = [
        PageLayout(n, width, height, lines_of(runs))
        for n, (runs, width, height) in enumerate(pages, start=1)
    ]
    all_lines = [p.lines for p in layouts]
    body = regions.body_size(all_lines)
    running = regions.running_lines(all_lines, [p.height for p in layouts])
    runners = [regions.running_of(p.lines, p.height, running) for p in layouts]
    first = layouts[0]
    head = regions.letterhead(first.lines, first.width, first.height)
    cover = regions.cover(first.lines, body, runners[0])
    exclude = head + runners[0]
    return DocumentLayout(
        pages=layouts,
        body_size=body,
        running=list(dict.fromkeys(ln.text for lines in runners[:3] for ln in lines)),
        cover=[ln.text for ln in cover],
        letterhead=[ln.text for ln in head],
        heading=[ln.text for ln in regions.heading(first.lines, body, exclude, first.height)],
        columns=[
            c
            for p, skip in zip(layouts, runners, strict=True)
            for c in columns(p.lines, p.number, lambda ln, skip=skip: any(ln is r for r in skip))
        ],
        fields=[f for p in layouts for f in fields(p.lines, p.number)],
    )
