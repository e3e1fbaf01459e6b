"""Reading the vocabularies and rules kept as data files (``data/`` folders).

One reading rule for every such file: a line holds one entry (or one tab-separated
row), surrounding white space is not part of it, and blank lines and lines starting
with ``#`` (comments saying where a list comes from or why an entry is there) are
skipped.
"""

from __future__ import annotations

from pathlib import Path


def data_lines(path: Path) -> list[str]:
    """The entries of one data file, in file order."""
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
