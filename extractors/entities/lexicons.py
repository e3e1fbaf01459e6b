"""Data files of the entity rules, loaded once per process."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names: Isof's name statistics as shipped in Faker's sv_SE person provider
    (the 500 most common female and male names), plus older and rarer names of our own
    file, less the few that are far more often an ordinary capitalised word."""
    from faker.providers.person.sv_SE import Provider

    names = set(Provider.first_names_female) | set(Provider.first_names_male)
    names.update(_lines("first_names.txt"))
    return frozenset(names - set(_lines("first_names_excluded.txt")))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Skatteverket's 500 most common surnames, as shipped in Faker's sv_SE provider."""
    from faker.providers.person.sv_SE import Provider

    return frozenset(Provider.last_names)


@lru_cache(maxsize=1)
def party_letters() -> frozenset[str]:
    """Party letters in upper case ("S", "KD", "MP")."""
    return frozenset(_lines("parties.txt"))


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    return frozenset(_lines("place_nouns.txt"))


@lru_cache(maxsize=1)
def genitive_owned_nouns() -> frozenset[str]:
    """Nouns that, after a name and its party letters, make the name a genitive."""
    return frozenset(_lines("genitive_owned_nouns.txt"))


@lru_cache(maxsize=1)
def person_stopwords() -> frozenset[str]:
    return frozenset(_lines("person_stopwords.txt"))


@lru_cache(maxsize=1)
def unit_heads() -> tuple[str, ...]:
    """Endings of internal units' names ("Miljöavdelningen", "Naturskyddsenheten")."""
    return tuple(_lines("unit_heads.txt"))


@lru_cache(maxsize=1)
def person_roles() -> tuple[frozenset[str], tuple[str, ...]]:
    """(role words, role suffixes) that mark the name next to them as a person's."""
    rows = _lines("person_roles.txt")
    words = frozenset(r for r in rows if not r.startswith("-"))
    return words, tuple(r[1:] for r in rows if r.startswith("-"))


@lru_cache(maxsize=1)
def body_heads() -> tuple[str, ...]:
    return tuple(_lines("body_heads.txt"))


@lru_cache(maxsize=1)
def agencies() -> tuple[str, ...]:
    return tuple(_lines("agencies.txt"))


@lru_cache(maxsize=1)
def doc_type_words() -> tuple[tuple[str, str], ...]:
    rows = [ln.split("\t") for ln in _lines("doc_types.tsv")]
    return tuple((word, kind) for word, kind in rows)


@lru_cache(maxsize=1)
def municipalities() -> dict[str, str]:
    """Short name ("Huddinge") → official name ("Huddinge kommun")."""
    with open(DATA / "municipalities.csv", encoding="utf-8", newline="") as fh:
        return {
            row["municipality_name_short"]: row["municipality_name"] for row in csv.DictReader(fh)
        }


@lru_cache(maxsize=1)
def municipality_aliases() -> dict[str, str]:
    """Alias ("Falu") → short name ("Falun") for names written another way in practice."""
    return dict(ln.split("\t") for ln in _lines("municipality_aliases.tsv"))


@lru_cache(maxsize=1)
def attendance_labels() -> tuple[str, ...]:
    return tuple(_lines("attendance_labels.txt"))


@lru_cache(maxsize=1)
def generic_heads() -> frozenset[str]:
    return frozenset(_lines("body_generic.txt"))


@lru_cache(maxsize=1)
def organisations() -> tuple[str, ...]:
    return tuple(_lines("organisations.txt"))


@lru_cache(maxsize=1)
def cued_unions() -> tuple[str, ...]:
    return tuple(_lines("unions_cued.txt"))


@lru_cache(maxsize=1)
def municipal_company_words() -> tuple[str, ...]:
    return tuple(_lines("municipal_company_words.txt"))


@lru_cache(maxsize=1)
def organ_adjectives() -> tuple[str, ...]:
    return tuple(_lines("organ_adjectives.txt"))


def _table(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


@lru_cache(maxsize=1)
def header_date_labels() -> tuple[tuple[str, int], ...]:
    """(label, rank) of a document's own date, longest label first."""
    rows = [(label, int(rank)) for label, rank in _table("header_date_labels.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def header_date_excluded() -> tuple[str, ...]:
    return tuple(_lines("header_date_excluded.txt"))


@lru_cache(maxsize=1)
def protocol_cues() -> tuple[str, ...]:
    return tuple(_lines("protocol_cues.txt"))


@lru_cache(maxsize=1)
def deciding_organs() -> tuple[str, ...]:
    return tuple(_lines("deciding_organs.txt"))


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Region name → the town of its offices."""
    return {region: town for region, town in _table("regions.tsv")}


@lru_cache(maxsize=1)
def organisation_aliases() -> dict[str, str]:
    return {written: org for written, org in _table("organisation_aliases.tsv")}


@lru_cache(maxsize=1)
def title_skip_headings() -> frozenset[str]:
    return frozenset(_lines("title_skip_headings.txt"))


@lru_cache(maxsize=1)
def subject_openers() -> tuple[str, ...]:
    return tuple(_lines("subject_openers.txt"))


@lru_cache(maxsize=1)
def title_end_headings() -> tuple[str, ...]:
    return tuple(_lines("title_end_headings.txt"))


@lru_cache(maxsize=1)
def authority_verbs() -> tuple[str, ...]:
    return tuple(_lines("authority_verbs.txt"))


@lru_cache(maxsize=1)
def organ_labels() -> tuple[str, ...]:
    return tuple(_lines("organ_labels.txt"))


@lru_cache(maxsize=1)
def for_name_heads() -> tuple[str, ...]:
    return tuple(_lines("for_name_heads.txt"))


@lru_cache(maxsize=1)
def address_patterns() -> tuple[str, ...]:
    return tuple(_lines("address_patterns.txt"))


@lru_cache(maxsize=1)
def report_names() -> tuple[str, ...]:
    """Names a report's cover opens with ("årsredovisning", "delårsrapport"), longest first."""
    return tuple(sorted(_lines("report_names.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def header_labels() -> tuple[str, ...]:
    """Field labels of a document header (regular-expression fragments, lower case),
    longest first: "handläggare", "vårt\\s+datum", "sammanträdesdatum"."""
    return tuple(sorted(_lines("header_labels.txt"), key=len, reverse=True))
