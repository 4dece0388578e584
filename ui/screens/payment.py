"""Contribution payment: what to pay, how, the QR code or the bank PIN, and the receipt."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.central.codes import InsuranceKind, PaymentMethod
from kiosk.services.payment.steps import (
    BankPinOnPad,
    ChoosePayable,
    ChoosePaymentMethod,
    EnterBankPin,
    NothingToPay,
    PayableChoice,
    PayableOption,
    PayByQr,
    PaymentDone,
)
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity
from ui.i18n import tr
from ui.i18n.format import money, year
from ui.screens.base import AnyStep, FlowScreen, ScreenContext
from ui.screens.enrollment import insurance_name
from ui.screens.identify import CARD_AND_PIN, READING_CARD_AND_PIN
from ui.screens.receipts import add_beside_receipt, add_take_away
from ui.screens.registry import ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import button, choice_tile, label
from ui.widgets.keypad import PinKeypad, pin_dots
from ui.widgets.qr import QrCode
from ui.widgets.receipt import SuccessTitle

CHOOSE_STEP, PAY_STEP, DONE_STEP = 2, 3, 4


def payment_steps() -> list[str]:
    return [tr("Insert card"), tr("Enter PIN"), tr("What to pay"), tr("Pay"), tr("Done")]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def payable_title(kind: str, payable_year: int) -> str:
    return tr("{insurance}, {year}").format(
        insurance=insurance_name(InsuranceKind(kind)), year=year(payable_year)
    )


class ChoosePayableScreen(FlowScreen):
    """One tile per payable year; a pension year then shows its grades to pick from.

    In elder mode one question at a time: the grades replace the year tiles, under the year
    chosen, and Back returns to the tiles."""

    def __init__(self, prompt: ChoosePayable, ctx: ScreenContext) -> None:
        heading = tr("What would you like to pay?")
        super().__init__(ctx, on_back=self._step_back, voice=heading)
        self._prompt = prompt
        self._one_question = ctx.elder
        self.greeting = label(tr("Hello, {name}").format(name=prompt.masked_name), "", self)
        self.content.addWidget(self.greeting)
        self.chosen = label("", "Subheading", self)
        self.chosen.hide()
        self.content.addWidget(self.chosen)
        self.heading = label(heading, "Heading", self)
        self.content.addWidget(self.heading)
        self.item_tiles = QWidget(self)
        grid = QGridLayout(self.item_tiles)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(20)
        self.items: list[QPushButton] = []
        for index, option in enumerate(prompt.options):
            tile = choice_tile(
                payable_title(option.kind, option.year),
                _option_hint(option),
                functools.partial(self.pick, index),
                self.item_tiles,
                min_height=120,
                padding=12,
            )
            tile.setCheckable(True)
            self.items.append(tile)
            grid.addWidget(tile, index // 2, index % 2)
        self.content.addWidget(self.item_tiles)
        self.grade_heading = label(tr("Choose your contribution grade"), "Subheading", self)
        self.grade_heading.hide()
        self.content.addWidget(self.grade_heading)
        self.grades_row = QHBoxLayout()
        self.grades_row.setSpacing(16)
        self.content.addLayout(self.grades_row)
        self.grade_note = label(
            tr("A higher grade means a higher pension later; the government adds more too."),
            "Muted",
            self,
        )
        self.grade_note.hide()
        self.content.addWidget(self.grade_note)
        self.grade_buttons: list[QPushButton] = []
        self.content.addStretch()

    def pick(self, index: int) -> None:
        option = self._prompt.options[index]
        for position, tile in enumerate(self.items):
            tile.setChecked(position == index)
        if len(option.grades) == 1:
            self.ctx.answer(PayableChoice(index, option.grades[0][0]))
            return
        for old in self.grade_buttons:
            old.deleteLater()
        self.grade_buttons = []
        for grade, amount in option.grades:
            # Amounts in body type like every other amount, not the keypad's headline digits.
            key = button(
                money(amount),
                functools.partial(self.ctx.answer, PayableChoice(index, grade)),
                name="Grade",
                parent=self,
            )
            key.setAccessibleName(
                tr("Grade {grade}: {amount}").format(grade=grade, amount=money(amount))
            )
            self.grades_row.addWidget(key)
            key.show()
            self.grade_buttons.append(key)
        self.grade_heading.show()
        self.grade_note.show()
        self.voice = self.grade_heading.text()
        if self._one_question:
            # The question becomes the heading; what was chosen stays above it.
            chosen = payable_title(option.kind, option.year)
            if option.back_year:
                chosen += " · " + tr("unpaid from an earlier year")
            self.chosen.setText(tr("You chose: {item}").format(item=chosen))
            self.heading.setText(self.grade_heading.text())
            for question in (self.greeting, self.item_tiles, self.grade_heading):
                question.hide()
            self.chosen.show()
            self.ctx.say(self.voice)

    def _step_back(self) -> None:
        """From the grades of elder mode back to the year tiles; from the tiles, a step back."""
        if self._one_question and self.item_tiles.isHidden():
            for old in self.grade_buttons:
                old.deleteLater()
            self.grade_buttons = []
            for grades_part in (self.chosen, self.grade_heading, self.grade_note):
                grades_part.hide()
            for question in (self.greeting, self.item_tiles):
                question.show()
            for tile in self.items:
                tile.setChecked(False)
            self.heading.setText(tr("What would you like to pay?"))
            self.voice = self.heading.text()
            self.ctx.say(self.voice)
            return
        self.ctx.back()


def _option_hint(option: PayableOption) -> str:
    amounts = [amount for _grade, amount in option.grades]
    if len(amounts) == 1:
        text = money(amounts[0])
    else:
        text = tr("Choose from {low} to {high}").format(
            low=money(min(amounts)), high=money(max(amounts))
        )
    if option.back_year:
        text += " · " + tr("unpaid from an earlier year")
    return text


class NothingToPayScreen(FlowScreen):
    def __init__(self, _prompt: NothingToPay, ctx: ScreenContext) -> None:
        heading = tr("There is nothing to pay at the moment")
        super().__init__(ctx, on_back=None, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(
                tr(
                    "All years are paid, or you are not enrolled in any insurance "
                    "that can be paid here. Employees' contributions are paid by "
                    "their employer."
                ),
                "",
                self,
            )
        )
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class ChoosePaymentMethodScreen(FlowScreen):
    def __init__(self, prompt: ChoosePaymentMethod, ctx: ScreenContext) -> None:
        heading = tr("How would you like to pay?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(payable_title(prompt.kind, prompt.year), "Subheading", self))
        self.amount = label(money(prompt.amount_fen), "Amount", self)
        self.content.addWidget(self.amount)
        self.content.addWidget(label(heading, "Heading", self))
        row = QHBoxLayout()
        row.setSpacing(24)
        self.methods: dict[PaymentMethod, QPushButton] = {}
        for method, name, hint in (
            (
                PaymentMethod.QR_CODE,
                tr("Scan with your phone"),
                tr("WeChat, Alipay or your bank's app"),
            ),
            (
                PaymentMethod.BANK_CARD,
                tr("Social security card bank account"),
                tr("From its bank account, with your bank PIN"),
            ),
        ):
            tile = choice_tile(
                name, hint, functools.partial(ctx.answer, method), self, min_height=160
            )
            self.methods[method] = tile
            row.addWidget(tile)
        self.content.addLayout(row)
        self.content.addStretch()


class PayByQrScreen(FlowScreen):
    """The code large, the amount, and the minutes left, counted down every second. The same
    order asked again (a later expiry) only moves the countdown: the code stays on the glass
    while the citizen's phone is pointed at it."""

    def __init__(
        self, prompt: PayByQr, ctx: ScreenContext, now: Callable[[], datetime] = _utc_now
    ) -> None:
        heading = tr("Scan this code with your phone to pay")
        # Cancel payment, not Back, is the way back: it cancels the order.
        super().__init__(ctx, on_back=None, voice=heading)
        self._payload = prompt.payload
        self._expires_at = prompt.expires_at
        self._now = now
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(label(heading, "Heading", self))
        self.amount = label(
            tr("Amount: {amount}").format(amount=money(prompt.amount_fen)), "Amount", self
        )
        text.addWidget(self.amount)
        self.countdown = label("", "Subheading", self)
        text.addWidget(self.countdown)
        text.addWidget(
            label(tr("This screen moves on by itself once your payment arrives."), "Muted", self)
        )
        text.addStretch()
        self.qr = QrCode(prompt.payload, 420, self)
        self.qr.setAccessibleName(tr("Payment QR code"))
        self.add_beside(text, self.qr)
        self.cancel_button = button(tr("Cancel payment"), ctx.back, parent=self)
        self.nav.insertWidget(0, self.cancel_button)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        self.tick()

    def update_in_place(self, step: AnyStep) -> bool:
        if not isinstance(step, PayByQr) or step.payload != self._payload:
            return False
        self._expires_at = step.expires_at
        self.tick()
        return True

    def tick(self) -> None:
        left = max(0, int((self._expires_at - self._now()).total_seconds()))
        self.countdown.setText(
            tr("Time left: {minutes}:{seconds:02d}").format(minutes=left // 60, seconds=left % 60)
        )


class BankPinScreen(FlowScreen):
    """The bank PIN on the on-screen keypad, digits in the order the flow shuffled them."""

    def __init__(self, prompt: EnterBankPin, ctx: ScreenContext) -> None:
        instruction = tr("Please enter your 6-digit bank PIN")
        super().__init__(ctx, on_back=ctx.back, voice=instruction)
        text = _pin_side(self, instruction, prompt.amount_fen, prompt.tries_left)
        self.keypad = PinKeypad(self, order=prompt.keypad, keyboard=ctx.staff_laptop)
        self.keypad.entered.connect(ctx.answer)
        self.add_beside(text, self.keypad)
        if prompt.tries_left is not None:
            self.voice = _wrong_pin(prompt.tries_left)


class BankPinOnPadScreen(FlowScreen):
    """The PIN goes on the PIN pad; the screen counts the digits as dots."""

    def __init__(self, shown: BankPinOnPad, ctx: ScreenContext) -> None:
        instruction = tr("Please type your bank PIN on the PIN pad, then press Enter")
        super().__init__(ctx, on_back=None, voice=instruction)
        self.tries_left = shown.tries_left
        text = _pin_side(self, instruction, shown.amount_fen, shown.tries_left)
        self.content.addLayout(text, stretch=1)
        self.dots = label(pin_dots(shown.digits), "Big", self)
        self.dots.setAccessibleName(tr("PIN entered so far"))
        self.content.insertWidget(0, self.dots)
        if shown.tries_left is not None and shown.digits == 0:
            self.voice = _wrong_pin(shown.tries_left)

    def update_in_place(self, step: AnyStep) -> bool:
        """Shows one more (or one less) dot, with nothing to say again; False when the step is
        a new entry (after a wrong PIN), which needs the screen built again to say so."""
        if not isinstance(step, BankPinOnPad) or step.tries_left != self.tries_left:
            return False
        self.dots.setText(pin_dots(step.digits))
        return True


def _pin_side(
    parent: QWidget, instruction: str, amount_fen: int, tries_left: int | None
) -> QVBoxLayout:
    text = QVBoxLayout()
    text.setSpacing(24)
    text.addWidget(
        label(tr("Amount: {amount}").format(amount=money(amount_fen)), "Subheading", parent)
    )
    text.addWidget(label(instruction, "Heading", parent))
    text.addWidget(label(tr("Cover the keypad with your other hand."), "Muted", parent))
    if tries_left is not None:
        text.addWidget(label(_wrong_pin(tries_left), "Warning", parent))
    text.addStretch()
    return text


def _wrong_pin(tries_left: int) -> str:
    return tr("Wrong bank PIN. %n try(ies) left.", None, tries_left)


class PaymentDoneScreen(FlowScreen):
    def __init__(self, done: PaymentDone, ctx: ScreenContext) -> None:
        heading = tr("Payment received")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
        text.addWidget(label(payable_title(done.kind, done.year), "Subheading", self))
        self.amount = label(
            tr("Amount: {amount}").format(amount=money(done.amount_fen)), "Amount", self
        )
        text.addWidget(self.amount)
        if done.queued:
            text.addWidget(
                label(
                    tr(
                        "The money has been paid. The social security system has not "
                        "yet confirmed it; this kiosk will send it as soon as it "
                        "can, and it cannot be lost or recorded twice."
                    ),
                    "",
                    self,
                )
            )
        else:
            text.addWidget(
                label(tr("The social security system has recorded your contribution."), "", self)
            )
        self.printed_label = add_take_away(text, self, printed=done.printed, card=True)
        text.addStretch()
        panel = add_beside_receipt(self, text, done.receipt_number)
        self.receipt_label, self.qr = panel.number_label, panel.qr
        self.done_button = self.add_primary(tr("Done"), ctx.done)


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(ChoosePayable, ChoosePayableScreen),
        ScreenFor(NothingToPay, NothingToPayScreen),
        ScreenFor(ChoosePaymentMethod, ChoosePaymentMethodScreen),
        ScreenFor(PayByQr, PayByQrScreen),
        ScreenFor(EnterBankPin, BankPinScreen),
        ScreenFor(BankPinOnPad, BankPinOnPadScreen),
        ScreenFor(PaymentDone, PaymentDoneScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.PAYMENT,
            StepBar(
                payment_steps,
                at_step={
                    **CARD_AND_PIN,
                    ChoosePayable: CHOOSE_STEP,
                    NothingToPay: CHOOSE_STEP,
                    ChoosePaymentMethod: PAY_STEP,
                    PayByQr: PAY_STEP,
                    EnterBankPin: PAY_STEP,
                    BankPinOnPad: PAY_STEP,
                    PaymentDone: DONE_STEP,
                },
                at_activity={
                    **READING_CARD_AND_PIN,
                    Activity.FETCHING_PAYABLES: CHOOSE_STEP,
                    Activity.CREATING_ORDER: PAY_STEP,
                    Activity.READING_BANK_CARD: PAY_STEP,
                    Activity.DEBITING: PAY_STEP,
                    Activity.CONFIRMING_PAYMENT: PAY_STEP,
                    Activity.CANCELLING_ORDER: PAY_STEP,
                },
            ),
        ),
    ),
)
