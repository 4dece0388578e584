"""Small builders that keep screens short: labels with a role, big buttons, choice tiles."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
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


class ChoiceTile(QPushButton):
    """A button whose words are labels inside it: it is as tall as they need at its width.

    A QPushButton sizes itself from its own text, which a tile leaves empty; without this its
    layout squeezes the labels and cuts their lines (the bottom of 申 and of every descender)."""

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inside = self.layout()
        needed = inside.totalHeightForWidth(width) if inside is not None else 0
        return max(self.minimumHeight(), needed)

    def sizeHint(self) -> QSize:
        inside = self.layout()
        hint = inside.totalSizeHint() if inside is not None else super().sizeHint()
        return QSize(hint.width(), max(self.minimumHeight(), self.heightForWidth(hint.width())))

    def minimumSizeHint(self) -> QSize:
        inside = self.layout()
        least = inside.totalMinimumSize() if inside is not None else super().minimumSizeHint()
        return QSize(least.width(), max(self.minimumHeight(), least.height()))


CHECK_MARK = "✓"
"""Before the name of a chosen tile: chosen is said by a mark, not by a colour alone."""


def tile_labels(
    tile: QPushButton, name: str, hint: str, *, padding: int, off: bool = False
) -> QLabel:
    """A tile's name in big words and one line on what it means, inside the button: they wrap,
    and a touch on them still reaches it. Qt stylesheets cannot match a child by its parent's
    :disabled state, so a tile that is off names its labels so."""
    inside = QVBoxLayout(tile)
    inside.setContentsMargins(24, padding, 24, padding)
    inside.setSpacing(8)
    suffix = "Off" if off else ""
    inside.addStretch()
    name_label = label(name, f"TileName{suffix}", tile)
    inside.addWidget(name_label)
    inside.addWidget(label(hint, f"TileHint{suffix}", tile))
    inside.addStretch()
    tile.setAccessibleName(name)
    policy = tile.sizePolicy()
    policy.setHeightForWidth(True)
    tile.setSizePolicy(policy)
    return name_label


def choice_tile(
    name: str,
    hint: str,
    on_click: Callable[[], None],
    parent: QWidget,
    *,
    min_height: int,
    padding: int = 16,
    enabled: bool = True,
) -> QPushButton:
    """A large touch tile for one choice, at least `min_height` tall and as tall as its words
    need; a choice not `enabled` is shown greyed out, its words too."""
    tile = ChoiceTile("", parent)
    tile.setObjectName("Tile")
    tile.setCursor(Qt.CursorShape.PointingHandCursor)
    tile.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    tile.clicked.connect(lambda *_: on_click())
    tile.setMinimumHeight(min_height)
    name_label = tile_labels(tile, name, hint, padding=padding, off=not enabled)
    tile.toggled.connect(lambda checked: _mark_chosen(tile, name_label, name, checked))
    tile.setEnabled(enabled)
    return tile


def _mark_chosen(tile: QPushButton, name_label: QLabel, name: str, checked: bool) -> None:
    """A checkable tile that is chosen shows a check mark before its name (and says so to a
    screen reader); the stylesheet gives it a thick border and a tinted ground as well."""
    name_label.setText(f"{CHECK_MARK} {name}" if checked else name)
    tile.setAccessibleName(f"{CHECK_MARK} {name}" if checked else name)
