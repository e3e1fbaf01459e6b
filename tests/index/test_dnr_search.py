"""Case numbers typed the way staff remember them find the document that writes them.

Documents go through the same entity extraction as ingest (``with_entities``) and into a
real index on every engine; the real Högsby 2007 PDF goes through ``diarium ingest``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from diarium.cli import main
from diarium.corpus.model import Document, Metadata, Page, Provenance
from diarium.extractors.document import with_entities
from diarium.index import ENGINES, open_index
from diarium.index.base import SearchRequest

# Each document writes its case number one registry's way, among other text.
PAGES = {
    "ks97": "KOMMUNSTYRELSEN\nDatum 1997-11-03\nDnr Ks 97/1155 253\nMotion om gatubelysning.",
    "rv18": "Region Västerbotten\nBeslut 2018-06-12\nÄrendenr RV180949\nAvgifter i tandvården.",
    "ks16": "Tjänsteskrivelse 2016-05-02\nDnr 2016/KS 0259 10\nÖversyn av reglementen.",
    "ks22": "Kommunstyrelsen\n2022-04-07\nDiarienummer KS-2022/960.103\nÖverenskommelse.",
    "gbg23": (
        " Beslutad av:       Gäller för:              Diarienummer:\n"
        " Stadsdirektör      Stadsledningskontoret    0451/23\n"
        "Digitaliseringsplan för stadsledningskontoret."
    ),
    "von25": "Diarienummer: VON/2025:00149\nRiktlinje för anhörigstöd, beslutad 2025-06-16.",
    "agenda": (
        "Föredragningslista 2024-01-29\n"
        "Nr  Ärende                              Beteckning\n"
        "1   Budget 2024                         2023-00250\n"
        "2   Motion om cykelvägar                2023-00311\n"
    ),
    "other": "Protokoll 2019-03-04\nKS 2019/0643 Budget. Interpellation Nr 2001:25. SFS 1991:900.",
}


def _doc(name: str, text: str) -> Document:
    doc = Document(
        id=(name * 64)[:64],
        source=f"/in/{name}.pdf",
        filename=f"{name}.pdf",
        pages=[Page(1, text, text)],
        metadata=Metadata(),
        provenance=Provenance("test", "2024-01-01T00:00:00"),
    )
    return with_entities(doc)


@pytest.fixture(scope="module", params=ENGINES)
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    ix = open_index(tmp_path_factory.mktemp("ix") / "ix", request.param)
    with ix.writer() as writer:
        for name, text in PAGES.items():
            writer.add_document(_doc(name, text))
    return ix


def _found(ix, query: str = "", dnr: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.filename for h in ix.search(SearchRequest(query, dnr=dnr)).hits]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ks 97/1155", "ks97.pdf"),
        ("Ks 97/1155 253", "ks97.pdf"),
        ("rv 180949", "rv18.pdf"),
        ("RV180949", "rv18.pdf"),
        ("ks 2016/259", "ks16.pdf"),
        ("2016/KS 0259 10", "ks16.pdf"),
        ("ks 2022/960", "ks22.pdf"),
        ("0451/23", "gbg23.pdf"),
        ("451/23", "gbg23.pdf"),
        ("von/2025:149", "von25.pdf"),
        ("2023-00311", "agenda.pdf"),
        ("2023/311", "agenda.pdf"),
    ],
)
def test_a_typed_case_number_finds_its_document_only(index, typed: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _found(index, typed) == [expected]
    assert _found(index, dnr=typed) == [expected]


@pytest.mark.parametrize("typed", ["ks 97/1156", "rv 180950", "0452/23", "ks 2016/258"])
def test_a_case_number_nobody_wrote_finds_nothing(index, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert _found(index, dnr=typed) == []


@pytest.fixture(scope="module")
def hogsby_home(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    pdf = shared_dir / "dev/pdf/hogsby_KS_2007-01-08.pdf"
    if not pdf.is_file():
        pytest.skip("the Högsby PDF is not in ../shared/dev/pdf")
    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copy(pdf, inbox / pdf.name)
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)])
    assert result.exit_code == 0, result.output
    return home


@pytest.mark.parametrize(
    "typed",
    [["ku/2007.9"], ["--dnr", "KU/2007.9"], ["kf/2006.366"], ["DNR: KF/2006.437"], ["su/2006.47"]],
)
def test_the_real_2007_protocol_is_found_by_its_case_numbers(
    hogsby_home: Path, typed: list[str]
) -> None:
    result = CliRunner().invoke(main, ["search", "--home", str(hogsby_home), "--json", *typed])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)["hits"]
    assert [h["filename"] for h in hits] == ["hogsby_KS_2007-01-08.pdf"]
