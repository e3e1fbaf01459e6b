"""The ``diarium`` command: parses arguments, calls the packages, prints their answers.

Library errors become exit codes here and nowhere else; each error class carries its
code, and corpus/errors.py lists them all.
"""

from __future__ import annotations

import atexit
import errno
import functools
import gc
import importlib
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from diarium.corpus.errors import EXIT_INTERRUPTED, DiariumError, DiskFullError
from diarium.ingest.home import Home, default_home

F = TypeVar("F", bound=Callable[..., Any])


def home_option(fn: F) -> F:
    return click.option(
        "--home",
        "home_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Home directory holding the corpus and index "
        "[default: $DIARIUM_HOME, else ~/.local/share/diarium].",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(fn)


def fail(exc: DiariumError) -> None:
    """Print what a run got done (``details``), then the error, and exit with its code."""
    for line in exc.details:
        click.echo(line)
    click.echo(f"diarium: {exc.message}", err=True)
    if exc.exit_code >= 128:
        _exit_now(exc.exit_code)
    sys.exit(exc.exit_code)


def _exit_now(code: int) -> None:
    """End a stopped run at once: everything it had to finish is done by now, and the
    interpreter's shutdown (which resets signal handlers and joins threads) would leave a
    window where a second Ctrl-C kills the process with a traceback or the wrong code."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def interrupted() -> None:
    """Ctrl-C: a line instead of a traceback, exit 130; a second Ctrl-C while exiting
    ends the process on the spot."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(EXIT_INTERRUPTED))
    click.echo("", err=True)
    click.echo("diarium: interrupted; nothing already stored is lost", err=True)
    _exit_now(EXIT_INTERRUPTED)


def reports_errors(fn: F) -> F:
    """Turn diarium's typed errors into a message on stderr and their exit code; Ctrl-C
    into exit 130 and a full disk into its message, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DiariumError as exc:
            fail(exc)
        except KeyboardInterrupt:
            interrupted()
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                fail(
                    DiskFullError(
                        f"no space left on the device ({exc}); free some space and run the "
                        "same command again"
                    )
                )
            if exc.filename is None:
                raise
            # A home or file the user cannot read or write: name it, no traceback.
            fail(DiariumError(f"{exc.filename}: {exc.strerror or exc}"))

    return wrapper  # type: ignore[return-value]


def resolve_home(home_dir: Path | None) -> Home:
    return Home(home_dir or default_home())


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@functools.cache
def _skip_collection_at_exit() -> None:
    """When the process ends, freeze what it holds before the interpreter's final garbage
    collections: they would walk every object spaCy, the lexicon and the index loaded
    (about 0.2 s at the end of an ingest) to free memory the exit frees anyway. Registered
    with atexit (once, however many commands run), so a program that runs commands
    in-process (the tests) is unaffected until it ends itself."""
    atexit.register(gc.freeze)


# Each command and the module that defines it. A command's module (and what that module
# imports) is loaded only when the command runs or its help is shown, so `diarium search`
# never loads OCR, spaCy or the web server; `diarium --help` loads every command module,
# which import nothing heavy at their top.
COMMAND_MODULES = {
    "ingest": "diarium.commands.ingest_cmds",
    "extract": "diarium.commands.ingest_cmds",
    "reindex": "diarium.commands.ingest_cmds",
    "search": "diarium.commands.search_cmds",
    "stats": "diarium.commands.search_cmds",
    "show": "diarium.commands.document_cmds",
    "case": "diarium.commands.case_cmds",
    "normalize": "diarium.commands.text_cmds",
    "pii": "diarium.commands.pii_cmds",
    "check": "diarium.commands.check_cmds",
    "serve": "diarium.commands.serve_cmds",
    "watch": "diarium.commands.watch_cmds",
    "export": "diarium.commands.export_cmds",
    "status": "diarium.commands.watch_cmds",
    "user": "diarium.commands.account_cmds",
    "token": "diarium.commands.account_cmds",
    "audit": "diarium.commands.account_cmds",
    "classify": "diarium.commands.access_cmds",
}


class DiariumGroup(click.Group):
    """Ctrl-C anywhere in a command (even while its modules load) exits 130 without a
    traceback; click's own handling would print "Aborted!" and exit 1. Commands are
    loaded from ``COMMAND_MODULES`` when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            try:
                module = importlib.import_module(COMMAND_MODULES[cmd_name])
            except KeyboardInterrupt:  # Ctrl-C while the command's modules load
                interrupted()
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            # click (8.4+) suggests close names from the commands loaded so far; offer
            # every command, as when they were all loaded up front.
            no_such = getattr(click.exceptions, "NoSuchCommand", None)
            if no_such is None or not isinstance(exc, no_such):
                raise
            raise no_such(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def invoke(self, ctx: click.Context) -> Any:
        _skip_collection_at_exit()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupted()


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``, as click's version_option prints it; the version is looked up only
    when asked for (see ``diarium.__version__``)."""
    if not value or ctx.resilient_parsing:
        return
    from diarium import __version__

    click.echo(f"diarium, version {__version__}")
    ctx.exit()


@click.group(cls=DiariumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def main() -> None:
    """diarium: ingest Swedish municipal decision PDFs and search them."""


def run() -> None:
    """The ``diarium`` program (console script and ``python -m diarium``): ``main`` in
    click's standalone mode, then a guard over the interpreter's exit. A Ctrl-C once the
    command has finished (its summary printed, the process shutting down: atexit
    handlers, tqdm's monitor thread) would otherwise surface as a traceback or a death
    by SIGINT; it is answered with a line and exit 130 instead. Registered first, the
    last atexit handler ignores Ctrl-C for the interpreter's final teardown, where
    Python itself resets the handler and a signal would kill the process (exit -2)."""
    atexit.register(signal.signal, signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            main()
        except SystemExit:
            signal.signal(signal.SIGINT, _interrupted_at_exit)
            raise
    except KeyboardInterrupt:
        # click's standalone mode turns a Ctrl-C inside the command into its own exit,
        # so one that gets here struck between the command's end and the guard above.
        _interrupted_at_exit(signal.SIGINT, None)


def _interrupted_at_exit(_signum: int, _frame: object) -> None:
    try:
        sys.stdout.flush()
        click.echo("", err=True)
        click.echo("diarium: interrupted while exiting; the command had finished", err=True)
    finally:
        os._exit(EXIT_INTERRUPTED)
