"""Options shared by several commands: extraction, workers, access, the search filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # loaded by the commands that extract, not by every command's module
    from diarium.extractors.pages import PageOptions

F = TypeVar("F", bound=Callable[..., Any])


def extraction_options(fn: F) -> F:
    decorators = [
        click.option(
            "--ocr",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="auto: decide per page from the text layer's quality; always: OCR every "
            "page; never: use text layers only.",
        ),
        click.option(
            "--ocr-lang",
            default="swe",
            show_default=True,
            help="Tesseract language(s), e.g. swe+eng.",
        ),
        click.option(
            "--page-timeout",
            type=click.FloatRange(min=1),
            default=120.0,
            show_default=True,
            help="Seconds one page's OCR may take before it is stored empty with an error.",
        ),
    ]
    for decorate in reversed(decorators):
        fn = decorate(fn)
    return fn


def workers_option(fn: F) -> F:
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=_default_workers,
        show_default="all cores",
        help="Worker processes for extraction and OCR.",
    )(fn)


def _default_workers() -> int:
    from diarium.ingest.executor import default_workers

    return default_workers()


def page_options(ocr: str, ocr_lang: str, page_timeout: float) -> PageOptions:
    from diarium.extractors.pages import PageOptions

    return PageOptions(ocr=ocr, ocr_lang=ocr_lang, page_timeout=page_timeout)


# The most documents one search prints; more is never read by a person.
MAX_LIMIT = 10000


def filter_options(fn: F) -> F:
    """One option per declared search filter (index/filters.py): ``--year``, ``--type``,
    ..., ``--from``, ``--to``. Values are passed on as typed; the application reads and
    checks them, as it does the page's and the API's."""
    from diarium.index.filters import FILTERS

    for f in reversed(FILTERS):
        fn = click.option(f"--{f.param}", f.field, multiple=f.many, help=f.help)(fn)
    return fn


def cluster_option(fn: F) -> F:
    return click.option(
        "--cluster",
        metavar="tcp://HOST:PORT",
        default=None,
        help="Run the work on the workers of this Dask scheduler instead of local "
        "processes (see README, 'Batch work on a Dask cluster').",
    )(fn)


def access_options(fn: F) -> F:
    """``--access public|restricted`` and ``--reason``: the access class of the documents a
    run stores (``ingest``, ``watch``: a folder watched with ``--access restricted`` is
    the rule that whatever arrives there is under secrecy)."""
    fn = click.option(
        "--reason", default=None, help='Ground for --access restricted, e.g. "OSL 26:1".'
    )(fn)
    return click.option(
        "--access",
        type=click.Choice(["public", "restricted"]),
        default="public",
        show_default=True,
        help="Access class of the new documents: restricted (sekretess) ones are seen by "
        "officers and up only.",
    )(fn)
