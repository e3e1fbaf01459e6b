"""``diarium export``: a document in a form that outlives diarium."""

from __future__ import annotations

from pathlib import Path

import click

from diarium.cli import home_option, reports_errors, resolve_home


@click.command()
@click.argument("ref")
@click.option(
    "--pdf",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the searchable archive copy here.",
)
@home_option
@reports_errors
def export(ref: str, out: Path, home_dir: Path | None) -> None:
    """Write the searchable archive copy of one OCR'd document (id, id prefix or case
    number): its original page images untouched, with an invisible text layer of the
    corrected text at the words' positions, aiming at PDF/A-2b."""
    from diarium.app.archive import export_pdf
    from diarium.ingest.archive_pdf import pdfa_findings

    report = export_pdf(resolve_home(home_dir), ref, out)
    pages = ", ".join(map(str, report.text_pages)) or "none"
    click.echo(
        f"Wrote {out}: text layer on page(s) {pages}, {report.words} words"
        + (
            f"; old OCR layer removed from page(s) "
            f"{', '.join(map(str, report.old_layers_removed))}"
            if report.old_layers_removed
            else ""
        )
        + "."
    )
    for note in report.notes:
        click.echo(f"  note  {note}")
    findings = pdfa_findings(out)
    click.echo(
        "PDF/A-2b checks passed (XMP identification, sRGB OutputIntent, fonts embedded, "
        "no encryption/LZW/JavaScript; not a full veraPDF validation)."
        if not findings
        else "PDF/A-2b checks failed: " + "; ".join(findings)
    )


COMMANDS = [export]
