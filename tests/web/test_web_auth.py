"""Accounts, roles, restricted documents, unmasking, upload, CSRF, rate limit and the
security headers, against the real application in-process (FastAPI's TestClient), a
real home ingested from real PDFs, real tantivy and the real SQLite accounts file.

The route table in docs/access.md names, for each route, the test here that proves
who may use it."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from diarium.cli import main
from diarium.ingest.home import Home
from diarium.web.server import create_app
from tests.commands.test_pnr_cli import APPLICANT
from tests.support.auth_support import (
    OTHER_SECRET_DNR,
    PASSWORD,
    SECRET_DNR,
    SECRET_WORD,
    USERS,
    build_auth_home,
    cli,
)
from tests.support.web_support import text_pdf


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_auth_home(tmp_path_factory)


@pytest.fixture(scope="module")
def app(home: Path):  # type: ignore[no-untyped-def]
    return create_app(Home(home))


@pytest.fixture
def anonymous(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://localhost", follow_redirects=False) as client:
        yield client


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


def signed_in(app, name: str) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app, base_url="http://localhost", follow_redirects=False)
    page = client.get("/logga-in")
    answer = client.post(
        "/logga-in",
        data={"name": name, "password": PASSWORD, "csrf": csrf_of(page.text), "next": "/"},
    )
    assert answer.status_code == 303, answer.text
    return client


@pytest.fixture(scope="module")
def clients(app) -> dict[str, TestClient]:  # type: ignore[no-untyped-def]
    return {name: signed_in(app, name) for name in USERS}


def doc_id_of(home: Path, dnr: str) -> str:
    return str(json.loads(cli("show", dnr, "--home", str(home), "--json"))["id"])


def audit_records(home: Path, *args: str) -> list[dict]:
    return json.loads(cli("audit", "--home", str(home), "--json", *args))


# -- without signing in ---------------------------------------------------------------

PAGES = ["/", "/?q=beslut", "/doc/" + "0" * 64, "/doc/" + "0" * 64 + "/pdf", "/ladda-upp"]
API = ["/api/search?q=beslut", "/api/documents/KS%202024/0100", "/api/stats",
       "/api/openapi.json", "/api/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_the_anonymous_to_sign_in(anonymous: TestClient, path: str) -> None:
    answer = anonymous.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/logga-in?next=")


@pytest.mark.parametrize("path", API)
def test_api_answers_the_anonymous_401_json(anonymous: TestClient, path: str) -> None:
    answer = anonymous.get(path)
    assert answer.status_code == 401
    assert "sign in" in answer.json()["error"]


def test_sign_in_page_is_swedish_and_open(anonymous: TestClient) -> None:
    page = anonymous.get("/logga-in")
    assert page.status_code == 200
    assert "Logga in" in page.text and "Lösenord" in page.text


def test_session_cookie_is_signed_httponly_samesite(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, base_url="http://localhost", follow_redirects=False)
    page = client.get("/logga-in")
    answer = client.post("/logga-in", data={"name": "rita", "password": PASSWORD,
                                             "csrf": csrf_of(page.text), "next": "/"})
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    # A cookie with its signature changed is no session.
    value = client.cookies["diarium_session"]
    client.cookies.set("diarium_session", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert client.get("/").status_code == 303


def test_next_never_leaves_the_server(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, base_url="http://localhost", follow_redirects=False)
    page = client.get("/logga-in")
    answer = client.post("/logga-in", data={"name": "rita", "password": PASSWORD,
                                             "csrf": csrf_of(page.text),
                                             "next": "//evil.example/"})
    assert answer.headers["location"] == "/"


# -- CSRF -----------------------------------------------------------------------------


def test_a_post_without_csrf_token_is_refused(app, clients, home: Path) -> None:  # type: ignore[no-untyped-def]
    bare = TestClient(app, base_url="http://localhost", follow_redirects=False)
    bare.get("/logga-in")  # a session exists, but the form below does not carry its token
    assert bare.post("/logga-in", data={"name": "rita", "password": PASSWORD}).status_code == 403
    arne = clients["arne"]
    doc = doc_id_of(home, "KS 2024/0100")
    assert arne.post(f"/doc/{doc}/visa", data={"reason": "prövning"}).status_code == 403
    assert arne.post(f"/doc/{doc}/visa",
                     data={"reason": "prövning", "csrf": "fel"}).status_code == 403
    assert arne.post("/logga-ut").status_code == 403
    files = {"file": ("x.pdf", b"%PDF-1.4\n", "application/pdf")}
    assert arne.post("/api/documents", files=files).status_code == 403
    assert arne.get("/").status_code == 200  # still signed in


# -- a reader never learns that a restricted document exists --------------------------


def test_reader_cannot_find_restricted_documents_by_any_route(
    clients: dict[str, TestClient], home: Path
) -> None:
    rita, olle = clients["rita"], clients["olle"]
    secret = doc_id_of(home, SECRET_DNR)
    other = doc_id_of(home, OTHER_SECRET_DNR)
    unknown = "f" * 64

    def search(client: TestClient, **params: str) -> dict:
        answer = client.get("/api/search", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    # Search by word, phrase, case number, filter alone; totals and facets.
    for params in ({"q": SECRET_WORD}, {"q": f'"{SECRET_WORD} kvarter"'}, {"q": SECRET_DNR},
                   {"dnr": SECRET_DNR}, {"q": "skyddat boende"}, {"q": "hemligt"}):
        seen = search(rita, **params)
        assert seen["total"] == 0 and seen["hits"] == [], params
        assert search(olle, **params)["total"] >= 1, params
    every = search(rita, **{"from": "1900-01-01"})
    officer_every = search(olle, **{"from": "1900-01-01"})
    assert officer_every["total"] == every["total"] + 2
    assert {secret, other} & {h["id"] for h in every["hits"]} == set()
    for name, counts in every["facets"].items():
        assert sum(counts.values()) <= sum(officer_every["facets"][name].values()), name
    assert "SOC" not in json.dumps(every["facets"])
    # "Menade du" offers no word only a restricted document holds.
    assert "suggestion" not in search(rita, q="Hemlighuset")
    # By id, id prefix, case number, page, PDF: the answer of an unknown id.
    def not_found(ref: str) -> str:
        answer = rita.get(f"/api/documents/{ref}")
        assert answer.status_code == 404, ref
        return str(answer.json()["error"])

    for ref, stand_in in ((secret, unknown), (secret[:12], unknown[:12]), (other, unknown),
                          (SECRET_DNR, "SOC 2024/0777")):
        assert not_found(ref) == not_found(stand_in).replace(stand_in, ref)
        assert olle.get(f"/api/documents/{ref}").status_code == 200
    for path in (f"/doc/{secret}", f"/doc/{secret}/pdf"):
        answer = rita.get(path)
        assert answer.status_code == 404
        assert answer.text == rita.get(path.replace(secret, unknown)).text.replace(unknown, secret)
    page = rita.get("/", params={"q": SECRET_WORD})
    assert SECRET_WORD not in page.text.split("<main", 1)[1].replace(f"<q>{SECRET_WORD}</q>", "")
    assert "Sekretess" not in page.text
    # The figures would count restricted documents: officers and up only.
    assert rita.get("/api/stats").status_code == 403


def test_reader_meets_no_restricted_document_in_cases_or_intake(
    clients: dict[str, TestClient], home: Path
) -> None:
    """The case page and its API, the searchable copy and the intake list came with other
    work: each answers a reader as if the restricted document did not exist."""
    rita, olle = clients["rita"], clients["olle"]
    secret = doc_id_of(home, SECRET_DNR)
    for client, seen in ((rita, False), (olle, True)):
        case = client.get(f"/api/cases/{SECRET_DNR}")
        assert (case.status_code == 200) is seen, case.text
        page = client.get(f"/arende/{SECRET_DNR}", follow_redirects=True)
        assert (SECRET_WORD in page.text) is seen
    copy = rita.get(f"/doc/{secret}/searchable.pdf")
    assert copy.status_code == 404
    assert secret not in copy.text and SECRET_WORD not in copy.text
    assert rita.get("/api/intake").status_code == 403
    assert rita.get("/intake").status_code == 403
    assert olle.get("/api/intake").status_code == 200


def test_officer_sees_restricted_documents_marked_and_uncached(
    clients: dict[str, TestClient], home: Path
) -> None:
    olle = clients["olle"]
    secret = doc_id_of(home, SECRET_DNR)
    hits = olle.get("/api/search", params={"q": SECRET_WORD})
    assert hits.json()["hits"][0]["restricted"] is True
    assert hits.headers["cache-control"] == "no-store"
    page = olle.get(f"/doc/{secret}")
    assert page.status_code == 200 and "Sekretess" in page.text and "OSL 26:1" in page.text
    assert page.headers["cache-control"] == "no-store"
    listing = olle.get("/", params={"q": SECRET_WORD})
    assert 'class="secret"' in listing.text and listing.headers["cache-control"] == "no-store"
    assert olle.get(f"/doc/{secret}/pdf").status_code == 200
    reads = [r for r in audit_records(home, "--user", "olle") if r["doc_id"] == secret]
    assert {"read.restricted", "pdf.restricted"} <= {r["action"] for r in reads}
    assert all(r["address"] for r in reads)


def test_restriction_survives_reindex(clients: dict[str, TestClient], home: Path) -> None:
    cli("reindex", "--home", str(home))
    assert clients["rita"].get("/api/search", params={"q": SECRET_WORD}).json()["total"] == 0
    assert clients["olle"].get("/api/search", params={"q": SECRET_WORD}).json()["total"] == 1


# -- identity numbers: archivists, with a reason, audited -------------------------------


def test_archivist_unmasks_with_a_reason_and_it_is_audited(
    clients: dict[str, TestClient], home: Path
) -> None:
    doc = doc_id_of(home, "KS 2024/0100")
    pnr_doc = next(
        h["id"] for h in clients["arne"].get("/api/search", params={"q": "bistånd"}).json()["hits"]
    )
    arne = clients["arne"]
    page = arne.get(f"/doc/{pnr_doc}")
    assert APPLICANT not in page.text and "Visa personnummer" in page.text
    token = csrf_of(page.text)
    assert arne.post(f"/doc/{pnr_doc}/visa", data={"csrf": token, "reason": ""}).status_code == 400
    shown = arne.post(f"/doc/{pnr_doc}/visa",
                      data={"csrf": token, "reason": "Begäran om allmän handling 2024-117"})
    assert shown.status_code == 200 and APPLICANT in shown.text
    assert shown.headers["cache-control"] == "no-store"
    pdf = arne.post(f"/doc/{pnr_doc}/pdf", data={"csrf": token, "reason": "Överklagande"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["cache-control"] == "no-store"
    assert arne.get(f"/doc/{pnr_doc}/pdf").status_code == 403  # no reason, no PDF
    records = audit_records(home, "--user", "arne")
    unmasked = [(r["action"], r["doc_id"], r["reason"]) for r in records]
    assert ("unmask.text", pnr_doc, "Begäran om allmän handling 2024-117") in unmasked
    assert ("unmask.pdf", pnr_doc, "Överklagande") in unmasked
    assert doc not in {r["doc_id"] for r in records}
    for name in ("rita", "olle"):
        other = clients[name]
        theirs = csrf_of(other.get("/").text)
        answer = other.post(f"/doc/{pnr_doc}/visa", data={"csrf": theirs, "reason": "nyfiken"})
        assert answer.status_code == 403 and APPLICANT not in answer.text
        assert "Visa personnummer" not in other.get(f"/doc/{pnr_doc}").text


def test_audit_chain_notices_an_altered_or_deleted_record(
    home: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "home"
    shutil.copytree(home, copy)
    check = CliRunner().invoke(main, ["check", "--home", str(copy), "--json"])
    assert json.loads(check.output)["audit"] == []
    db = sqlite3.connect(copy / "accounts.db")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit SET reason = 'inget' WHERE seq = 1")
    # Someone who drops the triggers still breaks the chain.
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET user = 'någon' WHERE seq = 2")
    db.commit()
    check = CliRunner().invoke(main, ["check", "--home", str(copy)])
    assert check.exit_code == 1 and "audit record 2 was altered" in check.output
    db.execute("DROP TRIGGER audit_no_delete")
    last = db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    db.execute("DELETE FROM audit WHERE seq = ?", (last,))
    db.commit()
    check = CliRunner().invoke(main, ["check", "--home", str(copy)])
    assert "the newest records were deleted" in check.output


# -- upload --------------------------------------------------------------------------


def test_upload_is_for_archivists_and_ingests_like_the_cli(
    clients: dict[str, TestClient], home: Path, tmp_path: Path
) -> None:
    one = text_pdf(
        tmp_path / "Första upp.pdf", [["Beslut om Uppladdningsgatan", "Dnr KS 2025/0001"]]
    )
    two = text_pdf(tmp_path / "andra.pdf", [["Protokoll om Laddningstorget", "Dnr KS 2025/0002"]])
    files = [("file", (p.name, p.read_bytes(), "application/pdf")) for p in (one, two)]
    files.append(("file", ("../../etc/inte.pdf", b"hej", "application/pdf")))
    for name in ("rita", "olle"):
        page = clients[name].get("/ladda-upp")
        assert page.status_code == 403
        token = csrf_of(clients[name].get("/").text)
        answer = clients[name].post("/api/documents", files=files,
                                    headers={"X-CSRF-Token": token})
        assert answer.status_code == 403
    arne = clients["arne"]
    page = arne.get("/ladda-upp")
    assert page.status_code == 200 and "/static/upload.js" in page.text
    answer = arne.post("/api/documents", files=files, headers={"X-CSRF-Token": csrf_of(page.text)})
    assert answer.status_code == 200, answer.text
    results = answer.json()["files"]
    assert [r["status"] for r in results] == ["ingested", "ingested", "failed"]
    assert results[2]["reason"] == "filen är inte en PDF" and results[2]["filename"] == "inte.pdf"
    for word in ("Uppladdningsgatan", "Laddningstorget"):
        assert clients["rita"].get("/api/search", params={"q": word}).json()["total"] == 1
    # Kept inside the home; nothing left in its scratch folder.
    stored = json.loads(cli("show", results[0]["id"], "--home", str(home), "--json"))
    assert Path(stored["source"]).resolve().is_relative_to(home.resolve())
    assert list((home / "uploads" / "tmp").iterdir()) == []
    # The same file again is already in the archive.
    again = arne.post(
        "/api/documents", files=files[:1], headers={"X-CSRF-Token": csrf_of(page.text)}
    )
    assert again.json()["files"][0]["status"] == "skipped"
    uploads = [r for r in audit_records(home, "--user", "arne") if r["action"] == "upload"]
    assert len(uploads) == 4


def test_upload_while_an_ingest_runs_says_busy(
    clients: dict[str, TestClient], home: Path, tmp_path: Path
) -> None:
    pdf = text_pdf(tmp_path / "upptagen.pdf", [["Beslut om Upptagetvägen"]])
    arne = clients["arne"]
    token = csrf_of(arne.get("/ladda-upp").text)
    with Home(home).write_lock("ingest"):
        answer = arne.post("/api/documents", files={"file": (pdf.name, pdf.read_bytes())},
                           headers={"X-CSRF-Token": token})
    assert answer.status_code == 503
    assert "upptaget" in answer.json()["files"][0]["reason"]
    assert clients["arne"].get("/api/search", params={"q": "Upptagetvägen"}).json()["total"] == 0


# -- tokens, disabling, sign-out --------------------------------------------------------


def test_api_token_works_without_cookie_or_csrf(app, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    token = cli("token", "create", "arne", "--home", str(home)).strip()
    client = TestClient(app, base_url="http://localhost")
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/search", params={"q": "parkering"}, headers=bearer).json()["total"] == 1
    pdf = text_pdf(tmp_path / "skript.pdf", [["Beslut om Skriptbacken"]])
    answer = client.post("/api/documents", files={"file": (pdf.name, pdf.read_bytes())},
                         headers=bearer)
    assert answer.json()["files"][0]["status"] == "ingested"
    wrong = {"Authorization": f"Bearer {token[:-3]}xyz"}
    assert client.get("/api/search", params={"q": "parkering"}, headers=wrong).status_code == 401


def test_sign_out_and_disabled_accounts(app, home: Path) -> None:  # type: ignore[no-untyped-def]
    cli("user", "add", "tove", "--role", "reader", "--home", str(home), stdin=PASSWORD + "\n")
    client = signed_in(app, "tove")
    assert client.get("/").status_code == 200
    out = client.post("/logga-ut", data={"csrf": csrf_of(client.get("/").text)})
    assert out.status_code == 303 and client.get("/").status_code == 303
    client = signed_in(app, "tove")
    cli("user", "disable", "tove", "--home", str(home))
    assert client.get("/").status_code == 303
    page = client.get("/logga-in")
    refused = client.post("/logga-in", data={"name": "tove", "password": PASSWORD,
                                              "csrf": csrf_of(page.text)})
    assert refused.status_code == 401
    actions = [
        r["action"] for r in audit_records(home)
        if r["user"] == "tove" or (r["detail"] or "").startswith("tove")
    ]
    assert {"account.add", "signin", "account.disable", "signin.failed"} <= set(actions)


# -- rate limit --------------------------------------------------------------------------


def test_tenth_wrong_password_is_rate_limited(tmp_path: Path) -> None:
    cli("user", "add", "kim", "--role", "reader", "--home", str(tmp_path), stdin=PASSWORD + "\n")
    app = create_app(Home(tmp_path))
    with TestClient(app, base_url="http://localhost", follow_redirects=False) as client:
        token = csrf_of(client.get("/logga-in").text)
        for _ in range(9):
            answer = client.post("/logga-in", data={"name": "kim", "password": "fel-lösenord!",
                                                    "csrf": token})
            assert answer.status_code == 401 and "Fel användarnamn" in answer.text
        tenth = client.post("/logga-in", data={"name": "kim", "password": "fel-lösenord!",
                                               "csrf": token})
        assert tenth.status_code == 429 and "För många misslyckade inloggningar" in tenth.text
        # Even the right password waits now, and so does another account from here.
        right = client.post("/logga-in", data={"name": "kim", "password": PASSWORD, "csrf": token})
        assert right.status_code == 429
    records = audit_records(tmp_path, "--user", "kim")
    assert [r["action"] for r in records].count("signin.failed") == 9
    assert "signin.limited" in {r["action"] for r in records}


# -- headers on every response -------------------------------------------------------------


def test_every_response_carries_the_security_headers(
    anonymous: TestClient, clients: dict[str, TestClient], home: Path
) -> None:
    rita = clients["rita"]
    responses = [
        anonymous.get("/"), anonymous.get("/logga-in"), anonymous.get("/api/search"),
        anonymous.get("/static/style.css"), rita.get("/"), rita.get("/?q=beslut"),
        rita.get("/api/search", params={"q": "beslut"}), rita.get("/doc/" + "0" * 64),
        rita.get(f"/doc/{doc_id_of(home, 'KS 2024/0100')}"),
        rita.get(f"/doc/{doc_id_of(home, 'KS 2024/0100')}/pdf"),
        rita.post("/logga-ut"),
    ]
    for answer in responses:
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "same-origin"
    for answer in responses[4:10]:
        assert str(home) not in answer.text and "/tmp/" not in answer.text
    # No inline script or style in any page.
    for answer in (rita.get("/?q=beslut"), anonymous.get("/logga-in"),
                   clients["arne"].get("/ladda-upp")):
        assert re.search(r"<script(?![^>]*\bsrc=)", answer.text) is None
        assert " style=" not in answer.text and "<style" not in answer.text


def test_serving_beyond_loopback_needs_an_account(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--home", str(tmp_path), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "no accounts" in result.output and "diarium user add" in result.output


def test_command_line_unmasking_is_audited_too(home: Path) -> None:
    pnr_doc = json.loads(cli("search", "bistånd", "--home", str(home), "--json"))["hits"][0]["id"]
    assert APPLICANT in cli("show", pnr_doc, "--home", str(home), "--text", "--unmasked")
    records = [r for r in audit_records(home) if r["detail"] == "diarium show --unmasked"]
    assert records and records[-1]["doc_id"] == pnr_doc and records[-1]["user"].startswith("cli:")


def test_signed_in_users_reach_the_api_description(clients: dict[str, TestClient]) -> None:
    for client in clients.values():
        assert client.get("/api/openapi.json").status_code == 200


def test_without_accounts_nobody_uploads_or_unmasks(tmp_path: Path) -> None:
    """A home without accounts serves its one local user as before: everything to read
    (identity numbers masked), nothing to upload or unmask."""
    from tests.commands.test_pnr_cli import _pdf

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _pdf(inbox / "bistand.pdf")
    root = tmp_path / "home"
    cli("ingest", "--home", str(root), str(inbox))
    doc = json.loads(cli("search", "bistånd", "--home", str(root), "--json"))["hits"][0]["id"]
    app = create_app(Home(root))
    with TestClient(app, base_url="http://localhost", follow_redirects=False) as client:
        assert client.get("/ladda-upp").status_code == 403
        page = client.get(f"/doc/{doc}")
        assert page.status_code == 200 and "Visa personnummer" not in page.text
        token = csrf_of(client.get("/logga-in").text)
        answer = client.post(f"/doc/{doc}/visa", data={"csrf": token, "reason": "granskning"})
        assert answer.status_code == 403 and APPLICANT not in answer.text
        files = {"file": ("a.pdf", b"%PDF-1.4\n", "application/pdf")}
        answer = client.post("/api/documents", files=files, headers={"X-CSRF-Token": token})
        assert answer.status_code == 403


def test_upload_size_limits_leave_nothing_behind(
    clients: dict[str, TestClient], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diarium.app import uploads

    big = text_pdf(tmp_path / "stor.pdf", [["Beslut om Storgatan " + "x" * 50] * 30])
    arne = clients["arne"]
    token = {"X-CSRF-Token": csrf_of(arne.get("/ladda-upp").text)}
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", big.stat().st_size - 1)
    answer = arne.post("/api/documents", files={"file": (big.name, big.read_bytes())},
                       headers=token)
    assert answer.json()["files"][0]["status"] == "failed"
    assert "större än" in answer.json()["files"][0]["reason"]
    monkeypatch.setattr(uploads, "MAX_REQUEST_BYTES", big.stat().st_size // 2)
    answer = arne.post("/api/documents", files={"file": (big.name, big.read_bytes())},
                       headers=token)
    assert answer.status_code == 413
    assert list((home / "uploads" / "tmp").iterdir()) == []
    assert not any(p.name == "stor.pdf" for p in (home / "uploads").rglob("*.pdf"))
