"""WCAG 2.1 AA in Chromium: axe-core (from npm, installed into tests/node_modules by
``make setup``) injected into every kind of page; no serious or critical violation, and
none of the structural rules a registrar on a screen reader or keyboard relies on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.case_material import CASE_KEY, CASE_PRINTED
from tests.support.paths import TESTS
from tests.support.web_support import Server, start_server, web_home  # noqa: F401 - fixture
from tests.web.test_web_browser import browser  # noqa: F401 - fixture

AXE = TESTS / "node_modules/axe-core/axe.min.js"
# Besides every serious or critical finding: one h1, headings in order, a way past the
# header, no control inside another, labelled fields, one main landmark.
STRUCTURE = {
    "page-has-heading-one",
    "heading-order",
    "bypass",
    "nested-interactive",
    "label",
    "landmark-one-main",
    "empty-heading",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(web_home: Path) -> Iterator[Server]:  # noqa: F811
    yield from start_server(web_home)


@pytest.fixture(scope="module")
def axe_tab(browser, server: Server):  # type: ignore[no-untyped-def]  # noqa: F811
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make setup` (npm ci in tests/)")
    # bypass_csp: the page's Content-Security-Policy would refuse the injected checker.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def serious_violations(tab) -> list[dict]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical findings on the open page, and any of the
    structural rules above, whatever their impact."""
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        """async () => (await axe.run(document, {
             runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                             'best-practice']}})).violations
           .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical") or v["id"] in STRUCTURE]


def _urls(server: Server) -> dict[str, str]:
    hits = httpx.get(f"{server.url}/api/search", params={"dnr": CASE_PRINTED}).json()["hits"]
    ks = next(h for h in hits if h["filename"] == "ks_protokoll_2023-09-26.pdf")
    return {
        "start": "/",
        "results": "/?q=beslut&year=2023",
        "document": f"/doc/{ks['id']}?q=taxa&hit=1",
        "case": f"/arende/{CASE_KEY}",
        "error": "/?q=beslut&from=2024-01-01&to=2020-01-01",
        "not found": "/doc/" + "0" * 64,
    }


@pytest.mark.parametrize("kind", ["start", "results", "document", "case", "error", "not found"])
def test_no_serious_violation(axe_tab, server: Server, kind: str) -> None:  # type: ignore[no-untyped-def]
    tab = axe_tab
    tab.goto(server.url + _urls(server)[kind])
    bad = serious_violations(tab)
    assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)
    assert tab.locator("h1").count() == 1


def test_skip_links_lead_past_header_and_filters(axe_tab, server: Server) -> None:  # type: ignore[no-untyped-def]
    tab = axe_tab
    tab.goto(server.url + "/?q=beslut")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Hoppa till träffarna"
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    # The first hit is the next stop, not the 45th behind the facet links.
    assert tab.evaluate("document.activeElement.closest('li.hit h3') !== null")
    assert tab.evaluate("document.activeElement.closest('li.hit') === "
                        "document.querySelector('li.hit')")
