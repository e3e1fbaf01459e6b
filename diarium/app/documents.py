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

from diarium.app import audit
from diarium.app.access import Viewer, note_read, visible
from diarium.app.disclosure import public_document, public_text
from diarium.app.indexes import IndexHandle
from diarium.corpus.errors import DisclosureRefusedError, DocumentNotFoundError, UsageError
from diarium.corpus.model import Document
from diarium.corpus.store import CorpusStore
from diarium.extractors.masking import has_pnr
from diarium.ingest.hashing import file_sha256
from diarium.ingest.home import Home
from diarium.ingest.lookup import find_by_case_number, find_by_id

_FULL_ID = re.compile(r"[0-9a-f]{64}")


def find(
    home: Home,
    ref: str,
    handle: IndexHandle | None = None,
    *,
    unmasked: bool = False,
    viewer: Viewer | None = None,
) -> list[Document]:
    """Documents for an id, an unambiguous id prefix or a case number in any written
    form; ``DocumentNotFoundError`` when there is none. ``handle``: a server's open index;
    ``unmasked``: identity numbers shown (the archivist asked explicitly); ``viewer``:
    the web user asking (restricted documents they may not see are not there for them;
    None is the command line)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("give a document id, id prefix or case number")
    ids = _find_ids(home, ref, handle or IndexHandle(home))
    store = CorpusStore(home.corpus_dir)
    docs = [d for d in (store.get(doc_id) for doc_id in ids) if visible(d, viewer)]
    if not docs:
        shown = ref if unmasked else public_text(ref)
        raise DocumentNotFoundError(
            f"no document with id or case number {shown!r}"
        )
    for doc in docs:
        note_read(home, doc, viewer)
    return [public_document(doc, unmasked=unmasked) for doc in docs]


def _find_ids(home: Home, ref: str, handle: IndexHandle) -> list[str]:
    found = find_by_id(home, ref)
    if found or not home.index_dir.exists():
        return found
    with handle.reading() as index:
        return find_by_case_number(home, ref, index)


def _stored(home: Home, doc_id: str, viewer: Viewer | None = None) -> Document:
    if not _FULL_ID.fullmatch(doc_id):
        raise DocumentNotFoundError(f"{doc_id!r} is not a document id (64 hex digits)")
    store = CorpusStore(home.corpus_dir)
    doc = store.get(doc_id) if store.has(doc_id) else None
    if doc is None or not visible(doc, viewer):
        # The same answer for a restricted document as for none at all.
        raise DocumentNotFoundError(f"no document with id {doc_id}")
    return doc


def get(
    home: Home, doc_id: str, viewer: Viewer | None = None, *, unmask_reason: str | None = None
) -> Document:
    """One document by its full id (the web addresses documents only so), as ``viewer``
    may see it. ``unmask_reason``: an archivist's ground for seeing the identity numbers;
    given, the numbers are shown and the view is audited."""
    doc = _stored(home, doc_id, viewer)
    note_read(home, doc, viewer)
    if unmask_reason is None:
        return public_document(doc)
    _unmasking(home, doc, viewer, unmask_reason, "unmask.text")
    return public_document(doc, unmasked=True)


def _unmasking(
    home: Home, doc: Document, viewer: Viewer | None, reason: str, action: str
) -> None:
    """Allow an unmasked view only to an archivist (or admin) who gave a reason, and
    write it to the audit trail before anything is shown."""
    reason = reason.strip()
    if viewer is None or not viewer.may("archivist"):
        raise DisclosureRefusedError(
            "only an archivist may see identity numbers unmasked"
        )
    if len(reason) < 3:
        raise UsageError("give a reason for seeing the identity numbers")
    audit.record(home, viewer.name, action, doc_id=doc.id, reason=reason, address=viewer.address)


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

    def original(
        self,
        home: Home,
        doc_id: str,
        viewer: Viewer | None = None,
        *,
        unmask_reason: str | None = None,
    ) -> tuple[Path, Document]:
        """The verified file and its document (as it may be shown)."""
        path = self.path(home, doc_id, viewer, unmask_reason=unmask_reason)
        return path, public_document(_stored(home, doc_id, viewer))

    def path(
        self,
        home: Home,
        doc_id: str,
        viewer: Viewer | None = None,
        *,
        unmask_reason: str | None = None,
    ) -> Path:
        """The verified file; a document holding identity numbers only for an archivist
        with ``unmask_reason`` (audited)."""
        doc = _stored(home, doc_id, viewer)
        if has_pnr(doc) and unmask_reason is not None:
            _unmasking(home, doc, viewer, unmask_reason, "unmask.pdf")
        elif has_pnr(doc):
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
        note_read(home, doc, viewer, "pdf")
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
