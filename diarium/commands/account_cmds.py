"""``diarium user``, ``diarium token`` and ``diarium audit``: accounts for the web server
and the trail of what they did."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diarium.cli import emit_json, home_option, json_option, reports_errors, resolve_home

ROLE_CHOICE = click.Choice(["reader", "officer", "archivist", "admin"])


def actor() -> str:
    """Who the audit trail names for a command: the operating-system account."""
    import getpass

    return f"cli:{getpass.getuser()}"


def _password() -> str:
    """From a prompt (asked twice) on a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\r\n")


@click.group()
def user() -> None:
    """Accounts that sign in to `diarium serve` (kept in HOME/accounts.db)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=ROLE_CHOICE, required=True, help="What the account may do.")
@home_option
@reports_errors
def user_add(name: str, role: str, home_dir: Path | None) -> None:
    """Add an account; the password is asked for (or read from stdin)."""
    from diarium.app.accounts import add_user

    add_user(resolve_home(home_dir), name, role, _password(), by=actor())
    click.echo(f"added {name} ({role})")


@user.command("list")
@home_option
@json_option
@reports_errors
def user_list(home_dir: Path | None, as_json: bool) -> None:
    """Every account with its role."""
    from diarium.app.accounts import list_users

    users = list_users(resolve_home(home_dir))
    if as_json:
        emit_json([{"name": u.name, "role": u.role, "disabled": u.disabled} for u in users])
        return
    for u in users:
        state = "\tdisabled" if u.disabled else ""
        click.echo(f"{u.name}\t{u.role}{state}")


@user.command("disable")
@click.argument("name")
@home_option
@reports_errors
def user_disable(name: str, home_dir: Path | None) -> None:
    """Disable an account (its sessions and tokens stop working)."""
    from diarium.app.accounts import disable_user

    disable_user(resolve_home(home_dir), name, by=actor())
    click.echo(f"disabled {name}")


@user.command("passwd")
@click.argument("name")
@home_option
@reports_errors
def user_passwd(name: str, home_dir: Path | None) -> None:
    """Set an account's password (asked for, or read from stdin)."""
    from diarium.app.accounts import set_password

    set_password(resolve_home(home_dir), name, _password(), by=actor())
    click.echo(f"password of {name} changed")


@click.group()
def token() -> None:
    """API tokens for scripts (sent as `Authorization: Bearer TOKEN`)."""


@token.command("create")
@click.argument("name")
@home_option
@reports_errors
def token_create(name: str, home_dir: Path | None) -> None:
    """Make a token for account NAME and print it (shown only this once)."""
    from diarium.app.accounts import create_token

    click.echo(create_token(resolve_home(home_dir), name, by=actor()))


@click.command()
@home_option
@click.option("--user", "user_name", default=None, help="Only this account's records.")
@click.option("--since", default=None, help="Only records at or after this ISO date/time (UTC).")
@json_option
@reports_errors
def audit(home_dir: Path | None, user_name: str | None, since: str | None, as_json: bool) -> None:
    """The audit trail: sign-ins, unmasked views, restricted reads, uploads,
    classifications and account changes."""
    from diarium.app.audit import entries

    records = entries(resolve_home(home_dir), user_name, since)
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    for r in records:
        what = " ".join(
            part
            for part in (
                r.doc_id and f"doc {r.doc_id[:12]}",
                r.page and f"page {r.page}",
                r.reason and f"reason {r.reason!r}",
                r.detail,
                r.address and f"from {r.address}",
            )
            if part
        )
        click.echo(f"{r.at}  {r.user}  {r.action}  {what}".rstrip())


COMMANDS = [user, token, audit]
