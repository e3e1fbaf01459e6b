"""``diarium classify``: put a document under secrecy (restricted) or make it public."""

from __future__ import annotations

from pathlib import Path

import click

from diarium.cli import home_option, reports_errors, resolve_home


@click.command()
@click.argument("ref")
@click.option(
    "--restricted", "access", flag_value="restricted", help="Sekretess: officers and up only."
)
@click.option("--public", "access", flag_value="public", help="Everyone signed in may see it.")
@click.option(
    "--reason", default=None, help='The ground, e.g. "OSL 26:1" (needed for --restricted).'
)
@home_option
@reports_errors
def classify(ref: str, access: str | None, reason: str | None, home_dir: Path | None) -> None:
    """Set the access class of one document (by id, id prefix or case number); the
    change is kept in its corpus record, indexed at once and audited."""
    from diarium.app.access import classify_ref
    from diarium.commands.account_cmds import actor
    from diarium.corpus.errors import UsageError

    if access is None:
        raise UsageError("say --restricted or --public")
    doc = classify_ref(resolve_home(home_dir), ref, access, reason, by=actor())
    click.echo(f"{doc.id[:12]} {doc.filename}: {doc.access}")


COMMANDS = [classify]
