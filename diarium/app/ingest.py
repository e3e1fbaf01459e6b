"""Ingest, reindex and extract: the operations that read PDFs or write the home.

Paths are stored absolute, so the archive's original PDF can be found again later by
the web server, whatever directory it runs from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from diarium.app.disclosure import public_document, public_outcome, public_text
from diarium.corpus.errors import CorpusRecordError, DiariumError, UsageError
from diarium.corpus.model import Document
from diarium.corpus.store import CorpusStore
from diarium.extractors.pages import PageOptions
from diarium.ingest.home import Home
from diarium.ingest.pipeline import IngestOptions
from diarium.ingest.report import FileOutcome, IngestSummary


def ingest(
    home: Home,
    paths: Sequence[Path],
    options: IngestOptions,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_planned: Callable[[int], None] | None = None,
    by: str | None = None,
) -> IngestSummary:
    """Ingest files and folders into the home; ``on_planned`` hears how many files will
    be extracted, ``on_file`` each file's outcome as it is settled. ``by``: who to name
    in the audit trail for documents stored as restricted."""
    from diarium.ingest.pipeline import ingest as run_ingest

    def heard(outcome: FileOutcome) -> None:
        if on_file is not None:
            on_file(public_outcome(outcome))

    try:
        summary = run_ingest(
            home, [str(p.absolute()) for p in paths], options, heard, on_planned
        )
    except DiariumError as exc:  # a stopped run's summary lines name its files too
        exc.details = [public_text(line) for line in exc.details]
        raise
    summary.outcomes = [public_outcome(o) for o in summary.outcomes]
    if options.access == "restricted":
        from diarium.app import audit

        for outcome in summary.of("ingested"):
            audit.record(
                home,
                by or "cli",
                "classify.restricted",
                doc_id=outcome.id,
                reason=options.access_reason,
                detail="at ingest",
            )
    return summary


def reindex(
    home: Home,
    engine: str | None = None,
    renormalize: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_doc: Callable[[Document], None] | None = None,
    on_damaged: Callable[[CorpusRecordError], None] | None = None,
    cluster: str | None = None,
) -> tuple[int, str]:
    """Rebuild the index from the corpus store alone (no PDF read, no OCR); returns how
    many documents were indexed and on which engine. ``on_start`` hears the total,
    ``on_damaged`` each damaged record skipped; ``cluster``: re-normalize on the workers
    of that Dask scheduler."""
    from diarium.extractors.document import renormalize as renormalize_doc
    from diarium.ingest.indexing import rebuild_index

    if not home.corpus_dir.is_dir():
        raise UsageError(f"{home.root} has no corpus to index; run `diarium ingest` first")
    engine = engine or home.chosen_engine
    with home.write_lock("reindex"):
        if on_start is not None:
            on_start(CorpusStore(home.corpus_dir).count())
        count = rebuild_index(
            home,
            engine,
            transform=renormalize_doc if renormalize else None,
            on_doc=on_doc,
            on_damaged=on_damaged,
            cluster=cluster,
        )
    return count, engine


def extract(pdf: Path, options: PageOptions, *, unmasked: bool = False) -> Document:
    """One PDF extracted in this process; nothing is stored. ``unmasked``: identity
    numbers shown (asked for explicitly)."""
    from diarium.ingest.single import extract_file

    return public_document(extract_file(pdf, options), unmasked=unmasked)
