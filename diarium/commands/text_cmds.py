"""``diarium normalize``: the page normalizer on any text, for checking exports."""

from __future__ import annotations

import click

from diarium.cli import reports_errors
from diarium.commands.pii_cmds import unmasked_option


@click.command()
@click.argument(
    "file", type=click.File("r", encoding="utf-8", errors="surrogateescape"), default="-"
)
@click.option("--explain", is_flag=True, help="List every change: original → new, kind, position.")
@unmasked_option
@reports_errors
def normalize(file: click.utils.LazyFile, explain: bool, unmasked: bool) -> None:
    """Repair mangled Swedish text from FILE (or stdin) and print it.

    Fixes Unicode forms, mojibake, 7-bit Swedish, OCR confusions of å/ä/ö and
    line-end hyphenation; text that is already clean comes back unchanged.
    """
    from diarium.extractors.masking import mask_pnrs
    from diarium.extractors.normalize import explain_lines, normalize_text

    def shown(text: str) -> str:
        return text if unmasked else mask_pnrs(text)

    result = normalize_text(file.read())
    if explain:
        for line in explain_lines(result):
            click.echo(shown(line))
        return
    click.echo(shown(result.text), nl=False)


COMMANDS = [normalize]
