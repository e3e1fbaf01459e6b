"""What the sign-in tests share: a home with public documents, a decision holding
identity numbers, one document ingested as restricted and one classified restricted
afterwards, and an account of each role (all through the real CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from diarium.cli import main
from tests.commands.test_pnr_cli import _pdf
from tests.support.web_support import text_pdf

PASSWORD = "ett-långt-lösenord"
USERS = {"rita": "reader", "olle": "officer", "arne": "archivist", "ada": "admin"}
SECRET_WORD = "Hemlighusets"
SECRET_DNR = "SOC 2024/0999"
OTHER_SECRET_DNR = "SOC 2024/0888"


def cli(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def build_auth_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Public decisions, a decision holding identity numbers, one document ingested as
    restricted and one classified restricted afterwards; four accounts."""
    root = tmp_path_factory.mktemp("auth-home")
    public = tmp_path_factory.mktemp("auth-public")
    text_pdf(
        public / "parkering.pdf",
        [["Beslut om parkering vid torget", "Datum 2024-02-01", "Dnr KS 2024/0100"]],
    )
    text_pdf(
        public / "budget.pdf",
        [["Beslut om budget för skolan", "Datum 2024-02-02", "Dnr KS 2024/0101"]],
    )
    text_pdf(
        public / "andra.pdf",
        [["Utredning om skyddat boende, steg två", "Datum 2024-02-03", f"Dnr {OTHER_SECRET_DNR}",
          "Hemligt kök"]],
    )
    _pdf(public / "bistand.pdf")
    secret = tmp_path_factory.mktemp("auth-secret")
    text_pdf(
        secret / "skyddat.pdf",
        [[f"Beslut om skyddat boende i {SECRET_WORD} kvarter", "Datum 2024-02-04",
          f"Dnr {SECRET_DNR}"]],
    )
    cli("ingest", "--home", str(root), str(public))
    cli("ingest", "--home", str(root), str(secret), "--access", "restricted",
        "--reason", "OSL 26:1")
    cli("classify", OTHER_SECRET_DNR, "--restricted", "--reason", "OSL 26:1",
        "--home", str(root))
    for name, role in USERS.items():
        cli("user", "add", name, "--role", role, "--home", str(root), stdin=PASSWORD + "\n")
    return root


