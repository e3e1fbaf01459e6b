"""WCAG 2.1 AA on the pages of a home with accounts: the sign-in page a reader meets
first, and the upload page an archivist uses (axe-core in Chromium, as
tests/web/test_web_accessibility.py does for the search, document and case pages)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.support.auth_support import PASSWORD, build_auth_home
from tests.support.web_support import Server, start_server
from tests.web.test_web_accessibility import AXE, serious_violations
from tests.web.test_web_auth_browser import sign_in
from tests.web.test_web_browser import browser  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from start_server(build_auth_home(tmp_path_factory))


@pytest.fixture
def tab(browser, server: Server):  # type: ignore[no-untyped-def]  # noqa: F811
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make setup` (npm ci in tests/)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def test_sign_in_page_has_no_serious_violation(tab, server: Server) -> None:  # type: ignore[no-untyped-def]
    tab.goto(server.url + "/logga-in")
    bad = serious_violations(tab)
    assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)
    assert tab.locator("h1").count() == 1


def test_upload_page_has_no_serious_violation(tab, server: Server) -> None:  # type: ignore[no-untyped-def]
    sign_in(tab, server, "arne", PASSWORD)
    tab.goto(server.url + "/ladda-upp")
    bad = serious_violations(tab)
    assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)
    assert tab.locator("h1").count() == 1
