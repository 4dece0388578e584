"""Small builders that keep screens short: labels with a role, big buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def label(text: str, role: str = "", parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def button(
    text: str,
    on_click: Callable[[], None] | None = None,
    *,
    primary: bool = False,
    name: str = "",
    parent: QWidget | None = None,
) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setObjectName(name or ("Primary" if primary else ""))
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if on_click is not None:
        # clicked(bool) would land in the first parameter of `lambda key=value: ...` and
        # replace the bound value; the action takes no arguments, so it is given none.
        widget.clicked.connect(lambda *_: on_click())
    return widget
