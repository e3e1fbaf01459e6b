"""Every declared search filter (index/filters.py) is one filter wherever it is given:
the CLI's option, the JSON API's parameter and the search page's URL find the same
documents, and a bad value is the same error in each. Over a home ingested from the
repository's own samples, so a clone runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, ingested
from fastapi.testclient import TestClient

from diarium.cli import main
from diarium.index.filters import FACETS, FILTERS
from diarium.ingest.home import Home
from diarium.web.server import create_app

HITS_ON_PAGE = re.compile(r'<a href="/doc/([0-9a-f]{12,})\?')


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory, SAMPLES.glob("*.pdf"))


@pytest.fixture(scope="module")
def client(home: Path) -> TestClient:
    with TestClient(create_app(Home(home)), base_url="http://localhost") as c:
        yield c


def cli(home: Path, given: dict[str, str]) -> tuple[int, str, str]:
    args = ["search", "--home", str(home), "--json", "--limit", "50"]
    for param, value in given.items():
        args += [f"--{param}", value]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def cli_ids(home: Path, given: dict[str, str]) -> list[str]:
    code, out, err = cli(home, given)
    assert code in (0, 1), err
    return [h["id"] for h in json.loads(out)["hits"]] if code == 0 else []


def api_ids(client: TestClient, given: dict[str, str]) -> list[str]:
    response = client.get("/api/search", params={**given, "limit": 50})
    assert response.status_code == 200, response.text
    return [h["id"] for h in response.json()["hits"]]


def page_ids(client: TestClient, given: dict[str, str]) -> list[str]:
    response = client.get("/", params={**given, "per": 50})
    assert response.status_code == 200, response.text
    return list(dict.fromkeys(HITS_ON_PAGE.findall(response.text)))


def facet_values(client: TestClient) -> list[tuple[str, str, int]]:
    """(URL name, value, documents) of every facet value of the whole archive: the dated
    documents (``from=1000``) and the undated ones (``year=utan datum``) are disjoint,
    so their counts add up; a facet is counted without its own filter, so the year
    facet of the second search alone counts them all."""
    counts: dict[str, dict[str, int]] = {}
    for given in ({"from": "1000"}, {"year": "utan datum"}):
        facets = client.get("/api/search", params=given).json()["facets"]
        for name, values in facets.items():
            if name == "year" and "year" not in given:
                continue
            for value, n in values.items():
                counts.setdefault(name, {})[value] = counts.get(name, {}).get(value, 0) + n
    by_field = {f.field: f.param for f in FACETS}
    return [(by_field[name], v, n) for name, values in counts.items() for v, n in values.items()]


def test_every_facet_value_finds_the_same_documents_in_cli_api_and_page(
    home: Path, client: TestClient
) -> None:
    values = facet_values(client)
    # The samples hold a year, a type, a municipality and an organ at the least.
    assert {"year", "type", "municipality", "organ"} <= {param for param, _, _ in values}
    for param, value, documents in values:
        given = {param: value}
        found = api_ids(client, given)
        assert len(found) == documents, (given, found)
        assert cli_ids(home, given) == found, given
        assert page_ids(client, given) == found, given


@pytest.mark.parametrize(
    "given",
    [
        {"from": "2024"},
        {"to": "2023"},
        {"from": "2023-06", "to": "2024-03"},
        {"from": "2024-03-05", "to": "2024-03-05"},
        {"year": "2024", "from": "2024-01"},
    ],
)
def test_dates_mean_the_same_range_everywhere(
    home: Path, client: TestClient, given: dict[str, str]
) -> None:
    found = api_ids(client, given)
    assert cli_ids(home, given) == found
    assert page_ids(client, given) == found


def test_a_bare_year_takes_in_the_whole_year(client: TestClient) -> None:
    """``from=2024&to=2024`` finds what each of its days finds: the March decision."""
    whole = set(api_ids(client, {"from": "2024", "to": "2024"}))
    day = set(api_ids(client, {"from": "2024-03-05", "to": "2024-03-05"}))
    assert day and day <= whole


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"year": "tjugo"}, "year 'tjugo' is not a year"),
        ({"year": "24"}, "year '24' is not a year"),
        ({"from": "2024-13-01"}, "from '2024-13-01' is not a date"),
        ({"to": "2024-02-30"}, "to '2024-02-30' is not a date"),
        ({"from": "igår"}, "from 'igår' is not a date"),
        ({"from": "2024", "to": "2021"}, "from 2024 is after to 2021"),
    ],
)
def test_a_bad_value_is_the_same_error_everywhere(
    home: Path, client: TestClient, given: dict[str, str], words: str
) -> None:
    code, _out, err = cli(home, given)
    assert code == 2, err
    cli_message = err.strip().removeprefix("diarium: ")
    assert words in cli_message
    api = client.get("/api/search", params=given)
    assert api.status_code == 400
    assert api.json()["error"] == cli_message
    page = client.get("/", params=given)
    # The page says it in Swedish, naming the value (the reversed range by its dates).
    assert page.status_code == 400
    assert 'class="error"' in page.text
    assert "Sökningen gick inte att tolka" not in page.text  # a specific sentence, not the fallback
    shown = given.get("year") or given.get("to" if "to" in words[:3] else "from")
    assert shown in page.text


def test_every_filter_is_a_cli_option_and_a_documented_api_parameter(
    client: TestClient,
) -> None:
    help_text = CliRunner().invoke(main, ["search", "--help"]).output
    spec = client.get("/api/openapi.json").json()
    operation = next(
        methods["get"] for path, methods in spec["paths"].items() if path.endswith("/search")
    )
    documented = {p["name"]: p for p in operation["parameters"]}
    for f in FILTERS:
        assert f"--{f.param}" in help_text
        assert documented[f.param]["description"] == f.help
        is_list = documented[f.param]["schema"].get("type") == "array"
        assert is_list == f.many, f.param
