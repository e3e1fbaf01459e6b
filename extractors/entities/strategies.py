"""Running a heuristic as an ordered list of small named strategies.

Each document fact (title, document date, organ, municipality, type) is read by the first
of several strategies that fires, tried in order, the way ``extractors/normalize/pipeline.py``
runs its steps. A strategy is a plain function with a docstring naming the layout it
reads and an example; it returns the value or None. ``first_of`` returns the value and
the strategy's name, which the document keeps as extraction evidence
(``Metadata.evidence``) so ``diarium extract --explain`` can say why a value was chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

C = TypeVar("C")
T = TypeVar("T")


def name_of(strategy: Callable[..., object]) -> str:
    """The strategy's name as evidence: the function name without its leading underscore."""
    return strategy.__name__.lstrip("_")


def first_of(strategies: Sequence[Callable[[C], T | None]], context: C) -> tuple[T | None, str]:
    """The first value a strategy finds, and that strategy's name ("" when none fires)."""
    for strategy in strategies:
        value = strategy(context)
        if value:
            return value, name_of(strategy)
    return None, ""
