"""PDFs uploaded through the web: kept inside the home, then ingested as the CLI would.

An upload is written to ``HOME/uploads/tmp/`` while it arrives (never to /tmp), checked
(size, a PDF's ``%PDF-`` signature), then moved to ``HOME/uploads/<first 16 hex of its
SHA-256>/<cleaned name>`` (the archive copy the document's original PDF is served
from) and ingested by :func:`diarium.app.ingest.ingest`, exactly as ``diarium ingest``
does. Each file's outcome (ingested, already in the archive, or why not) goes back to
the uploader, and each upload is audited.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from diarium.app import audit
from diarium.app.access import Viewer
from diarium.corpus.errors import HomeLockedError
from diarium.ingest.hashing import file_sha256
from diarium.ingest.home import Home

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_REQUEST_BYTES = 8 * MAX_FILE_BYTES
MAX_FILES = 20
_UNSAFE = re.compile(r"[^\w.\- ()åäöÅÄÖéÉ]")
BUSY = (
    "Arkivet är upptaget av en annan inläsning (diarium ingest eller reindex); "
    "försök igen om en stund."
)


@dataclass
class UploadOutcome:
    filename: str
    status: str  # "ingested", "skipped" (already in the archive) or "failed"
    id: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def upload_dir(home: Home) -> Path:
    return home.root / "uploads"


def scratch_dir(home: Home) -> Path:
    """Where uploads are written while they arrive (inside the home)."""
    path = upload_dir(home) / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def clean_name(name: str) -> str:
    """A file name safe to keep: its last path part, odd characters replaced, ``.pdf``
    at the end, at most 120 characters."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem = _UNSAFE.sub("_", name).strip(" .") or "dokument"
    if not stem.lower().endswith(".pdf"):
        stem += ".pdf"
    return stem[-120:]


def refusal(name: str, arrived: Path, size: int) -> str | None:
    """Why an arrived file is not taken (None: it is)."""
    if size > MAX_FILE_BYTES:
        return f"filen är större än {MAX_FILE_BYTES // (1024 * 1024)} MB"
    if size == 0:
        return "filen är tom"
    with open(arrived, "rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF-"):
            return "filen är inte en PDF"
    return None


def ingest_uploads(
    home: Home, arrived: list[tuple[str, Path]], viewer: Viewer
) -> list[UploadOutcome]:
    """Ingest arrived files (``(name as sent, scratch path)``); returns one outcome per
    file in the same order. Scratch files are always removed; a file that was not
    ingested leaves nothing behind."""
    from diarium.app.ingest import ingest
    from diarium.ingest.pipeline import IngestOptions

    outcomes: list[UploadOutcome | None] = []
    kept: dict[Path, int] = {}
    try:
        for n, (sent, scratch) in enumerate(arrived):
            name = clean_name(sent)
            size = scratch.stat().st_size
            why = refusal(name, scratch, size)
            if why:
                outcomes.append(UploadOutcome(name, "failed", reason=why))
                continue
            digest = file_sha256(scratch)
            folder = upload_dir(home) / digest[:16]
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            os.replace(scratch, target)
            kept[target] = n
            outcomes.append(None)
        if kept:
            try:
                summary = ingest(
                    home, list(kept), IngestOptions(workers=1), by=viewer.name
                )
            except HomeLockedError:
                for target, n in kept.items():
                    outcomes[n] = UploadOutcome(target.name, "failed", reason=BUSY)
                    _forget(target)
                kept.clear()
            else:
                by_path = {Path(o.path).resolve(): o for o in summary.outcomes}
                for target, n in kept.items():
                    o = by_path.get(target.resolve())
                    if o is None:
                        outcomes[n] = UploadOutcome(target.name, "failed", reason="okänt fel")
                        _forget(target)
                        continue
                    outcomes[n] = UploadOutcome(target.name, o.status, o.id, o.reason)
                    if o.status != "ingested":
                        # Known already (its original is elsewhere) or failed: keep nothing.
                        _forget(target)
    finally:
        for _, scratch in arrived:
            scratch.unlink(missing_ok=True)
    done = [o for o in outcomes if o is not None]
    for o in done:
        audit.record(
            home,
            viewer.name,
            "upload",
            doc_id=o.id,
            address=viewer.address,
            detail=f"{o.filename}: {o.status}" + (f" ({o.reason})" if o.reason else ""),
        )
    return done


def _forget(target: Path) -> None:
    target.unlink(missing_ok=True)
    if target.parent.is_dir() and not any(target.parent.iterdir()):
        shutil.rmtree(target.parent, ignore_errors=True)
