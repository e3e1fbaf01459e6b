"""Commands that write: ingest, reindex, and extract (which only prints)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home
from diarium.commands.account_cmds import actor
from diarium.commands.options import (
    access_options,
    cluster_option,
    extraction_options,
    page_options,
    workers_option,
)
from diarium.commands.pii_cmds import unmasked_option
from diarium.corpus.errors import CorpusRecordError, DiariumError, UsageError
from diarium.index import ENGINES
from diarium.ingest.report import FileOutcome, printable


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@home_option
@extraction_options
@workers_option
@cluster_option
@click.option("--force", is_flag=True, help="Re-extract files already in the corpus.")
@click.option(
    "--archive-pdf",
    is_flag=True,
    help="Write a searchable copy (PDF/A-2b, original page images, invisible text) of "
    "every OCR'd document into HOME/archive/.",
)
@access_options
@json_option
@reports_errors
def ingest(
    paths: tuple[Path, ...],
    home_dir: Path | None,
    ocr: str,
    ocr_lang: str,
    page_timeout: float,
    workers: int,
    cluster: str | None,
    force: bool,
    archive_pdf: bool,
    access: str,
    reason: str | None,
    as_json: bool,
) -> None:
    """Ingest PDF files and directories (searched recursively for *.pdf).

    Each file is identified by the SHA-256 of its bytes; known files are skipped unless
    --force. Exit 0 when every file was ingested or skipped, 1 when some failed (the
    others are still stored and searchable).
    """
    from tqdm import tqdm

    from diarium.app.ingest import ingest as run_ingest
    from diarium.ingest.pipeline import IngestOptions

    home = resolve_home(home_dir)
    options = IngestOptions(
        force=force,
        workers=workers,
        pages=page_options(ocr, ocr_lang, page_timeout),
        cluster=cluster,
        archive_pdf=archive_pdf,
        access=access,
        access_reason=reason,
    )
    bar: tqdm | None = None
    pages = 0

    def planned(n: int) -> None:
        nonlocal bar
        bar = tqdm(total=n, unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)

    def advanced(outcome: FileOutcome) -> None:
        nonlocal pages
        if bar is not None:
            pages += outcome.pages
            elapsed = bar.format_dict["elapsed"]
            rate = f"{pages / elapsed:.2f} pages/s " if elapsed > 0 else ""
            bar.update(1)
            name = printable(Path(outcome.path).name)
            bar.set_postfix_str(f"{rate}{outcome.status} {name}", refresh=False)

    try:
        summary = run_ingest(home, paths, options, advanced, planned, by=actor())
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        emit_json(summary.to_dict())
    else:
        for line in summary.lines():
            click.echo(line)
    sys.exit(summary.exit_code)


@click.command()
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False))
@extraction_options
@json_option
@unmasked_option
@click.option(
    "--explain", is_flag=True, help="Say why each title, date, type, organ and place was chosen."
)
@reports_errors
def extract(
    pdf: Path,
    ocr: str,
    ocr_lang: str,
    page_timeout: float,
    as_json: bool,
    unmasked: bool,
    explain: bool,
) -> None:
    """Extract one PDF and print the document (nothing is stored)."""
    from diarium.app.ingest import extract as extract_pdf

    doc = extract_pdf(pdf, page_options(ocr, ocr_lang, page_timeout), unmasked=unmasked)
    if explain:
        from diarium.render import explain_lines

        for line in explain_lines(doc):
            click.echo(line)
    elif as_json:
        emit_json(doc.to_dict())
    else:
        from diarium.render import document_lines

        for line in document_lines(doc, with_text=True):
            click.echo(line)


@click.command()
@home_option
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default=None,
    help="Search engine for the rebuilt index [default: the home's current engine].",
)
@click.option(
    "--renormalize",
    is_flag=True,
    help="Re-run normalization and entity extraction on the stored raw text first "
    "(after an extractor upgrade); no PDF is read and no OCR is run.",
)
@cluster_option
@reports_errors
def reindex(
    home_dir: Path | None, engine: str | None, renormalize: bool, cluster: str | None
) -> None:
    """Rebuild the search index from the corpus store alone."""
    from tqdm import tqdm

    from diarium.app.ingest import reindex as run_reindex

    if cluster and not renormalize:
        raise UsageError("--cluster only helps with --renormalize (indexing runs here)")

    home = resolve_home(home_dir)
    damaged: list[CorpusRecordError] = []
    bar = tqdm(unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)

    def started(total: int) -> None:
        bar.reset(total=total)

    with bar:
        count, used = run_reindex(
            home,
            engine,
            renormalize,
            on_start=started,
            on_doc=lambda _doc: bar.update(1),
            on_damaged=damaged.append,
            cluster=cluster,
        )
    click.echo(f"Re-indexed {count} document(s) into {home.index_dir} ({used}).")
    if damaged:
        import shlex

        click.echo(
            f"Skipped {len(damaged)} damaged corpus record(s): their documents cannot be "
            "searched until their PDFs are ingested again, which replaces the records: "
            f"`diarium ingest --home {shlex.quote(str(home.root))} PDF-OR-FOLDER` "
            "(`diarium check` lists them):"
        )
        for err in damaged:
            click.echo(f"  DAMAGED  {printable(str(err.path))}: {printable(err.reason)}")
        sys.exit(1)


COMMANDS = [ingest, extract, reindex]

__all__ = ["COMMANDS", "DiariumError"]
