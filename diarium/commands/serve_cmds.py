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
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name (or address) browsers use to reach the server; repeatable. Requests "
    "naming any other host are refused (against DNS rebinding) [default: 127.0.0.1, "
    "localhost, ::1, and --host when it is a single address].",
)
@reports_errors
def serve(
    home_dir: Path | None,
    host: str,
    port: int,
    threads: int,
    workers: int,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the search page and the JSON API for staff in a browser; once the home has
    accounts (`diarium user add`), everyone signs in."""
    from diarium.app.accounts import any_accounts
    from diarium.corpus.errors import UsageError
    from diarium.web.server import LOOPBACK_HOSTS
    from diarium.web.server import serve as run_server

    home = resolve_home(home_dir)
    if host not in LOOPBACK and not any_accounts(home):
        raise UsageError(
            f"refusing to serve {home.root} on {host}: the home has no accounts, so anyone "
            "who can reach that address could read every document. Add one first "
            "(`diarium user add NAME --role admin`), or serve on 127.0.0.1"
        )
    hosts = allowed_hosts or LOOPBACK_HOSTS
    if not allowed_hosts and host not in (*LOOPBACK_HOSTS, "0.0.0.0", "::"):
        hosts = (*hosts, host)
    if not allowed_hosts and host in ("0.0.0.0", "::"):
        click.echo(
            f"diarium: listening on every address, but answering only for {', '.join(hosts)}; "
            "name the host names staff use with --allowed-host",
            err=True,
        )
    click.echo(f"diarium: serving {home.root} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_server(home, host, port, threads, workers, tuple(hosts))


COMMANDS = [serve]
