"""Documents: finding them by what a user typed, reading them, and the original PDF.

A document leaves this module only through the disclosure gate. The original PDF is
found only from the stored record of a document id (its ``source``), never from a path
a caller supplies, and only while the file there is still the file that was ingested.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import DisclosureRefusedError, DocumentNotFoundError, UsageError
from corpus.model import Document
from corpus.store import CorpusStore
from diarium.app.disclosure import public_document, public_text
from diarium.app.indexes import IndexHandle
from extractors.masking import has_pnr
from ingest.hashing import file_sha256
from ingest.home import Home
from ingest.lookup import find_by_case_number, find_by_id

_FULL_ID = re.compile(r"[0-9a-f]{64}")


def find(
    home: Home, ref: str, handle: IndexHandle | None = None, *, unmasked: bool = False
) -> list[Document]:
    """Documents for an id, an unambiguous id prefix or a case number in any written
    form; ``DocumentNotFoundError`` when there is none. ``handle``: a server's open index;
    ``unmasked``: identity numbers shown (the archivist asked explicitly)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("give a document id, id prefix or case number")
    ids = _find_ids(home, ref, handle or IndexHandle(home))
    if not ids:
        shown = ref if unmasked else public_text(ref)
        raise DocumentNotFoundError(
            f"no document with id or case number {shown!r} in {home.root}"
        )
    store = CorpusStore(home.corpus_dir)
    return [public_document(store.get(doc_id), unmasked=unmasked) for doc_id in ids]


def _find_ids(home: Home, ref: str, handle: IndexHandle) -> list[str]:
    found = find_by_id(home, ref)
    if found or not home.index_dir.exists():
        return found
    with handle.reading() as index:
        return find_by_case_number(home, ref, index)


def _stored(home: Home, doc_id: str) -> Document:
    if not _FULL_ID.fullmatch(doc_id):
        raise DocumentNotFoundError(f"{doc_id!r} is not a document id (64 hex digits)")
    store = CorpusStore(home.corpus_dir)
    if not store.has(doc_id):
        raise DocumentNotFoundError(f"no document with id {doc_id} in {home.root}")
    return store.get(doc_id)


def get(home: Home, doc_id: str) -> Document:
    """One document by its full id (the web addresses documents only so)."""
    return public_document(_stored(home, doc_id))


def original_shown(home: Home, doc_id: str) -> bool:
    """Whether the web may link the original PDF: not when it holds identity numbers
    (``OriginalFiles.path`` refuses it, and a link to a refusal helps no one)."""
    return not has_pnr(_stored(home, doc_id))


@dataclass(frozen=True)
class _Seen:
    size: int
    mtime_ns: int


class OriginalFiles:
    """Where a document's original PDF is, checked against its id (the SHA-256 of the
    ingested bytes): a file moved, deleted or replaced since the ingest is not served.
    A file's check is remembered while its size and modification time stay the same,
    so a PDF is hashed once, not on every request."""

    def __init__(self) -> None:
        self._verified: dict[tuple[str, Path], _Seen] = {}
        self._lock = threading.Lock()

    def path(self, home: Home, doc_id: str) -> Path:
        doc = _stored(home, doc_id)
        if has_pnr(doc):
            # The file's own text cannot be masked: a PDF with identity numbers stays
            # inside the archive; its masked text is on the document page.
            raise DisclosureRefusedError(
                f"{public_text(doc.filename)} holds personal identity numbers, so its "
                "original PDF is not served; read its text (numbers masked) on the "
                "document page, or ask an archivist (`diarium show --unmasked`)"
            )
        path = Path(doc.source)
        try:
            st = path.stat()
        except OSError:
            raise DocumentNotFoundError(
                f"the original PDF of {doc.filename} is no longer at {doc.source}; "
                "its text is still in the corpus"
            ) from None
        seen = _Seen(st.st_size, st.st_mtime_ns)
        key = (doc_id, path)
        with self._lock:
            if self._verified.get(key) == seen:
                return path
        if not path.is_file() or file_sha256(path) != doc_id:
            raise DocumentNotFoundError(
                f"the file at {doc.source} is no longer the PDF that was ingested as "
                f"{doc.filename}; its text is still in the corpus"
            )
        with self._lock:
            self._verified[key] = seen
        return path
