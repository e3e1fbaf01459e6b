"""What an ingest run tells the archivist: a line per file that needs a word, and totals."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["ingested", "skipped", "failed"]
ALREADY_KNOWN = "already in the corpus"
# A folder's Word files, text exports, Thumbs.db...: counted, never listed one by one.
OTHER_FILE = "not a PDF (another kind of file in the folder)"


def printable(text: str) -> str:
    """``text`` with control and format characters escaped (a newline as \\n, others as
    \\xNN or \\uNNNN; a backslash doubled), so a file name can never start a line of
    its own in a report or rewrite the terminal. Undecodable bytes kept by the file
    system as surrogates are shown as \\xNN too."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass
class FileOutcome:
    path: str
    status: Status
    id: str | None = None
    reason: str | None = None
    pages: int = 0
    ocr_pages: int = 0
    # Pages stored empty because OCR failed or timed out: the document is kept.
    page_errors: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    # Documents that were in the corpus but missing from the index (an earlier run died
    # between the two) and were indexed again at the start of this run.
    recovered: int = 0
    # Corpus records found damaged (named with the reason); skipped, and read again from
    # their PDF when it is part of the run.
    damaged: list[str] = field(default_factory=list)

    def of(self, status: Status) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.of("ingested"))

    @property
    def exit_code(self) -> int:
        return 1 if self.of("failed") else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": len(self.of("ingested")),
            "skipped": len(self.of("skipped")),
            "other_files": self.other_files,
            "failed": len(self.of("failed")),
            "pages": self.pages,
            "ocr_pages": sum(o.ocr_pages for o in self.of("ingested")),
            "recovered": self.recovered,
            "damaged_records": self.damaged,
            "seconds": round(self.seconds, 3),
            "files": [asdict(o) for o in self.outcomes],
        }

    @property
    def other_files(self) -> int:
        return sum(1 for o in self.of("skipped") if o.reason == OTHER_FILE)

    def lines(self) -> list[str]:
        ingested, skipped, failed = self.of("ingested"), self.of("skipped"), self.of("failed")
        known = sum(1 for o in skipped if o.reason == ALREADY_KNOWN)
        rate = self.pages / self.seconds if self.seconds > 0 else 0.0
        others = f"; skipped {self.other_files} other file(s)" if self.other_files else ""
        out = [
            f"Ingested {len(ingested)} file(s), {self.pages} page(s) in {self.seconds:.1f} s"
            f" ({rate:.1f} pages/s); skipped {known} already known{others}; failed {len(failed)}."
        ]
        if self.recovered:
            out.append(f"Re-indexed {self.recovered} stored document(s) missing from the index.")
        if self.damaged:
            out.append(
                f"{len(self.damaged)} damaged corpus record(s) skipped (see `diarium check`; "
                "ingesting the original PDF again replaces the record):"
            )
            out.extend(f"  DAMAGED  {printable(d)}" for d in self.damaged)
        # Known files are only counted (a re-run over a whole archive would list thousands);
        # other skips, such as the same file twice in one run, are named.
        for o in skipped:
            if o.reason not in (ALREADY_KNOWN, OTHER_FILE):
                out.append(f"  skipped  {printable(o.path)}: {printable(o.reason or '')}")
        for o in ingested:
            for err in o.page_errors:
                out.append(f"  warning  {printable(o.path)}: {printable(err)}")
        for o in failed:
            out.append(f"  FAILED   {printable(o.path)}: {printable(o.reason or '')}")
        return out
