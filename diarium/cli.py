"""The ``diarium`` command: parses arguments, calls the packages, prints their answers.

Library errors become exit codes here and nowhere else: 0 success, 1 some files failed
(or nothing found for ``show``), 2 usage errors, 3 home locked, 4 index needs rebuild,
5 a required system tool is missing.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from corpus.errors import DiariumError
from diarium import __version__
from ingest.home import Home, default_home

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


def reports_errors(fn: F) -> F:
    """Turn diarium's typed errors into a message on stderr and their exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DiariumError as exc:
            click.echo(f"diarium: {exc.message}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def resolve_home(home_dir: Path | None) -> Home:
    return Home(home_dir or default_home())


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diarium")
def main() -> None:
    """diarium: ingest Swedish municipal decision PDFs and search them."""


def _register() -> None:
    from diarium.commands import document_cmds, ingest_cmds, search_cmds, serve_cmds, text_cmds

    for module in (ingest_cmds, search_cmds, document_cmds, text_cmds, serve_cmds):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
