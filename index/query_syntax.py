"""Whether a typed query says something the engines can answer, before it is parsed.

Whoosh's parser never refuses anything: ``beslut OR`` becomes a search for the words
"beslut" and "or", ``OR beslut`` the same, an unclosed ``((`` is dropped, and ``NOT
beslut`` alone is a set of pages, so documents holding "beslut" on another page come
back. Each of these answers "nothing found" or the opposite of what was meant, which a
person cannot tell from "no such decision". This module reads the operators and
brackets only (words, phrases and ``field:`` terms are left to the parser) and refuses
such a query with a message that says what is wrong and how to write it.

Operators are the upper-case words ``AND``, ``OR``, ``NOT``, ``ANDNOT`` and
``ANDMAYBE`` (the parser's); in lower case they are ordinary words, which the messages
point out, so "or" can still be searched for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from diarium.corpus.errors import QueryError

BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
UNARY = frozenset({"NOT"})

# A phrase (to its closing quote, or the end), a bracket, or a run of anything else.
_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')


@dataclass(frozen=True)
class _Token:
    text: str

    @property
    def kind(self) -> str:
        if self.text in ("(", ")"):
            return self.text
        if self.text in BINARY:
            return "binary"
        if self.text in UNARY:
            return "not"
        return "term"


def check_syntax(query: str) -> None:
    """``QueryError`` naming the problem when ``query`` has an operator with nothing to
    join, brackets that do not pair, or nothing but ``NOT`` parts; otherwise nothing."""
    tokens = [_Token(t) for t in _TOKEN.findall(query)]
    if not tokens:
        return
    _check_brackets(query, tokens)
    _check_operators(query, tokens)
    _check_something_wanted(query, tokens)


def _check_brackets(query: str, tokens: list[_Token]) -> None:
    depth = 0
    for token in tokens:
        if token.kind == "(":
            depth += 1
        elif token.kind == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"{query!r} closes a bracket ')' that was never opened; remove it")
    if depth:
        raise QueryError(
            f"{query!r} opens {depth} bracket(s) '(' that are never closed; close each "
            "with ')' or remove it"
        )
    for before, after in pairwise(tokens):
        if before.kind == "(" and after.kind == ")":
            raise QueryError(f"{query!r} has empty brackets '()'; put words inside or remove them")


def _check_operators(query: str, tokens: list[_Token]) -> None:
    """A binary operator needs a term (or bracket) on both sides, NOT one after it."""
    for i, token in enumerate(tokens):
        if token.kind not in ("binary", "not"):
            continue
        before = tokens[i - 1].kind if i else None
        after = tokens[i + 1].kind if i + 1 < len(tokens) else None
        if after in (None, ")", "binary"):
            where = "at the end of" if after is None else "with nothing after it in"
            raise QueryError(_dangling(token.text, where, query))
        if token.kind == "binary" and before in (None, "(", "binary", "not"):
            where = "at the start of" if before is None else "with nothing before it in"
            raise QueryError(_dangling(token.text, where, query))


def _dangling(operator: str, where: str, query: str) -> str:
    return (
        f"{operator} {where} {query!r} joins nothing: put a word on both sides "
        f"(beslut {operator} protokoll), or write {operator.lower()!r} in lower case to "
        "search for the word"
    )


def _check_something_wanted(query: str, tokens: list[_Token]) -> None:
    """A query whose every alternative is only ``NOT`` parts says what to leave out but
    not what to find; an engine would answer with pages, not documents, without it."""
    position = 0

    def alternatives() -> bool:
        """Whether every OR'ed alternative up to the closing bracket wants something."""
        nonlocal position
        all_positive = True
        wants = False
        negate = False
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token.kind == ")":
                break
            if token.kind == "not":
                negate = True
                continue
            if token.text == "OR":
                all_positive = all_positive and wants
                wants = False
                continue
            if token.text == "ANDNOT":
                negate = True
                continue
            if token.kind == "binary":
                continue
            positive = alternatives() if token.kind == "(" else True
            if positive and not negate:
                wants = True
            negate = False
        return all_positive and wants

    if not alternatives():
        raise QueryError(
            f"{query!r} (or one of its OR'ed alternatives) says only what to leave out "
            "(NOT …); say what to look for as well, e.g. 'kommunstyrelsen NOT beslut'"
        )
