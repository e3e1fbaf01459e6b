"""``diarium watch``: ingest what arrives in folders; ``diarium status``: today's intake."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home
from diarium.commands.options import (
    access_options,
    extraction_options,
    page_options,
    workers_option,
)
from diarium.ingest.report import printable


@click.command()
@click.argument(
    "folders", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False)
)
@home_option
@extraction_options
@workers_option
@click.option(
    "--settle",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="Seconds a file's size and time must stay unchanged before it is read.",
)
@click.option(
    "--give-up",
    type=click.FloatRange(0.1, 86400),
    default=60.0,
    show_default=True,
    help="Seconds after which a file that never reads as a complete PDF is ingested "
    "anyway (and reported as damaged).",
)
@click.option("--poll", is_flag=True, help="Poll instead of inotify (network shares).")
@click.option(
    "--archive-pdf", is_flag=True, help="Also write searchable archive copies (see ingest)."
)
@access_options
@json_option
@reports_errors
def watch(
    folders: tuple[Path, ...],
    home_dir: Path | None,
    ocr: str,
    ocr_lang: str,
    page_timeout: float,
    workers: int,
    settle: float,
    give_up: float,
    poll: bool,
    archive_pdf: bool,
    access: str,
    reason: str | None,
    as_json: bool,
) -> None:
    """Watch folders (recursively) and ingest every new or changed PDF once it is
    complete; on start, take in what arrived meanwhile. Runs until Ctrl-C or SIGTERM,
    which stop it between files (exit 0)."""
    from diarium.app.intake import watch as run_watch
    from diarium.ingest.pipeline import IngestOptions
    from diarium.ingest.watch import WatchOptions

    home = resolve_home(home_dir)
    options = WatchOptions(
        ingest=IngestOptions(
            workers=workers,
            pages=page_options(ocr, ocr_lang, page_timeout),
            archive_pdf=archive_pdf,
            access=access,
            access_reason=reason,
        ),
        settle=settle,
        give_up=give_up,
        force_polling=poll,
    )

    def say(line: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        if as_json:
            click.echo(json.dumps({"at": stamp, "message": line}, ensure_ascii=False))
        else:
            click.echo(f"[{stamp}] {line}")
        sys.stdout.flush()

    def report(summary: object) -> None:
        if as_json:
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))  # type: ignore[attr-defined]
            sys.stdout.flush()
            return
        for line in summary.lines():  # type: ignore[attr-defined]
            say(line)

    signum = run_watch(home, list(folders), options, report, say)
    say(f"stopped ({'signal ' + str(signum) if signum else 'done'}); everything read is stored")


@click.command()
@home_option
@json_option
@reports_errors
def status(home_dir: Path | None, as_json: bool) -> None:
    """Today's intake: what was ingested, what the watcher has queued, what failed."""
    from diarium.app.intake import intake_status

    st = intake_status(resolve_home(home_dir))
    if as_json:
        emit_json(st.to_dict())
        return
    click.echo(f"Watcher: {st.watcher or 'not running'}")
    click.echo(f"Ingested today ({st.today}): {len(st.ingested_today)}")
    for rec in st.ingested_today:
        click.echo(
            f"  {rec.get('at', '')[11:19]}  {printable(str(rec.get('path')))}"
            f"  id {str(rec.get('id') or '')[:12]}  {rec.get('pages', 0)} page(s)"
        )
    click.echo(f"Queued: {len(st.queued)}")
    for path in st.queued:
        click.echo(f"  {printable(path)}")
    click.echo(f"Failed today: {len(st.failed_today)}")
    for rec in st.failed_today:
        click.echo(
            f"  FAILED  {printable(str(rec.get('path')))}: {printable(str(rec.get('reason')))}"
        )
    if st.waiting_for_change:
        click.echo(f"Not retried until the file changes: {len(st.waiting_for_change)}")
        for rec in st.waiting_for_change:
            click.echo(f"  {printable(rec['path'])}: {printable(str(rec.get('reason')))}")


COMMANDS = [watch, status]
