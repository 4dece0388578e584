"""Commands from outside a terminal's packages plug into `sheyin` through the `sheyin.commands`
entry points (demo/cli.py); where their module is not installed (a terminal's .deb), they say
so plainly."""

from __future__ import annotations

import importlib.metadata
from importlib.metadata import EntryPoint, version
from pathlib import Path

import pytest

from kiosk.cli import COMMANDS_GROUP, build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"sheyin {version('sheyin-kiosk')}\n"


def test_the_demo_commands_plug_in_in_a_developer_checkout() -> None:
    parser = build_parser()
    for command in (["demo"], ["sandbox"], ["virtual-card", "--citizen", "x"]):
        assert parser.parse_args(command).handler.__module__ == "demo.cli"
    assert parser.parse_args(["idcard", "simulate"]).handler.__module__ == "demo.cli"
    assert parser.parse_args(["idcard", "read"]).handler.__module__ == "kiosk.cli"


def _only(*entries: EntryPoint) -> object:
    def entry_points(group: str) -> tuple[EntryPoint, ...]:
        assert group == COMMANDS_GROUP
        return entries

    return entry_points


def test_a_command_whose_module_is_absent_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        importlib.metadata,  # looked up when the parser is built
        "entry_points",
        _only(
            EntryPoint("demo", "sheyin_absent_plugin.cli:add", COMMANDS_GROUP),
            EntryPoint("idcard.simulate", "sheyin_absent_plugin.cli:add", COMMANDS_GROUP),
        ),
    )
    assert main(["demo", "--windowed"]) == 2
    assert main(["idcard", "simulate", "--citizen", "retiree"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "sheyin demo: not part of a terminal's package (the demo and the sandbox come with a "
        "developer checkout only)",
        "sheyin idcard simulate: not part of a terminal's package (the demo and the sandbox "
        "come with a developer checkout only)",
    ]


def test_an_installed_plugin_that_lacks_a_dependency_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only the plug-in's own absence is expected; anything else it lacks is a broken install."""
    (tmp_path / "sheyin_broken_plugin.py").write_text("import sheyin_absent_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        importlib.metadata,  # looked up when the parser is built
        "entry_points",
        _only(EntryPoint("demo", "sheyin_broken_plugin:add", COMMANDS_GROUP)),
    )
    with pytest.raises(ModuleNotFoundError):
        build_parser()


def test_unknown_arguments_are_still_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["config", "show", "--no-such-option"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err
