"""Every command explains itself: a command without help text fails this test."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from diarium.cli import COMMAND_MODULES, main

# Commands are loaded when asked for (diarium/cli.py); ask for every one.
COMMANDS = {name: main.get_command(click.Context(main), name) for name in COMMAND_MODULES}


def test_every_command_is_listed_in_main_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help(name: str) -> None:
    command = COMMANDS[name]
    assert command is not None, f"`diarium {name}` cannot be loaded"
    assert command.help and len(command.help.strip()) > 20, f"`diarium {name}` has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert getattr(param, "help", None), f"--{param.name} of `diarium {name}` has no help"
