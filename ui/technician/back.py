"""The row at the foot of a technician screen: the way back, on the left."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from ui.i18n import tr
from ui.screens.base import Screen
from ui.widgets.basics import button


def add_back_row(screen: Screen, on_back: Callable[[], None], words: str = "") -> QPushButton:
    """Adds the row to `screen` and gives its button (words: Back to devices)."""
    row = QHBoxLayout()
    back = button(words or tr("Back to devices"), on_back, parent=screen)
    row.addWidget(back)
    row.addStretch()
    screen.column.addLayout(row)
    return back
