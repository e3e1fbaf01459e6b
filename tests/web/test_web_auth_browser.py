"""Sign-in, secrecy, unmasking and upload in a real browser: Debian's Chromium driven by
Playwright against a real ``diarium serve`` (two worker processes) over a home with
accounts. Nothing is downloaded; the browser is the system's."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.commands.test_pnr_cli import APPLICANT
from tests.support.auth_support import (
    OTHER_SECRET_DNR,
    PASSWORD,
    SECRET_DNR,
    SECRET_WORD,
    build_auth_home,
    cli,
)
from tests.support.web_support import Server, start_server, text_pdf
from tests.web.test_web_browser import browser  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_auth_home(tmp_path_factory)


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[Server]:
    yield from start_server(home)


@pytest.fixture
def tab(browser, server: Server):  # type: ignore[no-untyped-def]  # noqa: F811
    """A fresh tab (own cookies) with JavaScript on; CSP violations are collected."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_violations = []
    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)

    page.on("console", on_console)
    yield page
    assert page.csp_violations == []
    context.close()


def sign_in(page, server: Server, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page.goto(server.url + "/")
    assert "/logga-in" in page.url
    page.get_by_label("Användarnamn").fill(name)
    page.get_by_label("Lösenord").fill(password)
    with page.expect_response(re.compile(r"/logga-in$")) as answer:
        page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    return answer.value


def search_for(page, text: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_role("searchbox", name="Sök").first
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state()


def test_sign_in_search_sign_out(tab, server: Server) -> None:  # type: ignore[no-untyped-def]
    sign_in(tab, server, "rita")
    assert tab.url == server.url + "/"
    assert "rita (reader)" in tab.locator("nav.account").inner_text()
    search_for(tab, "parkering")
    assert tab.locator("li.hit").count() == 1
    assert "parkering" in tab.locator("li.hit h3").inner_text().lower()
    tab.get_by_role("button", name="Logga ut").click()
    tab.wait_for_load_state()
    assert "/logga-in" in tab.url
    tab.goto(server.url + "/?q=parkering")
    assert "/logga-in" in tab.url  # the session is gone


def test_reader_never_sees_a_restricted_document(tab, server: Server, home: Path) -> None:  # type: ignore[no-untyped-def]
    secret = json.loads(cli("show", SECRET_DNR, "--home", str(home), "--json"))["id"]
    sign_in(tab, server, "rita")
    for query in (SECRET_WORD, SECRET_DNR, "skyddat boende", "Hemligt"):
        search_for(tab, query)
        assert tab.locator("li.hit").count() == 0, query
        assert "Inga dokument matchar" in tab.locator(".summary").inner_text()
    tab.goto(server.url + "/?from=2024-01-01")
    facets = tab.locator("#filter").text_content()
    assert "SOC" not in facets and "Sekretess" not in tab.content()
    shown = {h.get_attribute("href").split("?")[0] for h in tab.locator("li.hit h3 a").all()}
    assert f"/doc/{secret}" not in shown
    for path in (f"/doc/{secret}", f"/doc/{secret}/pdf", f"/api/documents/{secret}",
                 f"/api/documents/{secret[:10]}", f"/api/documents/{SECRET_DNR}",
                 f"/api/documents/{OTHER_SECRET_DNR}", f"/api/search?q={SECRET_WORD}",
                 f"/api/search?dnr={SECRET_DNR}"):
        answer = tab.goto(server.url + path)
        if "/api/search" in path:
            found = json.loads(tab.locator("body").inner_text())
            assert found["total"] == 0 and found["hits"] == [], path
            assert all(counts == {} for counts in found["facets"].values()), path
        else:
            assert answer.status == 404, path
            assert SECRET_WORD not in tab.content(), path
    # An officer sees it, marked.
    tab.context.clear_cookies()
    sign_in(tab, server, "olle")
    search_for(tab, SECRET_WORD)
    assert tab.locator("li.hit .secret").inner_text() == "Sekretess"


def test_archivist_unmasks_with_a_reason_and_the_audit_shows_it(  # type: ignore[no-untyped-def]
    tab, server: Server, home: Path
) -> None:
    sign_in(tab, server, "arne")
    search_for(tab, "bistånd")
    tab.locator("li.hit h3 a").first.click()
    tab.wait_for_load_state()
    assert APPLICANT not in tab.locator("section.pages").inner_text()
    tab.get_by_label("Skäl").fill("Begäran om allmän handling, dnr KS 2024/0555")
    with tab.expect_response(re.compile(r"/visa$")) as answer:
        tab.get_by_role("button", name="Visa personnummer").click()
    tab.wait_for_load_state()
    assert answer.value.headers["cache-control"] == "no-store"
    assert "omaskerade" in tab.locator("main").inner_text()
    assert APPLICANT in tab.content()
    doc_id = tab.url.split("/doc/")[1].split("/")[0]
    records = json.loads(cli("audit", "--home", str(home), "--user", "arne", "--json"))
    assert any(
        r["action"] == "unmask.text" and r["doc_id"] == doc_id
        and r["reason"] == "Begäran om allmän handling, dnr KS 2024/0555" and r["address"]
        for r in records
    )
    assert "unmask.text" in cli("audit", "--home", str(home), "--since", "2000-01-01")


def test_upload_two_pdfs_with_progress_then_find_them(  # type: ignore[no-untyped-def]
    tab, server: Server, tmp_path: Path
) -> None:
    one = text_pdf(tmp_path / "Beslut Vindkraftsparken.pdf",
                   [["Beslut om Vindkraftsparken", "Dnr KS 2025/0401"]])
    two = text_pdf(tmp_path / "protokoll_solcellsfarmen.pdf",
                   [["Protokoll om Solcellsfarmen", "Dnr KS 2025/0402"]])
    sign_in(tab, server, "arne")
    tab.get_by_role("link", name="Ladda upp").click()
    tab.wait_for_load_state()
    tab.get_by_label("Filer").set_input_files([str(one), str(two)])
    tab.get_by_role("button", name="Ladda upp").click()
    rows = tab.locator("li.upload-file")
    from playwright.sync_api import expect

    # One row per file at once, each with its own progress bar, then each one's answer.
    expect(rows).to_have_count(2)
    expect(tab.locator("li.upload-file progress")).to_have_count(2)
    expect(tab.locator("li.upload-file[data-status]")).to_have_count(2, timeout=120_000)
    assert rows.count() == 2
    for n in range(2):
        assert rows.nth(n).get_attribute("data-status") == "ingested"
        assert rows.nth(n).locator("progress").evaluate("p => p.value") == 100
        assert rows.nth(n).locator(".status").inner_text() == "inläst"
    assert rows.nth(0).locator(".name").inner_text() == one.name
    for word in ("Vindkraftsparken", "Solcellsfarmen"):
        tab.goto(server.url + "/")
        search_for(tab, word)
        assert tab.locator("li.hit").count() == 1, word


def test_a_post_without_csrf_token_is_refused(tab, server: Server, home: Path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("show", "KS 2024/0100", "--home", str(home), "--json"))["id"]
    sign_in(tab, server, "arne")
    statuses = tab.evaluate(
        """async (doc) => {
            const form = (fields) => ({method: "POST", body: new URLSearchParams(fields),
                                        credentials: "same-origin"});
            const a = await fetch("/doc/" + doc + "/visa", form({reason: "utan token"}));
            const b = await fetch("/logga-ut", form({}));
            const c = await fetch("/api/documents", {method: "POST", body: new FormData(),
                                                    credentials: "same-origin"});
            return [a.status, b.status, c.status];
        }""",
        doc,
    )
    assert statuses == [403, 403, 403]
    tab.goto(server.url + "/")
    assert "arne (archivist)" in tab.locator("nav.account").inner_text()  # still signed in


def test_tenth_wrong_password_is_rate_limited(tab, server: Server, home: Path) -> None:  # type: ignore[no-untyped-def]
    cli("user", "add", "vera", "--role", "reader", "--home", str(home), stdin=PASSWORD + "\n")
    statuses = [sign_in(tab, server, "vera", "inte-rätt-lösen").status for _ in range(10)]
    assert statuses == [401] * 9 + [429]
    assert "För många misslyckade inloggningar" in tab.locator("p.error").inner_text()
    assert sign_in(tab, server, "vera").status == 429  # the right one waits too


def test_pages_cannot_be_framed(tab, server: Server) -> None:  # type: ignore[no-untyped-def]
    answer = tab.goto(server.url + "/logga-in")
    assert answer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert tab.locator("h1").inner_text() == "Logga in"
