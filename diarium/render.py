"""Terminal rendering of search results and documents (JSON output needs none of this)."""

from __future__ import annotations

import re

import click

from diarium.corpus.model import Document
from diarium.index.base import SearchResult

# Engines mark matched words in snippets with these, so the terminal can colour them.
_MARK = re.compile(r"\[\[(.+?)\]\]")


def highlight(snippet: str, color: bool) -> str:
    if color:
        return _MARK.sub(lambda m: click.style(m.group(1), fg="yellow", bold=True), snippet)
    return _MARK.sub(lambda m: f"*{m.group(1)}*", snippet)


def search_lines(result: SearchResult, color: bool) -> list[str]:
    lines: list[str] = []
    if result.total == 0:
        lines.append(f"No documents match {result.query!r}.")
        if result.suggestion:
            lines.append(f"Menade du: {result.suggestion}")
        lines += _undated_note(result)
        return lines
    # An estimated total is an upper bound (see index/tantivy_engine.py): say so.
    about = "up to " if result.estimated else ""
    lines.append(f"{about}{result.total} document(s) match {result.query!r}.")
    lines += _undated_note(result)
    for rank, hit in enumerate(result.hits, start=1):
        title = hit.title or hit.filename
        lines.append("")
        lines.append(f"{rank}. {click.style(title, bold=True) if color else title}")
        facts = [
            f"date {hit.document_date}" if hit.document_date else None,
            f"dnr {', '.join(hit.dnr)}" if hit.dnr else None,
            hit.doc_type,
            f"organ {hit.organ}" if hit.organ else None,
            ", ".join(hit.body[:2]) if hit.body else None,
            hit.municipality,
        ]
        lines.append("   " + " · ".join(f for f in facts if f))
        lines.append(f"   {hit.filename}  id {hit.id[:12]}  page {hit.page}  score {hit.score:.2f}")
        if hit.snippet:
            lines.append(f"   p.{hit.page}: {highlight(hit.snippet, color)}")
        if hit.versions:
            lines.append(f"   also as: {', '.join('id ' + v[:12] for v in hit.versions)}")
    if result.facets:
        lines.append("")
        lines.append("Facets:")
        for name, counts in result.facets.items():
            if counts:
                shown = ", ".join(f"{value} ({n})" for value, n in list(counts.items())[:10])
                lines.append(f"  {name}: {shown}")
    return lines


def _undated_note(result: SearchResult) -> list[str]:
    """The undated documents a date or year filter left out, so none vanish silently."""
    if not result.undated_left_out:
        return []
    return [
        f"{result.undated_left_out} undated document(s) also match but were left out by the "
        "date filter (--year 'utan datum' shows them)."
    ]


def document_lines(doc: Document, with_text: bool) -> list[str]:
    md = doc.metadata
    lines = [
        f"{md.title or doc.filename}",
        f"  id            {doc.id}",
        f"  file          {doc.source}",
        f"  pages         {doc.n_pages} ({', '.join(f'{p.number}:{p.method}' for p in doc.pages)})",
        f"  date          {md.document_date or '-'}",
        f"  type          {md.doc_type or '-'}",
        f"  dnr           {md.dnr_text or md.dnr or '-'}",
        f"  municipality  {md.municipality or '-'}",
        f"  organisation  {md.organisation or '-'}",
        f"  organ         {md.organ or '-'}",
    ]
    for kind in ("DNR", "DATE", "PERSON", "BODY", "PNR"):
        values = sorted({e.value for e in doc.entities_of(kind)})
        if values:
            lines.append(f"  {kind.lower():<13} {', '.join(values)}")
    errors = [f"page {p.number}: {p.error}" for p in doc.pages if p.error]
    for err in errors:
        lines.append(f"  warning       {err}")
    if with_text:
        for page in doc.pages:
            lines.append("")
            lines.append(f"--- page {page.number} ({page.method}) ---")
            lines.append(page.text)
    return lines


def explain_lines(doc: Document) -> list[str]:
    """Why each header fact was chosen: the value, the strategy that found it, and what
    layout that strategy reads (its docstring's first sentence)."""
    from diarium.extractors.entities.metadata import strategy_doc

    md = doc.metadata
    facts = [
        ("title", md.title, "title"),
        ("document_date", md.document_date, "document_date"),
        ("doc_type", md.doc_type, "doc_type"),
        ("organ", md.organ, "organ"),
        ("municipality", md.municipality, "municipality"),
        ("organisation", md.organisation, "municipality"),
        ("dnr", md.dnr_text or md.dnr, "dnr"),
    ]
    lines = [f"{doc.filename}"]
    for name, value, key in facts:
        strategy = md.evidence.get(key, "")
        lines.append(f"  {name:<14} {value or '-'}")
        if strategy:
            lines.append(f"  {'':<14} by {strategy}: {strategy_doc(strategy)}")
        else:
            lines.append(f"  {'':<14} no strategy fired")
    return lines
