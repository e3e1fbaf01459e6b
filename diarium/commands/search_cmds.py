"""Commands that read: search and stats. They never take the write lock."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from corpus.errors import DocumentNotFoundError, UsageError
from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home
from diarium.commands.options import MAX_LIMIT, iso_date
from index.base import SearchRequest

_FILTERS = (
    ("year", "--year", "Document year (repeatable: several are OR'ed)."),
    ("doc_type", "--type", "Document type, e.g. protokoll, tjänsteutlåtande (repeatable)."),
    ("municipality", "--municipality", "Municipality, e.g. Huddinge (repeatable)."),
    ("body", "--body", "Body, e.g. Kommunstyrelsen (repeatable)."),
    ("person", "--person", "Person named in the document (repeatable)."),
)


def _filter_options(fn):  # type: ignore[no-untyped-def]
    for name, flag, text in reversed(_FILTERS):
        fn = click.option(flag, name, multiple=True, help=text)(fn)
    return fn


@click.command()
@click.argument("query", nargs=-1)
@home_option
@click.option("--dnr", help="Look up a case number (diarienummer), in any written form.")
@click.option(
    "--pnr",
    help="Documents holding this personnummer or samordningsnummer, in any written form "
    "(matched by a keyed hash; the digits are not in the index).",
)
@click.option("--has-pnr", is_flag=True, help="Only documents holding identity numbers.")
@_filter_options
@click.option(
    "--from", "date_from", callback=iso_date, help="Documents dated on or after this ISO date."
)
@click.option(
    "--to", "date_to", callback=iso_date, help="Documents dated on or before this ISO date."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=MAX_LIMIT),
    default=10,
    show_default=True,
    help="How many documents to show.",
)
@click.option("--facets", is_flag=True, help="Also print counts per year, type, body, ...")
@json_option
@reports_errors
def search(
    query: tuple[str, ...],
    home_dir: Path | None,
    dnr: str | None,
    pnr: str | None,
    has_pnr: bool,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    facets: bool,
    as_json: bool,
    **filters: tuple[str, ...],
) -> None:
    """Search the documents: words (Swedish stemming), "phrases", AND/OR/NOT, field:value,
    prefix*, or a case number such as KS-2022/960.103 (also typed as "ks 2022/960")."""
    from ingest.indexing import guarded, open_home_index

    text = " ".join(query).strip()
    active = {k: list(v) for k, v in filters.items() if v}
    if not (text or dnr or pnr or has_pnr or active or date_from or date_to):
        raise UsageError("give a query, --dnr, --pnr or a filter (see `diarium search --help`)")
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    home = resolve_home(home_dir)
    index = open_home_index(home, create=False)
    request = SearchRequest(
        query=text,
        dnr=dnr,
        limit=limit,
        filters=active,
        date_from=date_from,
        date_to=date_to,
        facets=facets or as_json,
    )
    if pnr:
        from ingest.pnr_lookup import pnr_search_keys

        request.pnr_keys = pnr_search_keys(home, pnr)
    elif has_pnr:
        from index.schema import HAS_PNR_TERM

        request.pnr_keys = [HAS_PNR_TERM]
    with guarded(home):
        result = index.search(request)
    from extractors.masking import mask_pnrs

    shown = f"--pnr {pnr}" if pnr else "--has-pnr" if has_pnr else ""
    result.query = mask_pnrs(result.query or shown)
    result.suggestion = mask_pnrs(result.suggestion or "") or None
    if as_json:
        emit_json(result.to_dict())
    else:
        from diarium.render import search_lines

        for line in search_lines(result, color=sys.stdout.isatty()):
            click.echo(line)
    from index.query import parse_query

    if result.total == 0 and (dnr or parse_query(text).dnr_keys):
        # A case number is a lookup, like `show`: nothing found is an answer scripts must
        # be able to tell from a hit.
        raise DocumentNotFoundError(f"no document carries case number {dnr or text!r}")


@click.command()
@home_option
@json_option
@reports_errors
def stats(home_dir: Path | None, as_json: bool) -> None:
    """Documents, pages, index engine and size, last ingest."""
    from corpus.store import CorpusStore
    from ingest.indexing import guarded, open_home_index

    home = resolve_home(home_dir)
    store = CorpusStore(home.corpus_dir)
    state = home.read_state()
    info: dict[str, object] = {
        "home": str(home.root),
        "documents": store.count(),
        "corpus_bytes": store.size_bytes() if home.corpus_dir.exists() else 0,
        "engine": home.engine,
        "last_ingest": state.get("last_ingest"),
    }
    if home.index_dir.exists():
        index = open_home_index(home, create=False)
        with guarded(home):
            info["index"] = index.stats()
    indexed = int(info.get("index", {}).get("documents", 0))  # type: ignore[attr-defined]
    # Between a killed run and the next one the corpus is ahead of the index.
    info["not_indexed"] = max(0, int(info["documents"]) - indexed)  # type: ignore[call-overload]
    if as_json:
        emit_json(info)
        return
    index_info = info.get("index") or {}
    click.echo(f"home          {info['home']}")
    click.echo(f"documents     {info['documents']}")
    if isinstance(index_info, dict) and index_info:
        click.echo(f"pages         {index_info.get('pages', '?')}")
        click.echo(
            f"index         {info['engine']}, {index_info.get('size_bytes', 0) / 1e6:.1f} MB"
        )
    else:
        click.echo("index         none (run `diarium reindex`)")
    behind = info["not_indexed"]
    if behind:
        click.echo(
            f"note          {behind} stored document(s) are not in the index yet (a run was "
            "stopped); the next `diarium ingest` or `diarium reindex` indexes them"
        )
    click.echo(f"corpus        {int(info['corpus_bytes']) / 1e6:.1f} MB")  # type: ignore[call-overload]
    last = info["last_ingest"]
    if isinstance(last, dict):
        click.echo(
            f"last ingest   {last.get('finished_at')}: {last.get('ingested')} ingested, "
            f"{last.get('skipped')} skipped, {last.get('failed')} failed"
        )


COMMANDS = [search, stats]
