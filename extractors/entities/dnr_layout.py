"""Case numbers by where the layout puts them: under a column headed by a case-number
label, or as the value of such a label in a form.

A delegation list's "Ärendenummer" column or an agenda's "Beteckning" column holds case
numbers whatever their format (``2023-00250``, ``24/0456``, ``BUN 2023.117``); the
flattened text loses which cells stand under the heading, the layout
(``extractors/layout``) keeps it. A cell is read as a case number when it opens with
one by any registry's shape (``dnr_shape``) or a known format (``data/dnr_formats.tsv``);
the labels are those of ``data/dnr_labels.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from diarium.corpus.model import Entity
from diarium.extractors.entities import dnr_shape
from diarium.extractors.entities.dnr import DnrMatch, find_bare, find_structured, label_pattern
from diarium.extractors.layout import DocumentLayout


@lru_cache(maxsize=1)
def _label() -> re.Pattern[str]:
    """A heading or label cell that is a case-number label and nothing else."""
    return re.compile(rf"(?i)^\s*{label_pattern()}(?:/[^\W\d]+)*[.:]?\s*$")


def is_dnr_label(text: str) -> bool:
    return bool(_label().match(text))


def _number_opening(cell: str) -> DnrMatch | None:
    """The case number a cell opens with: a known format first, then any shape."""
    known = [m for m in (*find_structured(cell), *find_bare(cell)) if m.start == 0]
    if known:
        return max(known, key=lambda m: m.end)
    shaped = dnr_shape.candidates(cell, 0, len(cell), labelled=True)
    if shaped and shaped[0].match.start() == 0:
        return dnr_shape.to_match(shaped[0], "layout")
    return None


def dnr_from_layout(pages: list[str], layout: DocumentLayout | None) -> list[Entity]:
    """Case numbers in case-number columns and after case-number labels, located in the
    page text they were read from (a value the text does not hold is left out)."""
    if layout is None:
        return []
    wanted: list[tuple[int, str, str]] = []  # (page, cell text, how it was found)
    for column in layout.columns:
        if is_dnr_label(column.heading):
            wanted += [(column.page, cell, "layout_column") for cell in column.cells]
    for field in layout.fields:
        if is_dnr_label(field.label):
            wanted.append((field.page, field.value, "layout_field"))
    found: list[Entity] = []
    cursor: dict[int, int] = {}
    for page, cell, how in wanted:
        number = _number_opening(cell.strip())
        if number is None or page > len(pages):
            continue
        text = pages[page - 1]
        start = text.find(number.text, cursor.get(page, 0))
        if start < 0:
            start = text.find(number.text)
        if start < 0:
            continue
        end = start + len(number.text)
        if any(e.page == page and e.start < end and start < e.end for e in found):
            continue
        cursor[page] = end
        attrs = {"labelled": True, "found_by": how}
        found.append(Entity("DNR", number.text, number.parts.key(), page, start, end, attrs))
    return found
