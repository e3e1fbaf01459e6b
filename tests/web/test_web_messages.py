"""The pages' Swedish: each error the application really raises for a bad search, a bad
case number or a missing document reads as a Swedish sentence with what to do, and no
English (or path of the server) is left in it."""

from __future__ import annotations

import re

import pytest

from diarium.app import cases, documents, search
from diarium.app.search import SearchQuery
from diarium.corpus.errors import DiariumError
from diarium.ingest.home import Home
from diarium.web.messages import swedish


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """A home with an index: one born-digital PDF ingested."""
    from click.testing import CliRunner

    from diarium.cli import main
    from tests.support.web_support import HOSTILE_TEXT, text_pdf

    inbox = tmp_path_factory.mktemp("inbox")
    text_pdf(inbox / "beslut.pdf", [HOSTILE_TEXT])
    root = tmp_path_factory.mktemp("home")
    assert CliRunner().invoke(main, ["ingest", "--home", str(root), str(inbox)]).exit_code == 0
    return Home(root)


ENGLISH = re.compile(r"\b(the|is|not|no|date|query|give|write|run|diarium \w+)\b")


def _raised(call) -> DiariumError:  # type: ignore[no-untyped-def]
    with pytest.raises(DiariumError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    ("query", "says"),
    [
        (SearchQuery(text="a" * 1200), "Sök på några ord"),
        (SearchQuery(text="((((((((((((((((((a))))))))))))))))))"), "Förenkla sökningen"),
        (SearchQuery(text="x", date_from="2023-13-01"), "ÅÅÅÅ-MM-DD"),
        (SearchQuery(text="x", date_from="2024-01-01", date_to="2020-01-01"), "Byt plats"),
        (SearchQuery(text="x", filters={"year": ["20x1"]}), "fyra siffror"),
        (SearchQuery(dnr="hej hopp"), "diarienummer"),
    ],
)
def test_search_errors(home: Home, query: SearchQuery, says: str) -> None:
    message = swedish(_raised(lambda: search.search(home, query)))
    assert says in message, message
    assert not ENGLISH.search(message), message
    assert str(home.root) not in message


def test_case_and_document_errors(home: Home) -> None:
    for call, says in [
        (lambda: cases.case(home, "bygglov"), "är inget diarienummer"),
        (lambda: documents.get(home, "0" * 64), "finns inte i arkivet"),
    ]:
        message = swedish(_raised(call))
        assert says in message and not ENGLISH.search(message), message
        assert str(home.root) not in message
