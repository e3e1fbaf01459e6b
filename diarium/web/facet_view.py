"""What the search page shows of the facets and the active filters.

A facet shows its most frequent values and keeps the rest one "Visa fler" away (bodies
and people run to a hundred values); years are listed in year order, newest first, as a
registrar reads them; every filter that is on is a chip that takes it off again, and
"Rensa alla" takes them all off but keeps the words searched for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from diarium.web.params import LABELS, SearchState

SHOWN = 8  # values shown at once per facet; the rest behind "Visa fler"
MOST = 200  # values listed at all per facet (the rest wants a narrower search)
# Facets whose values have an order of their own, and that order.
ORDERED = {"year": lambda value: (-int(value) if value.isdigit() else 0, value)}


@dataclass
class FacetValue:
    value: str
    count: int
    active: bool
    url: str


@dataclass
class FacetView:
    name: str
    label: str
    shown: list[FacetValue]
    more: list[FacetValue]


@dataclass
class Chip:
    label: str
    url: str  # this search without the filter


def facet_view(state: SearchState, name: str, label: str, counts: dict[str, int]) -> FacetView:
    """The values of one facet: every value switched on (even at zero), then the most
    frequent ones; in year order for years."""
    pairs = list(counts.items())[:MOST]
    for value in state.filters.get(name, []):
        if value not in counts:
            pairs.append((value, 0))
    if name in ORDERED:
        pairs.sort(key=lambda p: ORDERED[name](p[0]))
    values = [FacetValue(v, n, state.active(name, v), state.toggled(name, v)) for v, n in pairs]
    if name in ORDERED:
        return FacetView(name, label, values[:SHOWN], values[SHOWN:])
    active = [v for v in values if v.active]
    rest = [v for v in values if not v.active]
    first = active + rest[: max(0, SHOWN - len(active))]
    return FacetView(name, label, first, rest[max(0, SHOWN - len(active)) :])


def chips(state: SearchState) -> list[Chip]:
    """One chip per filter switched on, dates included."""
    out = [
        Chip(f"{LABELS.get(name, name)}: {value}", state.toggled(name, value))
        for name, values in state.filters.items()
        for value in values
    ]
    if state.date_from:
        unset = replace(state, date_from="", page=1).url()
        out.append(Chip(f"{LABELS['date_from']} {state.date_from}", unset))
    if state.date_to:
        unset = replace(state, date_to="", page=1).url()
        out.append(Chip(f"{LABELS['date_to']} {state.date_to}", unset))
    if state.dnr:
        out.append(Chip(f"Diarienummer: {state.dnr}", replace(state, dnr="", page=1).url()))
    return out


def cleared(state: SearchState) -> str:
    """This search's words with every filter off."""
    return replace(state, filters={}, date_from="", date_to="", dnr="", page=1).url()
