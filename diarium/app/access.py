"""Who may see what: access classes of documents and the viewer a request comes from.

A document is ``public`` (the default) or ``restricted`` (sekretess under OSL). A reader
never learns that a restricted document exists: searches leave it out of hits, totals,
facet counts and suggestions (one hidden filter, :mod:`diarium.index.access`), and looking it up
by id, id prefix or case number answers as for an unknown document. Officers and up see
it, marked, and each of their reads of it is audited.

The class is kept in the document's corpus record (the source of truth, so a reindex
keeps it) and indexed beside its pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from diarium.app import audit
from diarium.app.accounts import ROLES
from diarium.corpus.errors import UsageError
from diarium.corpus.model import Document, ground_for_secrecy
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home

PUBLIC = "public"
RESTRICTED = "restricted"
CLASSES = (PUBLIC, RESTRICTED)


@dataclass(frozen=True)
class Viewer:
    """Who a web request (or an API token) acts for, and from where."""

    name: str
    role: str
    address: str | None = None

    def may(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def sees_restricted(self) -> bool:
        return self.may("officer")


def visible(doc: Document, viewer: Viewer | None) -> bool:
    """``viewer`` None: the command line, run by whoever owns the home's files."""
    return doc.access != RESTRICTED or viewer is None or viewer.sees_restricted


def note_read(home: Home, doc: Document, viewer: Viewer | None, what: str = "read") -> None:
    """Audit a viewer's read of a restricted document."""
    if viewer is not None and doc.access == RESTRICTED:
        audit.record(
            home, viewer.name, f"{what}.restricted", doc_id=doc.id, address=viewer.address
        )


def classify(home: Home, doc: Document, access: str, reason: str | None, by: str) -> Document:
    """Store the document's new class in its corpus record and in the index, and audit
    the change (a restricted class needs its legal ground, e.g. ``OSL 26:1``)."""
    from diarium.ingest.indexing import guarded, open_home_index

    if access not in CLASSES:
        raise UsageError(f"unknown access class {access!r} (known: {', '.join(CLASSES)})")
    changed = replace(doc, access=access, access_reason=ground_for_secrecy(access, reason))
    with home.write_lock("classify"):
        CorpusStore(home.corpus_dir).put(changed)
        if home.index_dir.exists():
            index = open_home_index(home, create=False)
            with guarded(home), index.writer() as writer:
                writer.add_document(changed)
            index.close()
    audit.record(home, by, f"classify.{access}", doc_id=doc.id, reason=reason)
    return changed


def classify_ref(home: Home, ref: str, access: str, reason: str | None, by: str) -> Document:
    """:func:`classify` for the one document an id, id prefix or case number names."""
    from diarium.corpus.errors import DocumentNotFoundError
    from diarium.ingest.lookup import find_by_case_number, find_by_id

    ref = ref.strip()
    ids = find_by_id(home, ref) or find_by_case_number(home, ref)
    if not ids:
        raise DocumentNotFoundError(f"no document with id or case number {ref!r}")
    if len(ids) > 1:
        raise UsageError(
            f"{ref!r} names {len(ids)} documents ({', '.join(i[:12] for i in ids)}); "
            "give one id"
        )
    return classify(home, CorpusStore(home.corpus_dir).get(ids[0]), access, reason, by)
