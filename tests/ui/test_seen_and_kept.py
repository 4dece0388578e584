"""Issue 14, items 4-6: what the citizen chose and typed is visible, amounts are in body type,
and the receipt number is kept.

Over every scene of scripts/screenshots.py (both languages, both modes): at most one primary
button is shown; a screen that ends with Done has exactly that one; no amount is in headline
type; every screen that gives a receipt number shows it large, grouped 4-4-4-4, with its QR
code and the one name; every success screen has its success mark. Then the number entry: digits
grouped by kind right under the instruction, and a wrong entry that stays with its reason until
it is changed; and a chosen tile that shows a check mark, not a colour alone.
"""

from __future__ import annotations

import re
from typing import TypeVar

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.services.cards.steps import (
    CardActivated,
    CardApplied,
    CardReady,
    CardService,
    EnterIdNumber,
    EnterMobile,
    LossReported,
)
from kiosk.services.certificates.steps import CertificatePrinted, CertificateToCollect
from kiosk.services.eligibility.steps import EligibilityResult
from kiosk.services.enrollment.flow import RESIDENT_INSURANCES
from kiosk.services.enrollment.steps import ChooseInsurances, EnrollmentDone
from kiosk.services.payment.steps import PaymentDone
from kiosk.services.progress.steps import EnterReceiptNumber
from kiosk.services.session import ServiceId
from kiosk.services.steps import QueuedReceipt
from offline_queue.receipts import grouped
from scripts.screenshots import in_service
from tests.support.scenes import each_scene
from tests.ui.test_text_fits import citizen_widgets
from ui.i18n import Language
from ui.screens.base import NumberEntryScreen
from ui.screens.enrollment import ChooseInsurancesScreen
from ui.shell import InFlow, Shell
from ui.widgets.basics import CHECK_MARK
from ui.widgets.number_entry import grouped_digits
from ui.widgets.receipt import ReceiptNumber, SuccessTitle

GIVES_A_RECEIPT = (
    EligibilityResult,
    QueuedReceipt,
    EnrollmentDone,
    PaymentDone,
    LossReported,
    CardReady,
    CardActivated,
    CardApplied,
)
SUCCEEDED = (
    QueuedReceipt,
    EnrollmentDone,
    PaymentDone,
    LossReported,
    CardReady,
    CardActivated,
    CardApplied,
    CertificateToCollect,
)
HEADLINE_ROLES = frozenset({"Heading", "Big", "TileName", "Key", "ErrorTitle"})
MONEY = re.compile(r"¥\s?\d|\d元|yuan", re.IGNORECASE)
RECEIPT_NAMES = {Language.ZH_CN: "受理编号", Language.EN: "Receipt number"}
OTHER_RECEIPT_NAMES = ("回执号", "回执编号", "Receipt No", "receipt no.")
MIN_RECEIPT_PX = 48


W = TypeVar("W", bound=QWidget)


def shown(window: Shell, kind: type[W]) -> list[W]:
    return [w for w in citizen_widgets(window) if isinstance(w, kind)]


def succeeded(step: object) -> bool:
    if isinstance(step, EligibilityResult):
        return step.authenticated
    return isinstance(step, (*SUCCEEDED, CertificatePrinted))


def scene_problems(window: Shell, language: Language) -> list[str]:
    found: list[str] = []
    primaries = [b for b in shown(window, QPushButton) if b.objectName() == "Primary"]
    # A dialog over the screen (idle warning, help coming) is what can be touched: its own
    # primary button counts, the screen's behind the veil does not.
    overlays = [w for w in citizen_widgets(window) if w.objectName() == "Overlay"]
    if overlays:
        primaries = [b for b in primaries if any(o.isAncestorOf(b) for o in overlays)]
    if len(primaries) > 1:
        found.append(f"{len(primaries)} primary buttons: {[b.text() for b in primaries]}")
    labels = shown(window, QLabel)
    buttons = shown(window, QPushButton)
    for widget, text in [*((w, w.text()) for w in labels), *((w, w.text()) for w in buttons)]:
        if widget.objectName() in HEADLINE_ROLES and MONEY.search(text):
            found.append(f"an amount in headline type: {widget.objectName()} {text!r}")
        if any(other in text for other in OTHER_RECEIPT_NAMES):
            found.append(f"the receipt number under another name: {text!r}")
    state = window.state
    if not isinstance(state, InFlow):
        return found
    step = state.step
    done_buttons = [b for b in buttons if b.text() in ("完成", "Done")]
    if done_buttons and done_buttons[0].objectName() != "Primary":
        found.append("Done is not the primary button")
    if done_buttons and any(b.text() in ("退出回首页", "Exit to home") for b in buttons):
        found.append("Exit to home beside Done: two buttons that end the session")
    if isinstance(step, GIVES_A_RECEIPT):
        receipts = shown(window, ReceiptNumber)
        if len(receipts) != 1:
            found.append(f"{len(receipts)} receipt number widgets")
        else:
            (receipt,) = receipts
            number = step.receipt_number
            if receipt.number_label.text() != grouped(number):
                found.append(f"receipt shown as {receipt.number_label.text()!r}")
            if QFontInfo(receipt.number_label.font()).pixelSize() < MIN_RECEIPT_PX:
                found.append("the receipt number is small")
            if receipt.qr.payload != number or not receipt.qr.isVisibleTo(window):
                found.append("the receipt number has no QR code of it")
            if receipt.name_label.text() != RECEIPT_NAMES[language]:
                found.append(f"the receipt number named {receipt.name_label.text()!r}")
    if succeeded(step) and not shown(window, SuccessTitle):
        found.append("a success screen without its success mark")
    return found


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN], ids=["zh_CN", "en"])
def test_every_screen_one_primary_body_amounts_and_the_receipt_kept(
    scene_window: Shell, language: Language, elder: bool
) -> None:
    found: list[str] = []
    receipts = 0
    for name in each_scene(scene_window, language, elder):
        found += [f"{name}: {problem}" for problem in scene_problems(scene_window, language)]
        receipts += bool(shown(scene_window, ReceiptNumber))
    assert receipts >= 9  # every receipt scene was looked at
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("typed", "groups", "shown_as"),
    [
        ("110105195207010011", (6, 8, 4), "110105  19520701  0011"),
        ("13800000003", (3, 4, 4), "138  0000  0003"),
        ("6212345678901236", (4, 4, 4, 4), "6212  3456  7890  1236"),
        ("1101051", (6, 8, 4), "110105  1"),
        ("", (3, 4, 4), ""),
    ],
)
def test_typed_digits_are_grouped_by_kind(
    typed: str, groups: tuple[int, ...], shown_as: str
) -> None:
    assert grouped_digits(typed, groups) == shown_as


ENTRY_SCREENS = [
    (
        in_service(ServiceId.CARD, CardService.REPORT_LOSS_BY_MOBILE)(1, EnterIdNumber()),
        EnterIdNumber(invalid=True),
        "11010519520701001X",
        "110105  19520701  001X",
    ),
    (
        in_service(ServiceId.CARD, CardService.REPORT_LOSS_BY_MOBILE)(1, EnterMobile()),
        EnterMobile(invalid=True),
        "23800000003",
        "238  0000  0003",
    ),
    (
        in_service(ServiceId.PROGRESS)(1, EnterReceiptNumber()),
        EnterReceiptNumber(invalid=True),
        "6212345678901237",
        "6212  3456  7890  1237",
    ),
]


@pytest.mark.parametrize(
    ("state", "again", "typed", "shown_as"), ENTRY_SCREENS, ids=["id", "mobile", "receipt"]
)
def test_a_wrong_entry_stays_with_its_reason_until_changed(
    shell: Shell, state: InFlow, again: object, typed: str, shown_as: str
) -> None:
    shell.show_state(state)
    screen = shell.screen_widget
    assert isinstance(screen, NumberEntryScreen)
    for character in typed:
        screen.entry.type(character)
    display = screen.entry.display
    assert display.text() == shown_as
    # Right under the instruction, in the text column, not above the keypad.
    assert display.parentWidget() is screen
    instruction = next(w for w in screen.findChildren(QLabel) if w.objectName() == "Heading")
    assert 0 <= display.y() - instruction.geometry().bottom() <= 64
    assert QFontInfo(display.font()).pixelSize() >= MIN_RECEIPT_PX
    assert not screen.warning.isVisibleTo(screen)

    # The flow asks again because the number was wrong: the shell offers the step to the
    # screen on show (Shell._on_step), which keeps it, with the digits as typed.
    assert screen.update_in_place(again)  # type: ignore[arg-type]
    assert display.text() == shown_as
    assert screen.warning.isVisibleTo(screen) and screen.warning.text()

    screen.entry.delete_one()  # changed: the reason was about the number before
    assert not screen.warning.isVisibleTo(screen)


@pytest.mark.parametrize(
    ("state", "again", "typed", "shown_as"), ENTRY_SCREENS, ids=["id", "mobile", "receipt"]
)
def test_after_a_wrong_entry_the_next_digit_starts_a_new_number(
    shell: Shell, state: InFlow, again: object, typed: str, shown_as: str
) -> None:
    """A second scan of a receipt QR code types all its digits again: into the full field of
    the wrong number kept on show they went nowhere, and its Enter sent the wrong one again."""
    shell.show_state(state)
    screen = shell.screen_widget
    assert isinstance(screen, NumberEntryScreen)
    for character in typed:
        screen.entry.type(character)
    assert screen.update_in_place(again)  # type: ignore[arg-type]
    for character in typed[:3]:  # scanned or typed anew
        screen.entry.type(character)
    assert screen.entry.text == typed[:3]
    assert not screen.warning.isVisibleTo(screen)


def test_a_chosen_tile_shows_a_check_mark(shell: Shell) -> None:
    shell.show_state(in_service(ServiceId.ENROLLMENT)(1, ChooseInsurances(RESIDENT_INSURANCES)))
    screen = shell.screen_widget
    assert isinstance(screen, ChooseInsurancesScreen)
    tile = next(iter(screen.toggles.values()))
    name = next(w for w in tile.findChildren(QLabel) if w.objectName() == "TileName")
    assert not name.text().startswith(CHECK_MARK)
    tile.click()
    assert tile.isChecked() and name.text().startswith(CHECK_MARK)
    assert tile.accessibleName().startswith(CHECK_MARK)
    tile.click()
    assert not tile.isChecked() and not name.text().startswith(CHECK_MARK)
