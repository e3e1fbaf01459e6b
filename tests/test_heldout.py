"""Quality on the held-out documents kept in the repository (``tests/data/unseen``,
``tests/data/unseen2``): real documents from organisations the rules were not written
for, labelled by hand before the extractor first ran on them (see each SOURCES.md).
Needs nothing from ../shared/.

The floors are below the figures reached when they were set (see docs/extraction.md);
a change that loses quality on documents nobody tuned to fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from entity_scoring import score_unseen, summarise

DATA = Path(__file__).resolve().parent / "data"
# set -> type -> minimum micro F1
F1_FLOOR = {
    "unseen": {"DNR": 0.90, "DATE": 0.95, "PERSON": 0.95, "BODY": 0.85},
    "unseen2": {"DNR": 0.90, "DATE": 0.95, "PERSON": 0.95, "BODY": 0.85},
}
# set -> field -> minimum documents right (unseen: two of its seven have no title written)
METADATA_FLOOR = {
    "unseen": {"document_date": 6, "doc_type": 6, "title": 4, "municipality": 6},
    "unseen2": {"document_date": 5, "doc_type": 5, "title": 5, "municipality": 5},
}


@pytest.fixture(scope="module", params=sorted(F1_FLOOR))
def held_out(request: pytest.FixtureRequest) -> tuple[str, dict[str, dict[str, float]]]:
    name = request.param
    return name, summarise(score_unseen(DATA / name))


def test_held_out_f1_floors(held_out: tuple[str, dict[str, dict[str, float]]]) -> None:
    name, summary = held_out
    for kind, floor in F1_FLOOR[name].items():
        assert summary[kind]["f1"] >= floor, (name, kind, summary[kind])


def test_held_out_metadata_floors(held_out: tuple[str, dict[str, dict[str, float]]]) -> None:
    name, summary = held_out
    for field, floor in METADATA_FLOOR[name].items():
        assert summary[field]["right"] >= floor, (name, field, summary[field])
