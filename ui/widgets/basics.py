"""Small builders that keep screens short: labels with a role, big buttons, choice tiles."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


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


def choice_tile(
    name: str,
    hint: str,
    on_click: Callable[[], None],
    parent: QWidget,
    *,
    min_height: int,
    padding: int = 16,
) -> QPushButton:
    """A large touch tile for one choice: its name in big words, one line on what it means.
    The labels sit inside the button: they wrap, and a touch on them still reaches it."""
    tile = button("", on_click, name="Tile", parent=parent)
    inside = QVBoxLayout(tile)
    inside.setContentsMargins(24, padding, 24, padding)
    inside.addWidget(label(name, "TileName", tile))
    inside.addWidget(label(hint, "TileHint", tile))
    tile.setAccessibleName(name)
    tile.setMinimumHeight(min_height)
    return tile
