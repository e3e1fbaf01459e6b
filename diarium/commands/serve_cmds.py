"""``diarium serve``: the search page, document pages and JSON API in a browser."""

from __future__ import annotations

import os
from pathlib import Path

import click

from diarium.cli import home_option, reports_errors, resolve_home

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@home_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default serves this machine only.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Requests served at the same time by each worker process (more threads than "
    "this only wait for the GIL: the Python part of a search holds it).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: max(1, min(os.cpu_count() or 1, 4)),
    show_default="one per core, at most 4",
    help="Worker processes, each with the index open: the Python part of a search holds "
    "the GIL, so each core wants its own process.",
)
@reports_errors
def serve(home_dir: Path | None, host: str, port: int, threads: int, workers: int) -> None:
    """Serve the search page and the JSON API for staff in a browser; once the home has
    accounts (`diarium user add`), everyone signs in."""
    from corpus.errors import UsageError
    from diarium.app.accounts import any_accounts
    from diarium.web.server import serve as run_server

    home = resolve_home(home_dir)
    if host not in LOOPBACK and not any_accounts(home):
        raise UsageError(
            f"refusing to serve {home.root} on {host}: the home has no accounts, so anyone "
            "who can reach that address could read every document. Add one first "
            "(`diarium user add NAME --role admin`), or serve on 127.0.0.1"
        )
    click.echo(f"diarium: serving {home.root} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_server(home, host, port, threads, workers)


COMMANDS = [serve]
