"""Identification screens shared by the services: insert card, working, PIN, take card.

They belong to no service of their own: each service's step bar says where they fall in it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from kiosk.services.steps import (
    Activity,
    AskConfirmationReason,
    ConfirmationReason,
    EnterPin,
    InsertCard,
    StaffConfirms,
    TakeCard,
    Working,
)
from ui.i18n import tr
from ui.i18n.texts import activity
from ui.screens.base import AnyStep, FlowScreen, ScreenContext
from ui.screens.registry import LAST, ScreenFor, ScreenRegistry
from ui.widgets.basics import button, label
from ui.widgets.keypad import PinKeypad
from ui.widgets.motion import CardSlotAnimation, Spinner

CARD_AND_PIN: Mapping[type[AnyStep], int] = {
    InsertCard: 0,
    EnterPin: 1,
    AskConfirmationReason: 1,
}
"""Where the card and its PIN fall in a service that starts with them (query, payment…)."""
READING_CARD_AND_PIN: Mapping[Activity, int] = {
    Activity.READING_CARD: 0,
    Activity.CHECKING_CARD: 0,
    Activity.VERIFYING_PIN: 1,
}


class InsertCardScreen(FlowScreen):
    def __init__(self, _shown: InsertCard, ctx: ScreenContext) -> None:
        text = tr("Please insert your social security card, chip side up")
        # Back from the first step is leaving: there is nothing before it.
        super().__init__(ctx, on_back=ctx.exit, voice=text)
        heading = label(text, "Heading", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(heading)
        self.content.addWidget(CardSlotAnimation(True, self), stretch=1)


class WorkingScreen(FlowScreen):
    def __init__(self, step: Working, ctx: ScreenContext) -> None:
        text = activity(step.activity)
        super().__init__(ctx, on_back=None, voice=text)
        self.content.addStretch()
        self.content.addWidget(Spinner(self), alignment=Qt.AlignmentFlag.AlignCenter)
        message = label(text, "Heading", self)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(message)
        self.content.addStretch()


class PinScreen(FlowScreen):
    """Instructions on the left, the keypad on the right: fits a landscape screen in elder mode."""

    def __init__(self, prompt: EnterPin, ctx: ScreenContext) -> None:
        instruction = tr("Please enter your 6-digit card PIN")
        super().__init__(ctx, on_back=ctx.back, voice=instruction)
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
        self.staff_confirms_button: QPushButton | None = None
        if prompt.staff_may_confirm:
            # For the member of staff at the door, not for the citizen: said plainly as such.
            self.staff_confirms_button = button(
                tr("[Staff] The citizen cannot enter the PIN themselves"),
                lambda: ctx.answer(StaffConfirms.IDENTITY),
                parent=self,
            )
            text.addWidget(self.staff_confirms_button)
        text.addStretch()
        self.keypad = PinKeypad(self, keyboard=ctx.staff_laptop)
        self.keypad.entered.connect(ctx.answer)
        self.add_beside(text, self.keypad)


REASONS: Mapping[ConfirmationReason, Callable[[], str]] = {
    ConfirmationReason.BEDRIDDEN: lambda: tr("Bedridden: cannot use the keypad"),
    ConfirmationReason.CANNOT_USE_HANDS: lambda: tr("Cannot use their hands to type"),
    ConfirmationReason.CANNOT_SEE: lambda: tr("Cannot see the keypad"),
}


class ConfirmationReasonScreen(FlowScreen):
    """The member of staff states why they confirm the citizen's identity; a face check follows,
    and both are recorded under the staff number."""

    def __init__(self, _asked: AskConfirmationReason, ctx: ScreenContext) -> None:
        heading = tr("Why can the citizen not enter the PIN themselves?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(
                tr(
                    "For the member of staff: you vouch for this citizen's identity under "
                    "your staff number. A face check follows; the reason and its result are "
                    "recorded."
                ),
                "",
                self,
            )
        )
        self.reason_tiles: dict[ConfirmationReason, QPushButton] = {}
        for reason, words in REASONS.items():
            tile = button(words(), functools.partial(ctx.answer, reason), parent=self)
            tile.setObjectName("Tile")
            self.reason_tiles[reason] = tile
            self.content.addWidget(tile)
        self.content.addStretch()
        self.reason_tiles[ConfirmationReason.BEDRIDDEN].setFocus()


class TakeCardScreen(FlowScreen):
    def __init__(self, _shown: TakeCard, ctx: ScreenContext) -> None:
        text = tr("Please take your card")
        super().__init__(ctx, on_back=None, voice=text)
        heading = label(text, "Heading", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(heading)
        self.content.addWidget(CardSlotAnimation(False, self), stretch=1)


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(InsertCard, InsertCardScreen),
        ScreenFor(Working, WorkingScreen),
        ScreenFor(EnterPin, PinScreen),
        ScreenFor(AskConfirmationReason, ConfirmationReasonScreen),
        ScreenFor(TakeCard, TakeCardScreen, place=LAST),
    )
)
