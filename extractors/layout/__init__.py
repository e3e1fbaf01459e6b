"""Page structure from where the text stands: lines, running heads, covers, letterheads,
table columns and label/value pairs.

A registrar reads a page by its layout before its words: the big lines of a cover are
the report's name, the block at the top left is the sender, the cell under a column
headed "Beteckning" is a case number whatever it looks like. A flattened text layer
loses that, so this package reads the positions the text layer (pypdfium2's text runs)
or OCR (word boxes) gives and returns a small ``DocumentLayout`` that the entity rules
read beside the text. Everything here is a pure function of positions and text; nothing
knows Swedish vocabulary (the entity rules decide which label names a case number).
Documents without positions (plain text) have no layout, and the rules fall back to the
text alone.
"""

from __future__ import annotations

from diarium.extractors.layout.document import DocumentLayout, PageLayout, analyse
from diarium.extractors.layout.lines import Cell, Line, lines_of
from diarium.extractors.layout.runs import Run, pack, runs_from_textpage, runs_from_words, unpack
from diarium.extractors.layout.tables import Column, Field

__all__ = [
    "Cell",
    "Column",
    "DocumentLayout",
    "Field",
    "Line",
    "PageLayout",
    "Run",
    "analyse",
    "lines_of",
    "pack",
    "runs_from_textpage",
    "runs_from_words",
    "unpack",
]
