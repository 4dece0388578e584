"""Identification screens shared by the services: insert card, working, PIN, take card."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.services.steps import EnterPin, Working
from ui.i18n import tr
from ui.i18n.texts import activity
from ui.screens.base import FlowScreen
from ui.widgets.basics import label
from ui.widgets.keypad import PinKeypad
from ui.widgets.motion import CardSlotAnimation, Spinner


class InsertCardScreen(FlowScreen):
    def __init__(self, steps: list[str], on_exit: Callable[[], None]) -> None:
        text = tr("Please insert your social security card, chip side up")
        super().__init__(steps=steps, current=0, on_back=on_exit, on_exit=on_exit, voice=text)
        heading = label(text, "Heading", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(heading)
        self.content.addWidget(CardSlotAnimation(True, self), stretch=1)


class WorkingScreen(FlowScreen):
    def __init__(
        self, steps: list[str], current: int, step: Working, on_exit: Callable[[], None]
    ) -> None:
        text = activity(step.activity)
        super().__init__(steps=steps, current=current, on_back=None, on_exit=on_exit, voice=text)
        self.content.addStretch()
        self.content.addWidget(Spinner(self), alignment=Qt.AlignmentFlag.AlignCenter)
        message = label(text, "Heading", self)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(message)
        self.content.addStretch()


class PinScreen(FlowScreen):
    """Instructions on the left, the keypad on the right: fits a landscape screen in elder mode."""

    def __init__(
        self,
        steps: list[str],
        prompt: EnterPin,
        on_pin: Callable[[str], None],
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        instruction = tr("Please enter your 6-digit card PIN")
        super().__init__(
            steps=steps, current=1, on_back=on_back, on_exit=on_exit, voice=instruction
        )
        text = QVBoxLayout()
        text.setSpacing(24)
        greeting = tr("Hello, {name}").format(name=prompt.masked_name)
        text.addWidget(label(greeting, "Subheading", self))
        text.addWidget(label(instruction, "Heading", self))
        text.addWidget(label(tr("Cover the keypad with your other hand."), "Muted", self))
        if prompt.tries_left is not None:
            warning = label(
                tr(
                    "Wrong PIN. %n try(ies) left before the card is locked.",
                    None,
                    prompt.tries_left,
                ),
                "Warning",
                self,
            )
            self.voice = warning.text()
            text.addWidget(warning)
        text.addStretch()
        self.keypad = PinKeypad(self)
        self.keypad.entered.connect(on_pin)
        self.add_beside(text, self.keypad)


class TakeCardScreen(FlowScreen):
    def __init__(self, steps: list[str], on_exit: Callable[[], None]) -> None:
        text = tr("Please take your card")
        super().__init__(
            steps=steps, current=len(steps) - 1, on_back=None, on_exit=on_exit, voice=text
        )
        heading = label(text, "Heading", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(heading)
        self.content.addWidget(CardSlotAnimation(False, self), stretch=1)
