"""Commands that read: search and stats. They never take the write lock."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home
from diarium.commands.options import MAX_LIMIT, filter_options
from diarium.corpus.errors import DocumentNotFoundError, UsageError
from diarium.index.filters import SORTS


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
@filter_options
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=MAX_LIMIT),
    default=10,
    show_default=True,
    help="How many documents to show.",
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="relevance",
    show_default=True,
    help="Order of the hits: relevance, date (oldest first) or -date (newest first); "
    "undated documents last.",
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
    limit: int,
    sort: str,
    facets: bool,
    as_json: bool,
    **filters: tuple[str, ...] | str | None,
) -> None:
    """Search the documents: words (Swedish stemming), "phrases", AND/OR/NOT, field:value,
    prefix*, or a case number such as KS-2022/960.103 (also typed as "ks 2022/960")."""
    from diarium.app.search import SearchQuery
    from diarium.app.search import search as run_search

    query_ = SearchQuery.with_filters(
        filters,
        text=" ".join(query),
        dnr=dnr,
        pnr=pnr,
        has_pnr=has_pnr,
        limit=limit,
        facets=facets or as_json,
        sort=sort,
    )
    if query_.is_empty():
        raise UsageError("give a query, --dnr, --pnr or a filter (see `diarium search --help`)")
    result = run_search(resolve_home(home_dir), query_)
    if as_json:
        emit_json(result.to_dict())
    else:
        from diarium.render import search_lines

        for line in search_lines(result, color=sys.stdout.isatty()):
            click.echo(line)
    from diarium.index.query import parse_query

    if result.total == 0 and (dnr or parse_query(query_.text).dnr_keys):
        # A case number is a lookup, like `show`: nothing found is an answer scripts must
        # be able to tell from a hit.
        raise DocumentNotFoundError(f"no document carries case number {dnr or query_.text!r}")


@click.command()
@home_option
@json_option
@reports_errors
def stats(home_dir: Path | None, as_json: bool) -> None:
    """Documents, pages, index engine and size, last ingest."""
    from diarium.app.stats import stats as home_stats

    info = home_stats(resolve_home(home_dir))
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
    click.echo(f"corpus        {int(info['corpus_bytes']) / 1e6:.1f} MB")
    last = info["last_ingest"]
    if isinstance(last, dict):
        click.echo(
            f"last ingest   {last.get('finished_at')}: {last.get('ingested')} ingested, "
            f"{last.get('skipped')} skipped, {last.get('failed')} failed"
        )


COMMANDS = [search, stats]
