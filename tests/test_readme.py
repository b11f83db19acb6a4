"""README.md keeps its promises: the generated parts match the code, every command is documented,
and the two commands on a fresh machine are the ones .ci/run and the Makefile run."""

from __future__ import annotations

import importlib.util

from click.testing import CliRunner

from tests.conftest import REPO
from workers.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")


def _update_readme():
    spec = importlib.util.spec_from_file_location("update_readme", REPO / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_parts_match_the_code() -> None:
    assert _update_readme().updated(README) == README, "run .venv/bin/python scripts/update_readme.py"


def test_every_warta_command_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        subcommands = getattr(command, "commands", None)
        for full in ([f"warta {name} {sub}" for sub in subcommands] if subcommands else [f"warta {name}"]):
            assert full in README or f"warta {name} start\\|stop\\|status" in README, full


def test_the_two_fresh_machine_commands_are_make_demo_and_make_test() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text()
    makefile = (REPO / "Makefile").read_text()
    assert "\ndemo: install" in makefile and "\ntest: install" in makefile


def test_cli_help_works_without_a_broker() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "process" in result.output
