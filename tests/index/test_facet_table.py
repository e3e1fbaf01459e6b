"""The array facet table (tantivy's exact path) counts and filters exactly as the
reference rules of ``diarium.index.facets`` (the Whoosh engine's), on random documents and
random filters, including repeated rows, case-folded filter values and missing dates."""

from __future__ import annotations

import random

import pytest

from diarium.index.base import FACET_FIELDS
from diarium.index.facet_table import FacetTable
from diarium.index.facets import DATE, count_facets, distinct_values, passes, sort_counts
from diarium.index.schema import DocFacets

PEOPLE = ["Lena Wahlgren", "Per Holm", "Åsa Öberg", "Anna Berg", "Karl Lind"]
BODIES = ["Kommunstyrelsen", "Barn- och utbildningsnämnden", "Byggnadsnämnden", "KS"]
PLACES = ["Huddinge", "Malmö", "Örebro", None]
TYPES = ["protokoll", "beslut", "kallelse", None]
ORGANS = ["Kommunstyrelsen", "Byggnadsnämnden", None]


def random_facets(rng: random.Random) -> DocFacets:
    year = rng.choice(["2019", "2020", "2021", None])
    date = f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if year else None
    return DocFacets(
        year=year,
        date=date,
        doc_type=rng.choice(TYPES),
        municipality=rng.choice(PLACES),
        organ=rng.choice(ORGANS),
        # Repeats inside one document count once.
        body=tuple(rng.choices(BODIES, k=rng.randint(0, 3))),
        person=tuple(rng.choices(PEOPLE, k=rng.randint(0, 4))),
    )


def random_filters(rng: random.Random) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    if rng.random() < 0.4:
        filters["year"] = rng.sample(["2019", "2020", "2021"], rng.randint(1, 2))
    if rng.random() < 0.4:
        filters["municipality"] = [rng.choice(["huddinge", "MALMÖ", "Örebro"])]
    if rng.random() < 0.4:
        filters["person"] = rng.sample([p.upper() for p in PEOPLE], rng.randint(1, 2))
    if rng.random() < 0.3:
        filters["body"] = [rng.choice(BODIES)]
    if rng.random() < 0.3:
        filters["organ"] = [rng.choice(["kommunstyrelsen", "Byggnadsnämnden"])]
    if rng.random() < 0.2:
        filters["year"] = ["utan datum", *filters.get("year", [])]
    if rng.random() < 0.3:
        filters[DATE] = [rng.choice(["", "2020-03", "2019-05-12"]), rng.choice(["", "2021"])]
    return filters


@pytest.mark.parametrize("seed", range(40))
def test_counts_and_filters_match_the_reference_rules(seed: int) -> None:
    rng = random.Random(seed)
    table = FacetTable()
    pool = [random_facets(rng) for _ in range(30)]
    for key, facets in enumerate(pool):
        table.add(key, facets)
    # A search's documents: some share a row (identical facet values), some rows unused.
    keys = [rng.randrange(len(pool)) for _ in range(rng.randint(0, 60))]
    documents = [pool[k] for k in keys]
    filters = random_filters(rng)

    allowed, counts = table.count(table.rows(keys), filters, True, buckets=1000)  # type: ignore[arg-type]

    passing = {name: passes(documents, name, values) for name, values in filters.items()}
    expected_allowed = [d for d in range(len(documents)) if all(d in s for s in passing.values())]
    assert list(allowed.nonzero()[0]) == expected_allowed
    # Filtering alone (no counts asked for) reads only the filtered facets: same answer.
    alone, no_counts = table.count(table.rows(keys), filters, False, buckets=1000)  # type: ignore[arg-type]
    assert list(alone.nonzero()[0]) == expected_allowed and no_counts == {}
    expected = count_facets(distinct_values(documents), set(range(len(documents))), passing)
    # Order matters (most frequent first, then by value): compare as lists.
    assert {k: list(v.items()) for k, v in counts.items()} == {
        k: list(v.items()) for k, v in expected.items()
    }
    assert list(counts) == list(FACET_FIELDS)


def test_buckets_keep_the_most_frequent_values_in_order() -> None:
    table = FacetTable()
    people = [f"Person {i:02d}" for i in range(12)]
    for key in range(40):
        table.add(key, DocFacets("2020", None, None, None, None, (), tuple(people[: 1 + key % 12])))
    _, counts = table.count(table.rows(range(40)), {}, True, buckets=5)  # type: ignore[arg-type]
    full = sort_counts(
        {p: sum(1 for k in range(40) if p in people[: 1 + k % 12]) for p in people}
    )
    assert list(counts["person"].items()) == list(full.items())[:5]


def test_a_key_added_twice_keeps_one_row() -> None:
    table = FacetTable()
    first = table.add(7, DocFacets("2020", None, "beslut", None, None, (), ()))
    again = table.add(7, DocFacets("2020", None, "beslut", None, None, (), ()))
    assert first == again and len(table) == 1 and table.rows([7, 8]) == [0, None]
