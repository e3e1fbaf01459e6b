"""A synthetic corpus of Swedish decision pages for search benchmarks.

Sentences come from the shared seed texts and the project's sample texts, so the words
are real Swedish with a natural (Zipfian) frequency curve; each document gets its own
case number, date, body, people and municipality, written into its pages the way real
documents write them. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from diarium.corpus.model import Document, Entity, Metadata, Page, Provenance

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO.parent / "shared" / "corpus" / "reference", REPO / "scripts" / "sample_texts"]
BODIES = ["KS", "KF", "BUN", "SBN", "MBN", "KFN", "SN", "TN", "ÄN", "VN"]
BODY_NAMES = {
    "KS": "Kommunstyrelsen",
    "KF": "Kommunfullmäktige",
    "BUN": "Barn- och utbildningsnämnden",
    "SBN": "Samhällsbyggnadsnämnden",
    "MBN": "Miljö- och byggnadsnämnden",
    "KFN": "Kultur- och fritidsnämnden",
    "SN": "Socialnämnden",
    "TN": "Tekniska nämnden",
    "ÄN": "Äldrenämnden",
    "VN": "Valnämnden",
}
TYPES = [
    "protokoll",
    "protokollsutdrag",
    "tjänsteutlåtande",
    "kallelse",
    "minnesanteckningar",
    "beslut",
    "verksamhetsplan",
]
MUNICIPALITIES = [
    "Huddinge",
    "Botkyrka",
    "Haninge",
    "Tyresö",
    "Nacka",
    "Solna",
    "Sollentuna",
    "Östersund",
    "Falun",
    "Ludvika",
    "Uppsala",
    "Västerås",
    "Örebro",
    "Umeå",
]
FIRST = [
    "Anna",
    "Erik",
    "Karin",
    "Lars",
    "Maria",
    "Johan",
    "Eva",
    "Per",
    "Sara",
    "Magnus",
    "Helena",
    "Mikael",
    "Åsa",
    "Björn",
    "Lena",
    "Jonas",
    "Ingrid",
    "Fredrik",
]
LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindberg",
    "Holm",
    "Sjöberg",
    "Åkesson",
    "Dahl",
]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def sentences() -> list[str]:
    pool: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
            pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]
    return pool


def documents(n_pages: int, pages_per_doc: int = 5, seed: int = 7) -> Iterator[Document]:
    rng = random.Random(seed)
    pool = sentences()
    for n in range(n_pages // pages_per_doc):
        body = rng.choice(BODIES)
        year = rng.randint(2012, 2025)
        serial = rng.randint(1, 2500)
        dnr_text = rng.choice(
            [
                f"{body} {year}/{serial:04d}",
                f"{body}-{year}-{serial:05d}",
                f"{body}-{year}/{serial}.{rng.randint(100, 999)}",
            ]
        )
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        municipality = rng.choice(MUNICIPALITIES)
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 4))]
        kind = rng.choice(TYPES)
        title = " ".join(rng.choice(pool).split()[: rng.randint(4, 9)]).rstrip(".,")
        header = (
            f"{municipality.upper()} KOMMUN\n{kind.capitalize()}\n{BODY_NAMES[body]}\n"
            f"Datum {date}\nDnr {dnr_text}\n{title}\n"
        )
        pages = []
        for p in range(pages_per_doc):
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(10, 16)))
            if p == 0:
                text = header + text
            if rng.random() < 0.3:
                when = f"{day} {MONTHS[month - 1]} {year}"
                text += f" Handläggare {people[0]}. Beslutet fattades den {when}."
            pages.append(Page(number=p + 1, text=text, raw_text=text))
        start = pages[0].text.index(dnr_text)
        entities = [
            Entity(
                "DNR",
                dnr_text,
                dnr_key(body, year, serial, dnr_text),
                1,
                start,
                start + len(dnr_text),
            )
        ]
        entities += [Entity("PERSON", person, person, 1, 0, 0) for person in people]
        entities += [
            Entity("BODY", BODY_NAMES[body], BODY_NAMES[body], 1, 0, 0),
            Entity("BODY", f"{municipality} kommun", f"{municipality} kommun", 1, 0, 0),
        ]
        doc_id = f"{n:064x}"
        yield Document(
            id=doc_id,
            source=f"/bench/{doc_id[-8:]}.pdf",
            filename=f"{doc_id[-8:]}.pdf",
            pages=pages,
            metadata=Metadata(
                title=title,
                document_date=date,
                doc_type=kind,
                municipality=municipality,
                organisation=f"{municipality} kommun",
                dnr=dnr_key(body, year, serial, dnr_text),
                dnr_text=dnr_text,
            ),
            provenance=Provenance("bench", "2026-01-01T00:00:00"),
            entities=entities,
        )


def dnr_key(body: str, year: int, serial: int, written: str) -> str:
    from diarium.extractors.entities.dnr import canonical_dnr

    return canonical_dnr(written) or f"{body}-{year}-{serial}"
