"""Finding the files an ingest run is asked to take in.

Every path the user named is accounted for: PDFs are returned for work, anything else
comes back with the reason it cannot be ingested, so no file is ever skipped silently.
A folder is different: an archive's export or scanner folder also holds Word files, text
exports and desktop litter, which are not errors; they come back marked ``other`` and are
counted, not listed as failures.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PDF_MAGIC = b"%PDF-"
# PDF readers accept the header anywhere in the first kilobyte (some writers prepend junk).
MAGIC_WINDOW = 1024


@dataclass(frozen=True)
class Candidate:
    path: Path
    # None when the file looks like a PDF; otherwise why it will not be ingested.
    problem: str | None = None
    # A file in a walked folder that is not named *.pdf: counted as skipped, not failed.
    other: bool = False


def _is_pdf_name(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def sniff_pdf(path: Path) -> str | None:
    """Why ``path`` is not a PDF, or None if it starts like one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAGIC_WINDOW)
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    if not head:
        return "the file is empty"
    if PDF_MAGIC not in head:
        return "not a PDF (the file does not start with a PDF header)"
    return None


def _broken_link(path: Path) -> str | None:
    """Why ``path`` is a link that leads nowhere, or None."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"broken symbolic link (its target {target} does not exist)"


def _walk(directory: Path) -> Iterable[Path]:
    for path in sorted(directory.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(directory).parts)
        if hidden:  # .DS_Store, .git/ ...: never a document, not even counted
            continue
        # A link whose target is gone is reported, never passed over in silence.
        if path.is_file() or _broken_link(path):
            yield path


def discover(paths: Iterable[str | Path]) -> list[Candidate]:
    """Candidates in a stable order, duplicates (same resolved path) removed."""
    seen: set[Path] = set()
    found: list[Candidate] = []

    def add(path: Path, problem: str | None, other: bool = False) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(Candidate(path, problem, other))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                broken = _broken_link(child)
                if broken:
                    add(child, broken)
                elif _is_pdf_name(child):
                    add(child, sniff_pdf(child))
                else:
                    add(child, f"not a PDF file (extension '{child.suffix or 'none'}')", True)
        elif path.is_file():
            add(path, sniff_pdf(path))
        elif path.exists():
            add(path, "not a regular file")
        elif _broken_link(path):
            add(path, _broken_link(path) or "")
        else:
            add(path, "no such file or directory")
    return found
