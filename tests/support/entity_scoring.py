"""Scoring diarium's entities and metadata against hand-checked gold files.

The rules are those of ``../shared/dev/README.md`` ("Scoring"), so that figures printed
here are comparable with figures measured on documents outside the repository:
strings are compared after a light normalisation, case numbers as written (label and
whitespace removed), dates as ISO days, people as names, bodies by a fuzzy ratio of at
least 90 against the canonical name or any written variant. Counts are summed over
documents (micro-average) per type.

Used by ``bench/bench_entities.py`` (prints the table) and
``tests/extractors/entities/test_entity_floor.py`` (holds the floor reached).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tests.support.paths import DATA

TYPES = ("DNR", "DATE", "PERSON", "BODY")
_LABEL = re.compile(r"^(?:dnr|diarienummer|diarienr|ärendenummer)\.?:?\s*")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,:;()")


def norm_dnr(text: str) -> str:
    return re.sub(r"\s+", "", _LABEL.sub("", norm(text)))


@dataclass
class Counts:
    """True positives, predictions and gold items of one type (summed over documents)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    # Recall on the explicit dates alone (DATE only): hits and explicit gold.
    tp_explicit: int = 0
    gold_explicit: int = 0
    # Bodies: distinct gold bodies hit (recall), apart from correct predictions (``tp``).
    gold_hit: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.tp_explicit += other.tp_explicit
        self.gold_explicit += other.gold_explicit
        self.gold_hit += other.gold_hit

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    name: str
    counts: dict[str, Counts]
    metadata: dict[str, tuple[Any, Any]]  # field -> (predicted, gold)
    misses: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    def metadata_right(self, name: str) -> bool:
        predicted, gold = self.metadata[name]
        if name == "municipality" or name == "organisation":
            return norm(predicted or "") == norm(gold or "")
        if name == "title":
            return bool(predicted) and bool(gold) and fuzz.ratio(norm(predicted), norm(gold)) >= 80
        return predicted == gold


def _sets(predicted: Iterable[str], gold: Iterable[str]) -> tuple[Counts, list[str], list[str]]:
    p, g = set(predicted), set(gold)
    counts = Counts(tp=len(p & g), predicted=len(p), gold=len(g))
    return counts, sorted(p - g), sorted(g - p)


def score_document(name: str, doc: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one document JSON (``Document.to_dict()``) against one gold file."""
    ents = doc.get("entities", [])

    def of(kind: str) -> list[dict[str, Any]]:
        return [e for e in ents if e["type"] == kind]

    counts: dict[str, Counts] = {}
    misses: dict[str, tuple[list[str], list[str]]] = {}

    dnr_pred = {norm_dnr(e.get("text") or e["value"]) for e in of("DNR")}
    dnr_gold = {norm_dnr(x) for x in gold.get("diarienummer", [])}
    counts["DNR"], *pair = _sets(dnr_pred, dnr_gold)
    misses["DNR"] = (pair[0], pair[1])

    date_pred = {e["value"][:10] for e in of("DATE")}
    explicit = set(gold.get("dates_explicit", []))
    date_gold = explicit | set(gold.get("dates_implicit", []))
    counts["DATE"], *pair = _sets(date_pred, date_gold)
    counts["DATE"].tp_explicit = len(date_pred & explicit)
    counts["DATE"].gold_explicit = len(explicit)
    misses["DATE"] = (pair[0], pair[1])

    person_pred = {norm(e.get("value") or e["text"]) for e in of("PERSON")}
    person_gold = {norm(x) for x in gold.get("people", [])}
    counts["PERSON"], *pair = _sets(person_pred, person_gold)
    misses["PERSON"] = (pair[0], pair[1])

    counts["BODY"], misses["BODY"] = _score_bodies(of("BODY"), gold)

    md = doc.get("metadata") or {}
    metadata = {
        key: (md.get(key), gold.get(key))
        for key in ("document_date", "doc_type", "title", "municipality", "organisation")
    }
    return DocScore(name, counts, metadata, misses)


def _score_bodies(
    predicted: list[dict[str, Any]], gold: dict[str, Any]
) -> tuple[Counts, tuple[list[str], list[str]]]:
    forms: dict[str, list[str]] = {}
    for canonical in gold.get("bodies", []):
        variants = gold.get("body_variants", {}).get(canonical, [])
        forms[canonical] = sorted({norm(canonical), *(norm(v) for v in variants)})

    def hits(name: str) -> list[str]:
        return [
            canonical
            for canonical, written in forms.items()
            if any(name == w or fuzz.ratio(name, w) >= 90 for w in written)
        ]

    names = {norm(e.get("value") or e["text"]) for e in predicted}
    correct = 0
    found: set[str] = set()
    wrong: list[str] = []
    for name in names:
        matched = hits(name)
        if matched:
            correct += 1
            found.update(matched)
        else:
            wrong.append(name)
    counts = Counts(tp=correct, predicted=len(names), gold=len(forms), gold_hit=len(found))
    missed = sorted(set(forms) - found)
    return counts, (sorted(wrong), missed)


def summarise(scores: list[DocScore]) -> dict[str, dict[str, float]]:
    """Micro-averaged P/R/F1 per type over the documents."""
    table: dict[str, dict[str, float]] = {}
    for kind in TYPES:
        total = Counts()
        for s in scores:
            total.add(s.counts[kind])
        if kind == "BODY":
            p = total.tp / total.predicted if total.predicted else 0.0
            r = total.gold_hit / total.gold if total.gold else 1.0
        else:
            p, r = total.precision, total.recall
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[kind] = {"precision": p, "recall": r, "f1": f, "gold": total.gold}
        if kind == "DATE":
            table[kind]["recall_explicit"] = (
                total.tp_explicit / total.gold_explicit if total.gold_explicit else 1.0
            )
    for name in ("document_date", "doc_type", "title", "municipality"):
        table[name] = {"right": sum(s.metadata_right(name) for s in scores), "of": len(scores)}
    return table


# --- the document sets -------------------------------------------------------------------


def dev_cases(shared: Path) -> list[tuple[str, list[str], dict[str, Any]]]:
    """(name, pages, gold) for every text of ``../shared/dev/``; pages split at form feeds."""
    cases = []
    for gold_path in sorted((shared / "dev/gold").glob("*.json")):
        text = (shared / "dev/texts" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages = pages[:-1]
        cases.append((gold_path.stem, pages, json.loads(gold_path.read_text(encoding="utf-8"))))
    return cases


def extract_pages(pages: list[str]) -> dict[str, Any]:
    """A document JSON from plain page texts, through normalization and entities as in ingest."""
    from diarium.extractors.document import assemble_document
    from diarium.extractors.pages import PageWork

    works = [PageWork(number=n, raw_text=t, method="text") for n, t in enumerate(pages, 1)]
    return assemble_document("0" * 64, "dev", "dev.txt", works).to_dict()


def extract_pdf(pdf: Path) -> dict[str, Any]:
    """A document JSON from a text-layer PDF, as ingest makes it."""
    from diarium.extractors.document import assemble_document
    from diarium.extractors.pages import PageOptions, triage_pages

    works = triage_pages(str(pdf), PageOptions(ocr="never"))
    return assemble_document("0" * 64, str(pdf), pdf.name, works).to_dict()


def score_dev(shared: Path) -> list[DocScore]:
    return [score_document(n, extract_pages(p), g) for n, p, g in dev_cases(shared)]


def score_dev_pdf(shared: Path) -> list[DocScore]:
    """The real Högsby PDF through the text layer, against the Högsby gold."""
    out = []
    for pdf in sorted((shared / "dev/pdf").glob("*.pdf")):
        gold_path = shared / "dev/gold" / f"{pdf.stem}.json"
        if gold_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(score_document(f"{pdf.stem} (pdf)", extract_pdf(pdf), gold))
    return out


def score_shared_gold(shared: Path) -> list[DocScore]:
    """Seeds 000 and 004 from their text PDFs against ``../shared/gold/entities``."""
    out = []
    for gold_path in sorted((shared / "gold/entities").glob("*.json")):
        pdf = shared / "corpus/text" / f"{gold_path.stem}.pdf"
        if pdf.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(score_document(gold_path.stem, extract_pdf(pdf), gold))
    return out


UNSEEN = DATA / "unseen"


def unseen_cases(folder: Path = UNSEEN) -> list[tuple[str, list[str], dict[str, Any]]]:
    """(name, pages, gold) of the hand-labelled unseen documents in ``tests/data/unseen``."""
    cases = []
    for gold_path in sorted(folder.glob("*.json")):
        text = (folder / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        pages = [p for p in text.split("\f") if p.strip()] or [text]
        cases.append((gold_path.stem, pages, json.loads(gold_path.read_text(encoding="utf-8"))))
    return cases


def score_unseen(folder: Path = UNSEEN) -> list[DocScore]:
    return [score_document(n, extract_pages(p), g) for n, p, g in unseen_cases(folder)]
