"""A registrar's walk in Chromium (Debian's, driven by Playwright, JavaScript off): from a
hit to the case page of a case with four documents, citations followed both ways, the
page on a phone, the facets' "Visa fler", year order, chips and "Rensa alla", and the
Swedish error pages. Screenshots under tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.case_material import CASE_KEY, CASE_ORDER, CASE_PRINTED, OLD_CASE_PRINTED
from tests.support.web_support import Server, start_server, web_home  # noqa: F401 - fixture
from tests.web.test_web_browser import ARTIFACTS, browser, search_for  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(web_home: Path) -> Iterator[Server]:  # noqa: F811
    yield from start_server(web_home)


def _tab(browser, server: Server, width: int = 1280, height: int = 900):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="sv-SE", java_script_enabled=False
    )
    tab = context.new_page()
    tab.goto(server.url + "/")
    return context, tab


@pytest.fixture
def page(browser, server: Server):  # type: ignore[no-untyped-def]  # noqa: F811
    context, tab = _tab(browser, server)
    yield tab
    context.close()


@pytest.fixture
def phone(browser, server: Server):  # type: ignore[no-untyped-def]  # noqa: F811
    """An iPhone-sized screen: 390 × 844 CSS pixels."""
    context, tab = _tab(browser, server, 390, 844)
    yield tab
    context.close()


def _doc_url(server: Server, filename: str) -> str:
    """The document page of one of the case material's files, found through the API."""
    for query in (CASE_PRINTED, OLD_CASE_PRINTED):
        found = httpx.get(f"{server.url}/api/search", params={"dnr": query, "limit": 20}).json()
        for hit in found["hits"]:
            if hit["filename"] == filename:
                return f"{server.url}/doc/{hit['id']}"
    raise AssertionError(f"{filename} not in the index")


def test_from_a_hit_to_the_case_in_date_order(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(page, "bygglov taxa")
    link = page.locator("li.hit .dnr a", has_text=CASE_PRINTED).first
    assert link.get_attribute("href") == f"/arende/{CASE_KEY}"
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{server.url}/arende/{CASE_KEY}"
    assert page.locator("h1").all_inner_texts() == [f"Ärende {CASE_PRINTED}"]
    items = page.locator("li.case-document")
    files = [t.split(",")[0] for t in items.locator(".file").all_inner_texts()]
    assert files == CASE_ORDER  # the tjänsteskrivelse, AU, KS, KF: by date, not by filing
    dates = items.locator(".date").all_inner_texts()
    assert dates == ["2023-08-14", "2023-09-12", "2023-09-26", "2023-10-23"]
    # Sollentuna's KFN 2023/0412 shares year and serial, not the case.
    assert "tjansteutlatande_simhall.pdf" not in " ".join(files)
    ks = items.nth(2)
    assert ks.locator(".organ").inner_text() == "Kommunstyrelsen"
    assert ks.locator(".paragraph").inner_text() == "§ 198 Ny taxa för bygglov"
    assert ks.locator(".decision").inner_text() == (
        "Beslut: Kommunstyrelsen beslutar föreslå kommunfullmäktige att anta ny taxa för bygglov."
    )
    assert items.nth(0).locator(".decision").inner_text().startswith("Förslag till beslut:")
    assert items.nth(0).locator(".paragraph").count() == 0  # a tjänsteskrivelse has no §
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "case_page.png"), full_page=True)
    # Each document opens at the page holding the number; the document page links back.
    ks.locator("h2 a").click()
    page.wait_for_load_state()
    case_link = page.locator("dl.metadata a.case")
    assert case_link.inner_text() == CASE_PRINTED  # as printed, not KS-2023-412
    assert case_link.get_attribute("href") == f"/arende/{CASE_KEY}"


def test_case_number_written_another_way_redirects(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/arende/ks 2023-412")
    assert page.url == f"{server.url}/arende/{CASE_KEY}"
    api = httpx.get(f"{server.url}/api/cases/ks 2023/412").json()
    assert [d["filename"] for d in api["documents"]] == CASE_ORDER
    assert api["printed"] == CASE_PRINTED


def test_citation_followed_both_ways(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(_doc_url(server, "kf_protokoll_2023-10-23.pdf"))
    cites = page.locator(".cites li")
    assert [t.split("\n")[0].strip() for t in cites.locator("a").all_inner_texts()] == [
        "KS 2023-09-26 § 198",
        "KF § 173 2020-12-08",
    ]
    cites.locator("a", has_text="KS 2023-09-26 § 198").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Protokoll Kommunstyrelsen 2023-09-26"
    back = page.locator(".cited-by li a")
    assert back.all_inner_texts() == ["Protokoll Kommunfullmäktige 2023-10-23"]
    back.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Protokoll Kommunfullmäktige 2023-10-23"
    # The 2020 decision is cited by § (the new minutes) and by case number (the
    # tjänsteskrivelse); its own page lists both.
    page.goto(_doc_url(server, "kf_protokoll_2020-12-08.pdf"))
    citing = sorted(page.locator(".cited-by li a").all_inner_texts())
    assert citing == ["Ny taxa för bygglov", "Protokoll Kommunfullmäktige 2023-10-23"]
    page.goto(_doc_url(server, "tjansteskrivelse_taxa.pdf"))
    old_case = page.locator(".cites a", has_text=OLD_CASE_PRINTED)
    old_case.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Ärende {OLD_CASE_PRINTED}"


def test_phone_shows_the_first_hit_on_the_first_screen(phone, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(phone, "beslut")
    first = phone.locator("li.hit").first.locator("h3")
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    facets = phone.locator("details.filters .facet").first
    assert not facets.is_visible()  # behind the Filter button
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "phone_results.png"))
    assert _no_sideways_scroll(phone)
    phone.locator("details.filters > summary").click()
    assert facets.is_visible()
    phone.screenshot(path=str(ARTIFACTS / "phone_filters_open.png"))


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser, server: Server, width: int) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    context, tab = _tab(browser, server, width, 800)
    try:
        for url in [
            "/",
            "/?q=beslut",
            f"/arende/{CASE_KEY}",
            _doc_url(server, "ks_protokoll_2023-09-26.pdf").removeprefix(server.url),
            "/?q=kommun&from=2024-01-01&to=2020-01-01",
        ]:
            tab.goto(server.url + url)
            assert _no_sideways_scroll(tab), (width, url)
        if width == 360:
            tab.screenshot(path=str(ARTIFACTS / "phone_error_360.png"))
    finally:
        context.close()


def _no_sideways_scroll(tab) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    )


def test_facets_show_more_in_year_order_with_chips(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(page, "kommun")
    values = page.locator('section[data-facet="year"] .value').all_text_contents()
    years = [v for v in values if v.isdigit()]  # "utan datum" comes after the years
    assert len(years) > 2 and years == sorted(years, reverse=True)
    assert values[: len(years)] == years
    more = page.locator("section.facet details.more")
    assert more.count() >= 1
    facet = more.first.locator("xpath=ancestor::section[1]")
    shown = facet.locator(":scope > ul > li").count()
    hidden = more.first.locator("li")
    assert shown == 8 and not hidden.first.is_visible()
    more.first.locator("summary").click()
    assert hidden.first.is_visible()
    # Two filters on: two chips; one chip off keeps the other; "Rensa alla" keeps the words.
    page.locator('section[data-facet="year"] li a').first.click()
    page.wait_for_load_state()
    page.locator('section[data-facet="doc_type"] li:not(.active) a').first.click()
    page.wait_for_load_state()
    chips = page.locator(".chips li a")
    assert chips.count() == 2
    assert chips.first.inner_text().startswith("År: " + years[0])
    chips.first.click()
    page.wait_for_load_state()
    assert page.locator(".chips li a").count() == 1 and "year=" not in page.url
    page.locator(".chips a.clear").click()
    page.wait_for_load_state()
    assert page.locator(".chips").count() == 0
    assert page.url == f"{server.url}/?q=kommun"


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("q=" + "a" * 1200, "Sökningen är 1 200 tecken lång, men högst 1 000"),
        ("q=beslut&from=2023-13-01", "Skriv det som ÅÅÅÅ-MM-DD"),
        ("q=beslut&from=2024-01-01&to=2020-01-01", "Byt plats på datumen"),
    ],
)
def test_errors_in_swedish_with_what_to_do(page, server: Server, query: str, says: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{server.url}/?{query}")
    assert response is not None and response.status == 400
    message = page.locator(".error").inner_text()
    assert says in message
    assert not re.search(r"\b(the|is|not|date|query)\b", message)  # no English left


def test_the_search_box_of_a_document_keeps_the_filters(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/?q=taxa&year=2023")
    page.locator("li.hit h3 a").first.click()
    page.wait_for_load_state()
    box = page.get_by_role("searchbox", name="Sök")
    box.fill("bygglov")
    box.press("Enter")
    page.wait_for_load_state()
    assert "year=2023" in page.url and "q=bygglov" in page.url


def test_a_long_facet_has_a_filter_box(browser, server: Server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """With script on, a facet with many values gets a box that narrows its values."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    tab = context.new_page()
    try:
        tab.goto(f"{server.url}/?q=kommun")
        box = tab.locator("input.facet-filter").first
        assert box.is_visible()
        facet = box.locator("xpath=ancestor::section[1]")
        values = facet.locator(".value").all_text_contents()
        wanted = values[-1]  # the last, behind "Visa fler"
        box.fill(wanted[1:6])
        visible = [v for v in facet.locator("li:visible .value").all_inner_texts()]
        assert wanted in visible
        assert all(wanted[1:6].lower() in v.lower() for v in visible)
        assert len(visible) < len(values)
    finally:
        context.close()
