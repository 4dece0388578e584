"""The screenshot scenes (scripts/screenshots.py) as the ui tests walk them: one window, each
scene shown in turn in a language and mode."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QApplication

from scripts.screenshots import SIZE, scenes, settle
from ui.i18n import Language
from ui.shell import Shell


def each_scene(window: Shell, language: Language, elder: bool = False) -> Iterator[str]:
    """Shows every scene in `window` in `language` and mode, one after another, and yields
    each one's name while it is on screen."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if window.language is not language:
        window.switch_language()
    if window.elder is not elder:
        window.switch_elder_mode()
    for name, state, then in scenes(window):
        window.resize(*SIZE)
        window.show_state(state)
        settle(app)
        if then is not None:
            then(window)
            settle(app)
        yield name
