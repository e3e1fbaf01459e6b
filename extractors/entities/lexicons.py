"""Data files of the entity rules, loaded once per process."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from diarium.extractors.data_files import data_lines

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    return data_lines(DATA / name)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names: Isof's name statistics as shipped in Faker's sv_SE person provider
    (the 500 most common female and male names), plus older and rarer names of our own
    file, less the few that are far more often an ordinary capitalised word."""
    lists = faker_sv_names()
    names = set(lists["first_names_female"]) | set(lists["first_names_male"])
    names.update(_lines("first_names.txt"))
    return frozenset(names - set(_lines("first_names_excluded.txt")))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Skatteverket's 500 most common surnames, as shipped in Faker's sv_SE provider."""
    return frozenset(faker_sv_names()["last_names"])


_FAKER_LISTS = ("first_names_female", "first_names_male", "last_names")


@lru_cache(maxsize=1)
def faker_sv_names() -> dict[str, tuple[str, ...]]:
    """The name lists of Faker's sv_SE person provider, read from its source file.

    Importing Faker costs a third of a second in every ingest worker; the lists are
    literals in one file, so they are read with ``ast`` instead. Held equal to the
    imported provider by a test; any other layout falls back to importing it."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec("faker")
    if spec is not None and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "providers/person/sv_SE/__init__.py"
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found = {}
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id in _FAKER_LISTS
                    and isinstance(node.value, ast.Call)
                    and node.value.args
                ):
                    pairs = ast.literal_eval(node.value.args[0])
                    found[node.targets[0].id] = tuple(name for name, _ in pairs)
            if set(found) == set(_FAKER_LISTS):
                return found
        except (OSError, SyntaxError, ValueError, TypeError):
            pass
    from faker.providers.person.sv_SE import Provider

    return {name: tuple(getattr(Provider, name)) for name in _FAKER_LISTS}


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
    """National and regional bodies known by one fixed name: state agencies, courts, county
    boards, the municipalities' associations, and a region not named "Region X"
    ("Västra Götalandsregionen", from regions.tsv)."""
    files = ("agencies.txt", "courts.txt", "county_boards.txt", "municipal_associations.txt")
    names = [name for file in files for name in _lines(file)]
    names += [r for r in regions() if not r.startswith("Region ")]
    return tuple(dict.fromkeys(names))


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
def place_heads() -> tuple[str, ...]:
    """Heads written after a place's name: "Umeå universitet", "Uppsala tingsrätt"."""
    return tuple(_lines("place_heads.txt"))


@lru_cache(maxsize=1)
def universities() -> tuple[str, ...]:
    return tuple(_lines("universities.txt"))


@lru_cache(maxsize=1)
def named_after_heads() -> tuple[str, ...]:
    """Heads a body's proper name follows: "Förbundet Sjuhärad"."""
    return tuple(_lines("named_after_heads.txt"))


@lru_cache(maxsize=1)
def office_heads() -> tuple[str, ...]:
    """Endings of offices' names ("kontoret", "förvaltningen")."""
    return tuple(_lines("office_heads.txt"))


@lru_cache(maxsize=1)
def sender_labels() -> tuple[str, ...]:
    return tuple(_lines("sender_labels.txt"))


@lru_cache(maxsize=1)
def recipient_labels() -> tuple[str, ...]:
    return tuple(_lines("recipient_labels.txt"))


@lru_cache(maxsize=1)
def person_labels() -> tuple[str, ...]:
    """Role labels beside a name ("handläggare", "ordförande"), kept as its role."""
    return tuple(_lines("person_labels.txt"))


@lru_cache(maxsize=1)
def name_particles() -> tuple[str, ...]:
    return tuple(_lines("name_particles.txt"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(_lines("function_words.txt"))


@lru_cache(maxsize=1)
def association_kinds() -> tuple[str, ...]:
    return tuple(_lines("association_kinds.txt"))


@lru_cache(maxsize=1)
def union_cues() -> tuple[str, ...]:
    return tuple(_lines("union_cues.txt"))


@lru_cache(maxsize=1)
def agency_kinds() -> tuple[str, ...]:
    return tuple(_lines("agency_kinds.txt"))


@lru_cache(maxsize=1)
def state_name_heads() -> tuple[str, ...]:
    return tuple(_lines("state_name_heads.txt"))


@lru_cache(maxsize=1)
def meeting_place_labels() -> tuple[str, ...]:
    return tuple(_lines("meeting_place_labels.txt"))


@lru_cache(maxsize=1)
def indefinite_determiners() -> frozenset[str]:
    return frozenset(_lines("indefinite_determiners.txt"))


@lru_cache(maxsize=1)
def report_names() -> tuple[str, ...]:
    """Names a report's cover opens with ("årsredovisning", "delårsrapport"), longest first."""
    return tuple(sorted(_lines("report_names.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def header_labels() -> tuple[str, ...]:
    """Field labels of a document header (regular-expression fragments, lower case),
    longest first: "handläggare", "vårt\\s+datum", "sammanträdesdatum"."""
    return tuple(sorted(_lines("header_labels.txt"), key=len, reverse=True))
