"""A terminal's start, `sheyin run` and the kiosk session's `sheyin-kiosk`: the window up first,
the settings validated and the kiosk built behind it. Kept apart from kiosk/cli.py so that the
kiosk session loads nothing of the command line's other commands before its first screen."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.first_settings import FirstScreenSettings
    from kiosk.system.restarts import StartHistory


def load_frontend() -> Callable[..., int]:
    """The window, from the `sheyin.frontends` entry point that `ui` registers (the core
    never imports Qt)."""
    from importlib.metadata import entry_points

    found = entry_points(group="sheyin.frontends", name="qt")
    if not found:
        raise SystemExit("sheyin: the Qt frontend (package ui) is not installed")
    loaded: Callable[..., int] = next(iter(found)).load()
    return loaded


def run_window(
    first: FirstScreenSettings | None,
    build: Callable[[], Kiosk],
    *extras: object,
    frontend: Callable[..., int] | None = None,
) -> int:
    """The window over the kiosk that `build` makes; with `first`, a citizens' kiosk shows its
    first screen before it builds the kiosk (ui.main.run, the `sheyin.frontends` entry point
    unless `frontend` is given)."""
    frontend = frontend or load_frontend()
    built: list[Kiosk] = []

    def build_once() -> Kiosk:
        built.append(build())
        return built[-1]

    try:
        return frontend(first, build_once, *extras)
    finally:
        for kiosk in built:
            kiosk.close()


def run_terminal(config: Path | None, windowed: bool, frontend: Callable[..., int]) -> int:
    """`sheyin run` (and the kiosk session's `sheyin-kiosk`): a citizens' kiosk is in front of
    the citizen before its settings are validated and its kiosk built (a restart after a
    crash is over sooner). A setting that is wrong still stops it, with exit 2 and one line
    naming it, before anything of the kiosk is built."""
    import os

    from kiosk.first_settings import FirstScreenSettings, read_first_settings
    from kiosk.system.notify import under_service_manager

    first = None if windowed else read_first_settings(config, os.environ)
    if first is None and not windowed and under_service_manager(os.environ):
        # The kiosk unit: a file that cannot be read still gets a first screen, so that it
        # ends in 暂停服务 (config.invalid) rather than in a restart every RestartSec.
        first = FirstScreenSettings()
    first_screen = first is not None and first.shows_first_screen
    started: list[StartHistory] = []

    def build() -> Kiosk:
        from kiosk.app import build_kiosk
        from kiosk.config import check_terminal, load_settings, with_changes
        from kiosk.logs import configure
        from kiosk.system.restarts import BackingOff, record_start

        settings = load_settings(config)
        configure(settings.log.level, settings.log.file)
        check_terminal(settings)
        if windowed:
            settings = with_changes(settings, "kiosk", windowed=True)
        history = record_start(settings)  # a start after a crash loop is a back-off
        started.append(history)
        if history.backoff is not None and first_screen:
            raise BackingOff(history.backoff)  # shown on the first screen, nothing built
        kiosk = build_kiosk(settings, config_path=config)
        kiosk.backoff = history.backoff  # a laptop's or a technician's: the window says it
        return kiosk

    try:
        code = run_window(first, build, frontend=frontend)
    except Exception as exc:
        from kiosk.config import ConfigError

        if not isinstance(exc, ConfigError):
            raise
        print(f"sheyin run: {exc}", file=sys.stderr)
        return 2
    from kiosk.system.notify import under_service_manager
    from kiosk.system.restarts import BACKOFF_EXIT, RESTART_EXIT

    # Returned: no crash (the service manager's SIGTERM, a technician's quit, a back-off over,
    # the operations centre's restart).
    for history in started:
        if code == BACKOFF_EXIT:
            history.backoff_over()
        else:
            history.clean_exit()
    if code == RESTART_EXIT and not under_service_manager(os.environ):
        # Nobody else starts it again: it does so itself, the same command line.
        os.execv(sys.executable, sys.orig_argv)  # noqa: S606 - this very program
    return code
