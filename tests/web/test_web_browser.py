"""The pages in a real browser: Debian's Chromium driven by Playwright against a real
``diarium serve`` on 127.0.0.1. The browser is the system's (``/usr/bin/chromium``);
nothing is downloaded. Saves a screenshot of the search page with facets under
tests/artifacts/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import TESTS
from tests.support.web_support import THIRD_PAGE_WORD, Server, start_server, web_home  # noqa: F401

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = TESTS / "artifacts"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(web_home: Path) -> Iterator[Server]:  # noqa: F811
    yield from start_server(web_home)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def open_tab(browser, server: Server, javascript: bool):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="sv-SE", java_script_enabled=javascript
    )
    tab = context.new_page()
    tab.goto(server.url + "/")
    return context, tab


@pytest.fixture
def page(browser, server: Server):  # type: ignore[no-untyped-def]
    """A tab with JavaScript off: every page must work with forms and links alone."""
    context, tab = open_tab(browser, server, javascript=False)
    yield tab
    context.close()


@pytest.fixture
def scripting_page(browser, server: Server):  # type: ignore[no-untyped-def]
    """A tab with JavaScript on, to see that no document text ever runs as script."""
    context, tab = open_tab(browser, server, javascript=True)
    yield tab
    context.close()


def search_for(page, text: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_role("searchbox", name="Sök")
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state()


def facet_counts(page, facet: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    for item in page.locator(f'section[data-facet="{facet}"] li').all():
        counts[item.locator(".value").inner_text()] = int(item.locator(".count").inner_text())
    return counts


def test_case_number_typed_finds_the_decision_first(page) -> None:  # type: ignore[no-untyped-def]
    search_for(page, "ks 2022/960")
    first = page.locator("li.hit").first
    assert first.locator("h3").inner_text() == "Samverkansöverenskommelse Kungens kurva-Skärholmen"
    assert "KS-2022/960.103" in first.locator(".dnr").inner_text()
    assert first.locator(".snippet mark").first.inner_text() == "KS-2022/960.103"
    assert "q=ks+2022%2F960" in page.url  # the search is in the URL


def test_clicking_a_facet_changes_the_counts(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(page, "beslut")
    total_before = int(re.search(r"\d+", page.locator(".summary").inner_text()).group())
    types_before = facet_counts(page, "doc_type")
    years = facet_counts(page, "year")
    assert len(years) > 1
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "search_page_facets.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot of the search page with facets: {shot}")

    year, n = next((y, c) for y, c in years.items() if c < total_before)
    page.locator('section[data-facet="year"] li a', has_text=year).click()
    page.wait_for_load_state()
    assert f"year={year}" in page.url
    summary = page.locator(".summary").inner_text()
    assert int(re.search(r"\d+", summary).group()) == n
    assert page.locator("li.hit").count() == n
    types_after = facet_counts(page, "doc_type")
    assert types_after != types_before
    assert sum(types_after.values()) <= sum(types_before.values())
    # The year facet ignores its own filter, and the chosen year is marked; a second
    # click takes the filter off again.
    assert facet_counts(page, "year") == years
    active = page.locator('section[data-facet="year"] li.active')
    assert active.locator(".value").inner_text() == year
    active.locator("a").click()
    page.wait_for_load_state()
    assert facet_counts(page, "doc_type") == types_before


def test_result_opens_the_document_at_its_hit_page(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(page, THIRD_PAGE_WORD)
    page.locator("li.hit .snippet a.page").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("#page-3")
    third = page.locator("#page-3")
    assert third.get_attribute("open") is not None
    assert page.locator("#page-1").get_attribute("open") is None
    assert third.locator("mark").first.inner_text() == THIRD_PAGE_WORD
    assert third.locator("mark").first.is_visible()
    # The hit page is scrolled into view, the PDF link opens the archive's file there.
    box = third.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "document_page.png"))
    pdf = page.locator("a.pdf")
    assert pdf.get_attribute("href").endswith("/pdf#page=3")
    response = page.request.get(server.url + pdf.get_attribute("href").split("#")[0])
    assert response.status == 200 and response.body()[:5] == b"%PDF-"


def test_html_in_a_document_shows_as_text(scripting_page) -> None:  # type: ignore[no-untyped-def]
    page = scripting_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    search_for(page, "bildtext")
    snippet = page.locator("li.hit .snippet").first
    assert '<img src=x onerror="window.xssRan = 2">' in snippet.inner_text()
    page.locator("li.hit h3 a").first.click()
    page.wait_for_load_state()
    text = page.locator("#page-1 pre").inner_text()
    assert "<script>window.xssRan = 1</script>" in text
    assert '<img src=x onerror="window.xssRan = 2">' in text
    assert page.locator("main img, main script").count() == 0
    assert page.evaluate("window.xssRan") is None
    assert not errors


def test_menade_du_and_pagination_are_links(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    search_for(page, "samverkansöverenskomelse")
    suggestion = page.locator(".suggestion a")
    assert suggestion.inner_text() == "samverkansöverenskommelse"
    suggestion.click()
    page.wait_for_load_state()
    assert page.locator("li.hit").count() >= 1
    page.goto(server.url + "/?q=kommun&per=3")
    total = int(re.search(r"\d+", page.locator(".summary").inner_text()).group())
    assert total > 6
    first = page.locator("li.hit h3").all_inner_texts()
    assert len(first) == 3
    page.locator('nav.pages a[rel="next"]').click()
    page.wait_for_load_state()
    assert "page=2" in page.url and "per=3" in page.url
    assert page.locator("ol.hits").get_attribute("start") == "4"
    second = page.locator("li.hit h3").all_inner_texts()
    assert len(second) == 3 and not set(first) & set(second)
