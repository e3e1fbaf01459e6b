"""``diarium check``: verify a home (corpus records, index, state) and say what repairs it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home

# Exit code when the check found something to repair (the corpus itself is never changed).
EXIT_FINDINGS = 1


@click.command()
@home_option
@json_option
@reports_errors
def check(home_dir: Path | None, as_json: bool) -> None:
    """Verify every corpus record and the index against the corpus (read only).

    Exit 0 when all is well, 1 when something needs repair; each finding names the
    command that repairs it (`diarium reindex`, an ingest, re-ingesting a PDF).
    """
    from diarium.ingest.check import check_home

    home = resolve_home(home_dir)
    if not home.root.is_dir():
        from diarium.corpus.errors import UsageError

        raise UsageError(f"{home.root} is not a diarium home (no such directory)")
    report = check_home(home)
    from diarium.app.audit import verify

    audit_problems = verify(home)
    if as_json:
        emit_json({**report.to_dict(), "audit": audit_problems})
    else:
        for line in report.lines():
            click.echo(line)
        for problem in audit_problems:
            click.echo(f"AUDIT TRAIL: {problem}")
    sys.exit(0 if report.ok and not audit_problems else EXIT_FINDINGS)


COMMANDS = [check]
