"""Jinja2 for the pages: autoescape on for every template, and one filter that turns the
application's ``[[…]]`` match marks into ``<mark>`` only after the text is escaped, so
no document text can ever become markup."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


def marked(text: str | None) -> Markup:
    """Escape ``text``, then wrap the words the query matched in ``<mark>``."""
    escaped = str(escape(text or ""))
    return Markup(_MARK.sub(r"<mark>\1</mark>", escaped))


def mark_count(text: str | None) -> int:
    return len(_MARK.findall(text or ""))


@lru_cache(maxsize=4096)
def case_url(printed: str) -> str | None:
    """The case page of a case number as printed; None when it is no case number."""
    from diarium.app.cases import case_key

    key = case_key(printed)
    return f"/arende/{quote(key)}" if key else None


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["marked"] = marked
    env.filters["mark_count"] = mark_count
    env.filters["case_url"] = case_url
    return env
