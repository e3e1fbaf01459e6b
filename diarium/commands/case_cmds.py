"""``diarium case``: one case (ärende), every document holding its number, in date order."""

from __future__ import annotations

from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home


@click.command()
@click.argument("key")
@home_option
@json_option
@reports_errors
def case(key: str, home_dir: Path | None, as_json: bool) -> None:
    """Show a case by its number in any written form (KS 2022/960, KS-2022-960): its
    documents in date order, with type, organ, the § that handled it and the decision."""
    from diarium.app.cases import case as find_case

    found = find_case(resolve_home(home_dir), key)
    if as_json:
        emit_json(found.to_dict())
        return
    click.echo(f"Case {found.printed} ({found.key}): {len(found.documents)} document(s)")
    for n, doc in enumerate(found.documents, start=1):
        facts = [doc.document_date or "undated", doc.doc_type or "", doc.organ or ""]
        if doc.paragraph is not None:
            facts.append(f"§ {doc.paragraph}")
        click.echo(f"\n{n}. {doc.title}")
        click.echo("   " + " · ".join(f for f in facts if f))
        click.echo(f"   {doc.filename}  id {doc.id[:12]}  page {doc.page}  printed {doc.printed}")
        if doc.decision:
            click.echo(f"   {doc.decision_kind}: {doc.decision}")


COMMANDS = [case]
