"""社保卡办理: the card services, the new PIN, the machine part, and the card at the exit; where no
card is made, the application for a card made at the branch and brought or collected.

The card services are one service behind one menu whose choices follow different procedures:
each choice has a step bar of its own (SCREENS' branches), which the shell shows from the
citizen's choice on."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.central.codes import CardApplicationReason, CardDelivery
from kiosk.services.cards.steps import (
    CardActivated,
    CardApplied,
    CardReady,
    CardService,
    ChooseCardDelivery,
    ChooseCardService,
    ChooseReplacementReason,
    ConfirmCardApplication,
    ConfirmCardLoss,
    IssuanceStage,
    IssuingCard,
    LossReported,
    PinChanged,
    SetNewPin,
)
from kiosk.services.session import ServiceId
from kiosk.services.steps import (
    Activity,
    EnterPin,
    FaceGuidance,
    FaceRetry,
    InsertCard,
    PlaceIdCard,
    QueuedReceipt,
    TakeCard,
)
from ui.i18n import tr
from ui.screens.base import AnyStep, FlowScreen, ScreenContext
from ui.screens.card_loss import LOSS_BY_MOBILE
from ui.screens.receipts import add_beside_receipt, add_take_away
from ui.screens.registry import LAST, ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import choice_tile, label
from ui.widgets.keypad import PinKeypad
from ui.widgets.receipt import SuccessTitle, take_reminder


def card_steps() -> list[str]:
    """A card made here (new or replacement); the menu shows these before a choice too."""
    return [tr("Service"), tr("ID card"), tr("Face check"), tr("New PIN"), tr("Your card")]


def loss_by_face_steps() -> list[str]:
    return [tr("Service"), tr("ID card"), tr("Face check"), tr("Confirm"), tr("Done")]


def activation_steps() -> list[str]:
    return [tr("Service"), tr("Insert card"), tr("ID card"), tr("New PIN"), tr("Done")]


def pin_change_steps() -> list[str]:
    return [tr("Service"), tr("Insert card"), tr("Enter PIN"), tr("New PIN"), tr("Done")]


def pin_reset_steps() -> list[str]:
    return [
        tr("Service"), tr("Insert card"), tr("ID card"), tr("Face check"), tr("New PIN"),
        tr("Done"),
    ]  # fmt: skip


def delivery_steps() -> list[str]:
    """A card applied for here, made at the branch and brought or collected."""
    return [tr("Service"), tr("ID card"), tr("Face check"), tr("Confirm"), tr("Done")]


CHOOSE, ID_CARD, FACE, NEW_PIN, YOUR_CARD = range(5)


def card_service_name(service: CardService) -> str:
    return {
        CardService.NEW_CARD: lambda: tr("Get your first card"),
        CardService.REPLACEMENT: lambda: tr("Replace a lost or damaged card"),
        CardService.REPORT_LOSS: lambda: tr("Report a lost card"),
        CardService.REPORT_LOSS_BY_MOBILE: lambda: tr("Report a lost card without your ID card"),
        CardService.ACTIVATE: lambda: tr("Activate a new card"),
        CardService.CHANGE_PIN: lambda: tr("Change your card PIN"),
        CardService.RESET_PIN: lambda: tr("Forgotten your PIN?"),
        CardService.APPLY_FOR_DELIVERY: lambda: tr("Apply for a new card"),
    }[service]()


def card_service_hint(service: CardService) -> str:
    return {
        CardService.NEW_CARD: lambda: tr("Ready in a few minutes. Bring your ID card."),
        CardService.REPLACEMENT: lambda: tr("The old card stops working. Bring your ID card."),
        CardService.REPORT_LOSS: lambda: tr("Block it at once with your ID card and a face check"),
        CardService.REPORT_LOSS_BY_MOBILE: lambda: tr(
            "With your ID number and registered mobile number"
        ),
        CardService.ACTIVATE: lambda: tr(
            "A card sent to you: the card, your ID card and the PIN letter"
        ),
        CardService.CHANGE_PIN: lambda: tr("Insert the card and type the old PIN"),
        CardService.RESET_PIN: lambda: tr("Or locked: the card, your ID card and a face check"),
        CardService.APPLY_FOR_DELIVERY: lambda: tr(
            "A first card or a replacement, made at the branch. Bring your ID card."
        ),
    }[service]()


def application_reason(reason: CardApplicationReason) -> str:
    """What the card applied for is, as the summary and the result say it."""
    return {
        CardApplicationReason.NEW: lambda: tr("Your first social security card"),
        CardApplicationReason.REPLACEMENT_LOST: lambda: tr("A replacement for a lost card"),
        CardApplicationReason.REPLACEMENT_DAMAGED: lambda: tr("A replacement for a damaged card"),
    }[reason]()


def delivery_name(delivery: CardDelivery) -> str:
    return {
        CardDelivery.STAFF_VISIT: lambda: tr("Brought to you by bank staff"),
        CardDelivery.BRANCH_PICKUP: lambda: tr("Collected at the bank branch"),
    }[delivery]()


class ChooseCardServiceScreen(FlowScreen):
    def __init__(self, prompt: ChooseCardService, ctx: ScreenContext) -> None:
        heading = tr("What would you like to do with your card?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        grid = QGridLayout()
        grid.setSpacing(20)
        self.choices: dict[CardService, QPushButton] = {}
        for index, service in enumerate(prompt.choices):
            unavailable = not prompt.offers(service)
            hint = (
                tr("Not available at this kiosk right now")
                if unavailable
                else card_service_hint(service)
            )
            tile = choice_tile(
                card_service_name(service),
                hint,
                functools.partial(ctx.answer, service),
                self,
                min_height=110,
                padding=12,
                enabled=not unavailable,
            )
            self.choices[service] = tile
            grid.addWidget(tile, index // 2, index % 2)
        self.content.addLayout(grid)
        self.content.addStretch()


class ChooseReplacementReasonScreen(FlowScreen):
    def __init__(self, prompt: ChooseReplacementReason, ctx: ScreenContext) -> None:
        heading = (
            tr("Which card do you need?")
            if prompt.first_card
            else tr("Why do you need a new card?")
        )
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        # Three hints do not fit side by side in large type: then one under another.
        row: QBoxLayout = QVBoxLayout() if prompt.first_card else QHBoxLayout()
        row.setSpacing(24)
        self.reasons: dict[CardApplicationReason, QPushButton] = {}
        first = (
            CardApplicationReason.NEW,
            tr("My first card"),
            tr("You have never had a social security card"),
        )
        for reason, name, hint in (
            *((first,) if prompt.first_card else ()),
            (
                CardApplicationReason.REPLACEMENT_LOST,
                tr("It was lost or stolen"),
                tr("Report it lost first; the new card gets a new number"),
            ),
            (
                CardApplicationReason.REPLACEMENT_DAMAGED,
                tr("It is damaged"),
                tr("The chip or the card surface is damaged; the old card will stop working"),
            ),
        ):
            tile = choice_tile(
                name, hint, functools.partial(ctx.answer, reason), self, min_height=160
            )
            self.reasons[reason] = tile
            row.addWidget(tile)
        self.content.addLayout(row)
        self.content.addStretch()


class SetNewPinScreen(FlowScreen):
    """A new PIN on the shuffled keypad, twice."""

    def __init__(self, prompt: SetNewPin, ctx: ScreenContext) -> None:
        instruction = (
            tr("Please type the new PIN again")
            if prompt.again
            else tr("Please choose a new 6-digit card PIN")
        )
        super().__init__(ctx, on_back=ctx.back, voice=instruction)
        text = QVBoxLayout()
        text.setSpacing(24)
        text.addWidget(label(instruction, "Heading", self))
        text.addWidget(
            label(
                tr(
                    "Not the same digit six times, and not a sequence such as 123456. "
                    "Cover the keypad with your hand."
                ),
                "",  # the rule refuses a PIN: full contrast, not a grey hint
                self,
            )
        )
        warning = None
        if prompt.mismatch:
            warning = tr("The two PINs did not match. Please choose your PIN again.")
        elif prompt.weak:
            warning = tr("That PIN is too easy to guess. Please choose another.")
        if warning:
            text.addWidget(label(warning, "Warning", self))
            self.voice = warning
        text.addStretch()
        self.keypad = PinKeypad(self, keyboard=ctx.staff_laptop)
        self.keypad.entered.connect(ctx.answer)
        self.add_beside(text, self.keypad)


def stage_text(stage: IssuanceStage) -> str:
    return {
        IssuanceStage.FEEDING: lambda: tr("Taking a blank card"),
        IssuanceStage.WRITING_CHIP: lambda: tr("Writing to the chip"),
        IssuanceStage.PRINTING: lambda: tr("Printing your photo and name"),
        IssuanceStage.PRESENTING: lambda: tr("Bringing the card to you"),
    }[stage]()


class IssuingCardScreen(FlowScreen):
    """The machine part: four stages, each ticked off as it finishes."""

    def __init__(self, shown: IssuingCard, ctx: ScreenContext) -> None:
        heading = tr("Your card is being made. Please wait here.")
        super().__init__(ctx, on_back=None, voice=heading)
        # A card in the machine is finished or retained, never abandoned halfway: no way out.
        self.exit_button.hide()
        self.content.addWidget(label(heading, "Heading", self))
        self.stage_labels = [label("", "Subheading", self) for _stage in IssuanceStage]
        for line in self.stage_labels:
            self.content.addWidget(line)
        self.content.addWidget(
            label(tr("It takes about half a minute. Please do not leave."), "Muted", self)
        )
        self.content.addStretch()
        self._show_stages(shown)

    def update_in_place(self, step: AnyStep) -> bool:
        """Ticks off the finished stages in place: the citizen watches one list grow."""
        if not isinstance(step, IssuingCard):
            return False
        self._show_stages(step)
        return True

    def _show_stages(self, shown: IssuingCard) -> None:
        for index, (stage, line) in enumerate(zip(IssuanceStage, self.stage_labels, strict=True)):
            mark = "✓" if index < shown.done else ("▶" if index == shown.done else "○")
            line.setText(f"{mark}  {stage_text(stage)}")
            line.setEnabled(index <= shown.done)


class CardReadyScreen(FlowScreen):
    def __init__(self, ready: CardReady, ctx: ScreenContext) -> None:
        heading = tr("Your card is ready. Please take it from the slot.")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
        self.card_label = label(
            tr("Card number: {number}").format(number=ready.masked_card_number), "Subheading", self
        )
        text.addWidget(self.card_label)
        text.addWidget(
            label(tr("It is activated: use it with the PIN you have just chosen."), "", self)
        )
        if ready.retired_masked_card_number:
            text.addWidget(
                label(
                    tr("Your old card {number} no longer works.").format(
                        number=ready.retired_masked_card_number
                    ),
                    "",
                    self,
                )
            )
        # The machine's time is the bench's and the log's measure, not the citizen's business.
        self.printed_label = add_take_away(
            text, self, printed=ready.printed, card=True, id_card=True
        )
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, ready.receipt_number)
        self.qr = self.receipt.qr
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class ConfirmCardLossScreen(FlowScreen):
    def __init__(self, prompt: ConfirmCardLoss, ctx: ScreenContext) -> None:
        heading = tr("Block your social security card now?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(
                tr("{name}, ID number {id_number}").format(
                    name=prompt.masked_name, id_number=prompt.masked_id_number
                ),
                "Subheading",
                self,
            )
        )
        replacement = (
            tr("You can get a replacement here at once.")
            if prompt.replaced_here
            else tr("A replacement can be applied for here; the branch makes it.")
        )
        self.content.addWidget(
            label(
                tr(
                    "Once blocked, nobody can use the card. If you find it again, ask the "
                    "staff. {replacement}"
                ).format(replacement=replacement),
                "",
                self,
            )
        )
        if prompt.offline:
            self.content.addWidget(
                label(
                    tr(
                        "The kiosk is offline: the report will be sent first when "
                        "the connection returns, and the card is not blocked until "
                        "then. To block it at once, call 12333."
                    ),
                    "Warning",
                    self,
                )
            )
        self.content.addStretch()
        self.confirm_button = self.add_primary(tr("Block the card"), ctx.confirm)


class CardActivatedScreen(FlowScreen):
    def __init__(self, done: CardActivated, ctx: ScreenContext) -> None:
        heading = (
            tr("Your card will be activated as soon as the connection returns")
            if done.queued
            else tr("Your card is activated")
        )
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
        text.addWidget(
            label(
                tr("Card number: {number}").format(number=done.masked_card_number),
                "Subheading",
                self,
            )
        )
        text.addWidget(label(tr("Use it with the PIN you have just chosen."), "", self))
        if done.queued:  # a queued activation prints its receipt; one done at once does not
            self.printed_label = add_take_away(
                text, self, printed=done.printed, card=True, id_card=True
            )
        else:
            self.printed_label = take_reminder(card=True, id_card=True, parent=self)
            if self.printed_label is not None:
                text.addWidget(self.printed_label)
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, done.receipt_number)
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class PinChangedScreen(FlowScreen):
    def __init__(self, done: PinChanged, ctx: ScreenContext) -> None:
        heading = tr("Your new PIN is set") if done.reset else tr("Your PIN has been changed")
        super().__init__(ctx, on_back=None, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(tr("Use the new PIN from now on, at kiosks, counters and banks."), "", self)
        )
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class ChooseCardDeliveryScreen(FlowScreen):
    """A staff terminal: how the card made at the branch reaches the citizen."""

    def __init__(self, _prompt: ChooseCardDelivery, ctx: ScreenContext) -> None:
        heading = tr("How should the card reach you?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        row = QHBoxLayout()
        row.setSpacing(24)
        self.deliveries: dict[CardDelivery, QPushButton] = {}
        for delivery, hint in (
            (CardDelivery.STAFF_VISIT, tr("Staff bring it to your home when it is ready")),
            (CardDelivery.BRANCH_PICKUP, tr("You or a relative collect it with your ID card")),
        ):
            tile = choice_tile(
                delivery_name(delivery),
                hint,
                functools.partial(ctx.answer, delivery),
                self,
                min_height=160,
            )
            self.deliveries[delivery] = tile
            row.addWidget(tile, stretch=1)
        self.content.addLayout(row)
        self.content.addStretch()


class ConfirmCardApplicationScreen(FlowScreen):
    """The application for delivery in a few plain lines, confirmed before it is sent."""

    def __init__(self, prompt: ConfirmCardApplication, ctx: ScreenContext) -> None:
        heading = tr("Please check your application")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        lines = [
            tr("Name: {value}").format(value=prompt.masked_name),
            tr("ID number: {number}").format(number=prompt.masked_id_number),
            tr("Card: {value}").format(value=application_reason(prompt.reason)),
            tr("How it reaches you: {value}").format(value=delivery_name(prompt.delivery)),
        ]
        self.detail_lines = [label(line, "", self) for line in lines]
        for line_label in self.detail_lines:
            self.content.addWidget(line_label)
        self.content.addWidget(
            label(tr("The card is made at the branch with the photo just taken."), "", self)
        )
        if prompt.offline:
            self.content.addWidget(
                label(
                    tr(
                        "There is no connection now. Your application is stored here and will "
                        "be sent as soon as the connection returns; you get a receipt number now."
                    ),
                    "Warning",
                    self,
                )
            )
        self.content.addStretch()
        self.confirm_button = self.add_primary(tr("Apply"), ctx.confirm)


class CardAppliedScreen(FlowScreen):
    def __init__(self, applied: CardApplied, ctx: ScreenContext) -> None:
        heading = tr("Your application has been accepted")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
        text.addWidget(label(application_reason(applied.reason), "Subheading", self))
        when_ready = {
            CardDelivery.STAFF_VISIT: lambda: tr(
                "Your card will now be made at the branch. Bank staff will bring it to you when it "
                "is ready."
            ),
            CardDelivery.BRANCH_PICKUP: lambda: tr(
                "Your card will now be made at the branch. When it is ready, collect it there with "
                "your ID card."
            ),
        }[applied.delivery]()
        self.when_ready = label(when_ready, "", self)
        text.addWidget(self.when_ready)
        text.addWidget(
            label(
                tr(
                    "Keep your receipt number. To see how it is going, choose Check progress "
                    "on the home screen and type it or hold its QR code to the scanner."
                ),
                "",
                self,
            )
        )
        self.printed_label = take_reminder(id_card=True, parent=self)
        if self.printed_label is not None:
            text.addWidget(self.printed_label)
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, applied.receipt_number)
        self.done_button = self.add_primary(tr("Done"), ctx.done)


CARD_MADE_HERE = StepBar(
    card_steps,
    at_step={
        ChooseCardService: CHOOSE,
        ChooseReplacementReason: CHOOSE,
        PlaceIdCard: ID_CARD,
        FaceGuidance: FACE,
        FaceRetry: FACE,
        SetNewPin: NEW_PIN,
        IssuingCard: YOUR_CARD,
        CardReady: YOUR_CARD,
    },
    at_activity={
        Activity.READING_ID_CARD: ID_CARD,
        Activity.PREPARING_CAMERA: FACE,
        Activity.APPLYING_FOR_CARD: NEW_PIN,
        Activity.RETAINING_CARD: YOUR_CARD,
        Activity.ACTIVATING_CARD: YOUR_CARD,
    },
)
LOSS_BY_FACE = StepBar(
    loss_by_face_steps,
    at_step={
        PlaceIdCard: 1,
        FaceGuidance: 2,
        FaceRetry: 2,
        ConfirmCardLoss: 3,
        LossReported: 4,
        QueuedReceipt: LAST,
    },
    at_activity={
        Activity.READING_ID_CARD: 1,
        Activity.PREPARING_CAMERA: 2,
        Activity.SUBMITTING: 3,
    },
)
ACTIVATION = StepBar(
    activation_steps,
    at_step={
        InsertCard: 1,
        PlaceIdCard: 2,
        EnterPin: 3,  # the initial PIN from the card's letter, then the citizen's own
        SetNewPin: 3,
        CardActivated: 4,
        TakeCard: LAST,
    },
    at_activity={
        Activity.READING_CARD: 1,
        Activity.CHECKING_CARD: 1,
        Activity.READING_ID_CARD: 2,
        Activity.ACTIVATING_CARD: 3,
    },
)
PIN_CHANGE = StepBar(
    pin_change_steps,
    at_step={InsertCard: 1, EnterPin: 2, SetNewPin: 3, PinChanged: 4, TakeCard: LAST},
    at_activity={
        Activity.READING_CARD: 1,
        Activity.CHECKING_CARD: 1,
        Activity.CHANGING_PIN: 3,
    },
)
DELIVERED = StepBar(
    delivery_steps,
    at_step={
        ChooseReplacementReason: 0,
        PlaceIdCard: 1,
        FaceGuidance: 2,
        FaceRetry: 2,
        ChooseCardDelivery: 3,
        ConfirmCardApplication: 3,
        CardApplied: 4,
        QueuedReceipt: LAST,
    },
    at_activity={
        Activity.READING_ID_CARD: 1,
        Activity.PREPARING_CAMERA: 2,
        Activity.SUBMITTING: 3,
    },
)
PIN_RESET = StepBar(
    pin_reset_steps,
    at_step={
        InsertCard: 1,
        PlaceIdCard: 2,
        FaceGuidance: 3,
        FaceRetry: 3,
        SetNewPin: 4,
        PinChanged: 5,
        TakeCard: LAST,
    },
    at_activity={
        Activity.READING_CARD: 1,
        Activity.CHECKING_CARD: 1,
        Activity.READING_ID_CARD: 2,
        Activity.PREPARING_CAMERA: 3,
        Activity.CHANGING_PIN: 4,
    },
)

SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(ChooseCardService, ChooseCardServiceScreen),
        ScreenFor(ChooseReplacementReason, ChooseReplacementReasonScreen),
        ScreenFor(SetNewPin, SetNewPinScreen),
        ScreenFor(IssuingCard, IssuingCardScreen),
        ScreenFor(CardReady, CardReadyScreen),
        ScreenFor(ConfirmCardLoss, ConfirmCardLossScreen),
        ScreenFor(PinChanged, PinChangedScreen),
        ScreenFor(CardActivated, CardActivatedScreen),
        ScreenFor(ChooseCardDelivery, ChooseCardDeliveryScreen),
        ScreenFor(ConfirmCardApplication, ConfirmCardApplicationScreen),
        ScreenFor(CardApplied, CardAppliedScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.CARD,
            CARD_MADE_HERE,
            branches={
                CardService.NEW_CARD: CARD_MADE_HERE,
                CardService.REPLACEMENT: CARD_MADE_HERE,
                CardService.REPORT_LOSS: LOSS_BY_FACE,
                CardService.REPORT_LOSS_BY_MOBILE: LOSS_BY_MOBILE,
                CardService.ACTIVATE: ACTIVATION,
                CardService.CHANGE_PIN: PIN_CHANGE,
                CardService.RESET_PIN: PIN_RESET,
                CardService.APPLY_FOR_DELIVERY: DELIVERED,
            },
        ),
    ),
)
