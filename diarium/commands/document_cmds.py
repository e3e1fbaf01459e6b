"""``diarium show``: one document by id (or id prefix) or by case number."""

from __future__ import annotations

from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home
from diarium.commands.pii_cmds import unmasked_option


@click.command()
@click.argument("ref")
@home_option
@click.option("--text", "with_text", is_flag=True, help="Also print every page's text.")
@json_option
@unmasked_option
@reports_errors
def show(ref: str, home_dir: Path | None, with_text: bool, as_json: bool, unmasked: bool) -> None:
    """Show a document by id, id prefix, or case number (e.g. KS-2022/960.103)."""
    from diarium.app.documents import find
    from diarium.render import document_lines

    home = resolve_home(home_dir)
    docs = find(home, ref, unmasked=unmasked)
    if unmasked:
        from diarium.app.audit import record
        from diarium.commands.account_cmds import actor

        for doc in docs:
            if any(e.type == "PNR" for e in doc.entities):
                record(home, actor(), "unmask.text", doc_id=doc.id,
                       detail="diarium show --unmasked")
    if as_json:
        emit_json(docs[0].to_dict() if len(docs) == 1 else [d.to_dict() for d in docs])
        return
    for n, doc in enumerate(docs):
        if n:
            click.echo("")
        for line in document_lines(doc, with_text):
            click.echo(line)


COMMANDS = [show]
