"""What every screen shares: the frame, the step bar, Back and Exit, and what a flow screen is
given by the shell (ScreenContext)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services.steps import Prompt, View
from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.number_entry import NumberEntry
from ui.widgets.step_bar import StepBar

if TYPE_CHECKING:  # OpenCV and NumPy load with the first face check, not with the window
    from devices.camera.camera import Frame

AnyStep: TypeAlias = Prompt[Any] | View
"""Any prompt or view a flow sends (kiosk.services.steps.Step, whatever the prompt's answer)."""


@dataclass(frozen=True)
class ScreenContext:
    """What a flow screen gets from the shell, the same for every screen.

    `steps` and `current` are the step bar of the service that is running, not of the module
    that renders the step: the shared face check shows the card service's steps there."""

    steps: Sequence[str]
    current: int
    answer: Callable[[object], None]
    """Answers the prompt on screen (a PIN, a choice)."""
    back: Callable[[], None]
    done: Callable[[], None]
    confirm: Callable[[], None]
    exit: Callable[[], None]
    """Leaves the service for the home screen."""
    say: Callable[[str], None]
    """Speaks a line now (an in-place update with something new to say)."""
    camera: Callable[[], Frame | None]
    """The camera's newest frame, for the live face check."""
    elder: bool = False
    """Elder mode (长辈模式): besides larger type, fewer rows at a time and one question per
    screen."""
    staff_laptop: bool = False
    """A staff laptop at the citizen's door: a keyboard may type PINs, and nothing points to a
    scanner or a home screen the citizen will not see again."""


class Screen(QWidget):
    """A full screen. `voice` is what the voice prompt says when it appears."""

    def __init__(self, voice: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.voice = voice
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(40, 16, 40, 16)
        self.column.setSpacing(16)

    def update_in_place(self, step: AnyStep) -> bool:
        """Shows the flow's next step on this same screen, if it can; False (the default) has
        the shell build the step's own screen. A screen whose picture must not flicker (the
        live camera, the PIN dots, the card being made) takes the steps that only change
        a word or a mark."""
        return False


class FlowScreen(Screen):
    """A step of a service: step bar on top, content, and Back / Exit (and the step's main
    action, if any) together at the bottom, where a finger finds them on every screen."""

    def __init__(
        self,
        ctx: ScreenContext,
        *,
        on_back: Callable[[], None] | None,
        voice: str = "",
    ) -> None:
        super().__init__(voice)
        self.ctx = ctx
        self.header = QHBoxLayout()
        self.step_bar = StepBar(ctx.steps, ctx.current, self)
        self.header.addWidget(self.step_bar)
        self.header.addStretch()
        self.column.addLayout(self.header)
        self.content = QVBoxLayout()
        self.content.setSpacing(16)
        self.column.addLayout(self.content, stretch=1)
        self.nav = QHBoxLayout()
        self.nav.setSpacing(24)
        self.back_button = button(tr("Back"), on_back) if on_back else None
        if self.back_button:
            self.nav.addWidget(self.back_button)
        self.nav.addStretch()
        self.exit_button = button(tr("Exit to home"), ctx.exit)
        self.nav.addWidget(self.exit_button)
        self.column.addLayout(self.nav)

    def add_beside(self, text: QVBoxLayout, side: QWidget) -> None:
        """What to read on the left, what to touch or keep (keypad, QR code) on the right:
        the layout that fits a landscape screen in elder mode."""
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addLayout(text, stretch=1)
        row.addWidget(side, alignment=Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(row, stretch=1)

    def add_primary(self, text: str, on_click: Callable[[], None]) -> QPushButton:
        """The step's main action, at the right end of the bottom row."""
        primary = button(text, on_click, primary=True, parent=self)
        primary.setMinimumWidth(240)
        self.nav.addWidget(primary)
        if on_click == self.ctx.done:
            # The service's end: Exit to home beside Done would be a second button that ends
            # the session, and a citizen would wonder which one keeps what was done.
            self.exit_button.hide()
        return primary


class NumberEntryScreen(FlowScreen):
    """A number to type: what and why on the left, the digits typed right under the
    instruction, the number pad on the right. The number typed answers the prompt; Back steps
    back.

    A wrong entry (the same prompt asked again, `invalid`) keeps this screen: the digits stay
    as typed and the reason shows beside them until the citizen changes them."""

    def __init__(
        self,
        ctx: ScreenContext,
        *,
        subheading: str,
        instruction: str,
        entry: NumberEntry,
        note: str = "",
        warning: str | None = None,
        prompt: AnyStep | None = None,
        reason: str = "",
    ) -> None:
        super().__init__(ctx, on_back=ctx.back, voice=warning or instruction)
        self._prompt_type = type(prompt) if prompt is not None else None
        text = QVBoxLayout()
        text.setSpacing(24)
        text.addWidget(label(subheading, "Subheading", self))
        text.addWidget(label(instruction, "Heading", self))
        typed, count = entry.take_display()
        typed.setParent(self)
        count.setParent(self)
        text.addWidget(typed)
        text.addWidget(count)
        self.warning = label(warning or reason, "Warning", self)
        self.warning.setVisible(bool(warning))
        text.addWidget(self.warning)
        if note:
            text.addWidget(label(note, "", self))
        text.addStretch()
        entry.setParent(self)
        entry.entered.connect(ctx.answer)
        entry.edited.connect(self._hide_warning)
        self.entry = entry
        self.add_beside(text, entry)
        entry.setFocus()

    def update_in_place(self, step: AnyStep) -> bool:
        """The same number asked again after a wrong entry: the reason shows, the digits stay."""
        if self._prompt_type is None or type(step) is not self._prompt_type:
            return False
        if not getattr(step, "invalid", False) or not self.warning.text():
            return False
        self.warning.show()
        self.entry.keep_for_correction()
        self.voice = self.warning.text()
        self.ctx.say(self.voice)
        return True

    def _hide_warning(self) -> None:
        """The citizen changed the number: the reason was about the old one."""
        self.warning.hide()
