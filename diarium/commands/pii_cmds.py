"""``diarium pii``: the documents and pages that hold identity numbers, for review before
an archive publishes them. Masked like every other output unless ``--unmasked``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home

F = TypeVar("F", bound=Callable[..., Any])


def unmasked_option(fn: F) -> F:
    """The one way to see identity numbers in the clear; never a default."""
    return click.option(
        "--unmasked",
        is_flag=True,
        help="Show personal identity numbers in the clear (they are masked otherwise).",
    )(fn)


@click.command()
@home_option
@click.option("--probable-only", is_flag=True, help="Only numbers whose check digit fails.")
@unmasked_option
@json_option
@reports_errors
def pii(home_dir: Path | None, probable_only: bool, unmasked: bool, as_json: bool) -> None:
    """List the documents and pages holding personnummer or samordningsnummer (valid ones,
    and probable ones: the right shape and date near a cue word, a wrong check digit, as
    OCR misreads them)."""
    from diarium.app.disclosure import public_text
    from diarium.corpus.store import CorpusStore
    from diarium.extractors.masking import document_findings

    home = resolve_home(home_dir)
    store = CorpusStore(home.corpus_dir)
    report: list[dict[str, Any]] = []
    for doc_id in sorted(store.ids()) if home.corpus_dir.is_dir() else []:
        doc = store.get(doc_id)
        findings = [f for f in document_findings(doc) if not (probable_only and f.valid)]
        if not findings:
            continue

        def shown(text: str | None) -> str | None:
            return text if unmasked or not text else public_text(text)

        report.append(
            {
                "id": doc.id,
                "filename": shown(doc.filename),
                "title": shown(doc.metadata.title),
                "document_date": doc.metadata.document_date,
                "pages": sorted({f.page for f in findings}),
                "valid": sum(f.valid for f in findings),
                "probable": sum(not f.valid for f in findings),
                "numbers": [f.to_dict(unmasked=unmasked) for f in findings],
            }
        )
    if unmasked and report:
        from diarium.app.audit import record
        from diarium.commands.account_cmds import actor

        for item in report:
            record(home, actor(), "unmask.text", doc_id=item["id"],
                   detail="diarium pii --unmasked")
    if as_json:
        emit_json({"documents": len(report), "items": report})
        return
    if not report:
        click.echo("No document holds a personal identity number.")
        return
    click.echo(f"{len(report)} document(s) hold personal identity numbers.")
    for item in report:
        click.echo("")
        click.echo(f"{item['id'][:12]}  {item['filename']}  {item['document_date'] or '-'}")
        if item["title"]:
            click.echo(f"  {item['title']}")
        click.echo(
            f"  {item['valid']} valid, {item['probable']} probable; "
            f"page(s) {', '.join(str(p) for p in item['pages'])}"
        )
        for number in item["numbers"]:
            notes = [] if number["valid"] else ["probable (check digit fails)"]
            if number.get("samordningsnummer"):
                notes.append("samordningsnummer")
            if number.get("in_raw_text_only"):
                notes.append("in the raw text only")
            suffix = f"  ({'; '.join(notes)})" if notes else ""
            click.echo(f"    p.{number['page']} @{number['start']}: {number['text']}{suffix}")


COMMANDS = [pii]
