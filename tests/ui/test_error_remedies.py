"""Error screens say what happened in plain words and offer the kiosk's own remedy as the one
main button (issue 14): every code of the vocabulary, and the remedies really starting."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.codes import every_code
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from scripts.screenshots import settle
from tests.support.scenes import each_scene
from tests.support.ui import click, step_bar_of, tray_bar, wait_for_screen
from ui.i18n import Language
from ui.i18n.texts import error_text
from ui.screens import card
from ui.screens.card import ChooseCardServiceScreen
from ui.screens.card_loss import ConfirmLossScreen, IdNumberScreen, MobileScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.remedies import remedy_for
from ui.shell import Failed, Home, InFlow, Shell
from ui.widgets.help import HelpComing

SAYS_TRY_AGAIN = re.compile(r"\b(try|start)\b[\w ]* again|once more", re.IGNORECASE)
"""Advice that tells the citizen to retry: its screen must have a button that does."""
PAYMENT_NOT_MADE = ("order.", "debit.", "pinpad.", "card.not_bank_card", "payment.not_payable")
"""Codes on which no money moved: their advice says so."""
SAYS_NOTHING_PAID = re.compile(r"Nothing (more )?was (paid|charged)")


def show_error(window: Shell, failed: Failed) -> ErrorScreen:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.show_state(failed)
    settle(app)
    screen = window.screen_widget
    assert isinstance(screen, ErrorScreen)
    return screen


def main_buttons(screen: ErrorScreen) -> list[QPushButton]:
    return [
        b
        for b in screen.findChildren(QPushButton)
        if b.objectName() == "Primary" and b.isVisibleTo(screen)
    ]


@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN], ids=["zh_CN", "en"])
def test_every_codes_error_screen_offers_one_main_action_in_plain_words(
    scene_window: Shell, language: Language
) -> None:
    if scene_window.language is not language:
        scene_window.switch_language()
    codes = sorted(every_code())
    assert len(codes) > 100  # the whole vocabulary, not a walk that found nothing
    problems: list[str] = []
    with_remedy = 0
    for code in codes:
        screen = show_error(scene_window, Failed(code, ServiceId.QUERY))
        mains = main_buttons(screen)
        if len(mains) != 1:
            problems.append(f"{code}: {len(mains)} main buttons")
            continue
        remedy = remedy_for(code)
        if remedy is not None:
            with_remedy += 1
            if mains[0] is screen.home_button or mains[0].text() != remedy.words():
                problems.append(f"{code}: the main button is {mains[0].text()!r}, not its remedy")
            if not screen.home_button.isVisibleTo(screen):
                problems.append(f"{code}: no way back to home beside the remedy")
        text = error_text(code)
        shown = [w.text() for w in screen.findChildren(QLabel) if w.objectName() != "Code"]
        if any(code in words for words in shown):
            problems.append(f"{code}: the raw code in the citizen's words")
        if text.title not in shown or screen.advice_text not in shown:
            problems.append(f"{code}: its title or advice is not on the screen")
        staff = [w for w in screen.findChildren(QLabel) if w.objectName() == "Code"]
        if len(staff) != 1 or code not in staff[0].text():
            problems.append(f"{code}: the code is not shown small for staff")
        if language is Language.EN:
            if SAYS_TRY_AGAIN.search(screen.advice_text) and screen.remedy_button is None:
                problems.append(f"{code}: says to try again but offers no button that does")
            if code.startswith(PAYMENT_NOT_MADE) and not SAYS_NOTHING_PAID.search(
                screen.advice_text
            ):
                problems.append(f"{code}: does not say that nothing was paid")
    assert not problems, "\n".join(problems)
    assert with_remedy > 50


def test_without_the_failed_service_a_retry_leaves_home_as_the_main_action(
    scene_window: Shell,
) -> None:
    screen = show_error(scene_window, Failed("central.unavailable"))
    assert main_buttons(screen) == [screen.home_button]
    assert screen.remedy_button is None


def test_every_remedy_that_starts_another_service_says_where_to_go_without_it() -> None:
    """An advice that names a service of this kiosk ("set a new PIN here") has words for a
    kiosk that cannot offer it; a retry or a payment started again needs none."""
    missing = [
        code
        for code in sorted(every_code())
        if (remedy := remedy_for(code)) is not None
        and remedy.service not in (None, ServiceId.PAYMENT)
        and not error_text(code).elsewhere
    ]
    assert not missing


@pytest.mark.parametrize(
    ("code", "without"),
    [
        ("card.pin_blocked", {"camera": None}),
        ("card.pin_blocked", {"idcard_reader": None}),
        ("card.reported_lost", {"card_issuer": None}),
        ("card.not_activated", {"idcard_reader": None}),
    ],
    ids=["pin-reset-no-camera", "pin-reset-no-id-reader", "replacement-no-issuer", "activate"],
)
def test_a_remedy_this_kiosk_cannot_offer_is_not_promised(
    shell: Shell, monkeypatch: pytest.MonkeyPatch, code: str, without: dict[str, None]
) -> None:
    """Found by a second reader: the error screen said "set a new PIN here" on a kiosk whose
    card menu has no PIN reset (no camera or no ID card reader)."""
    devices = dataclasses.replace(shell.kiosk.devices, **without)  # type: ignore[arg-type]
    monkeypatch.setattr(type(shell.kiosk), "devices", property(lambda _kiosk: devices))
    screen = show_error(shell, Failed(code, ServiceId.QUERY))
    assert screen.remedy_button is None
    assert main_buttons(screen) == [screen.home_button]
    text = error_text(code)
    assert screen.advice_text == text.elsewhere
    assert text.elsewhere in [w.text() for w in screen.findChildren(QLabel)]


def test_a_blocked_pin_is_reset_here_from_its_error_screen(qtbot: QtBot, shell: Shell) -> None:
    screen = show_error(shell, Failed("card.pin_blocked", ServiceId.QUERY))
    assert screen.remedy_button is not None
    click(qtbot, screen.remedy_button)
    # The card menu is answered for the citizen: the PIN reset's first step comes at once.
    inserting = wait_for_screen(qtbot, shell, InsertCardScreen)
    assert shell.session is not None and shell.session.service is ServiceId.CARD
    assert isinstance(shell.state, InFlow) and shell.state.choice is CardService.RESET_PIN
    assert step_bar_of(inserting).steps == tuple(card.pin_reset_steps())


def test_try_again_starts_the_service_that_failed(qtbot: QtBot, shell: Shell) -> None:
    screen = show_error(shell, Failed("central.unavailable", ServiceId.PAYMENT))
    assert screen.remedy_button is not None
    click(qtbot, screen.remedy_button)
    wait_for_screen(qtbot, shell, InsertCardScreen)
    assert shell.session is not None and shell.session.service is ServiceId.PAYMENT


@pytest.mark.expected_log("failed with card.reported_lost")
def test_a_card_reported_lost_is_replaced_from_its_error_screen(qtbot: QtBot, shell: Shell) -> None:
    shell.show_state(Home())
    click(qtbot, wait_for_screen(qtbot, shell, HomeScreen).tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    click(qtbot, tray_bar(shell).card_buttons["card-lost"])
    error = wait_for_screen(qtbot, shell, ErrorScreen)
    assert isinstance(error, ErrorScreen) and error.code == "card.reported_lost"
    assert error.remedy_button is not None
    click(qtbot, error.remedy_button)
    # Menu and reason answered (a replacement, the card lost): the ID card is asked for next.
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    assert shell.session is not None and shell.session.service is ServiceId.CARD
    assert isinstance(shell.state, InFlow) and shell.state.choice is CardService.REPLACEMENT


def type_number(qtbot: QtBot, shell: Shell, screen_type: type, number: str) -> None:
    screen = wait_for_screen(qtbot, shell, screen_type)
    for character in number:
        click(qtbot, screen.entry.keys[character])  # type: ignore[attr-defined]
    click(qtbot, screen.entry._confirm)  # type: ignore[attr-defined]


@pytest.mark.expected_log("loss_report.proof_mismatch", "queue.dead_letter")
def test_try_again_after_a_refused_loss_report_reports_the_loss_again(
    qtbot: QtBot, shell: Shell
) -> None:
    """A retry goes back to the procedure the citizen chose, not to the card menu."""
    loser = demo_citizen("unpaid-year")
    shell.show_state(Home())
    click(qtbot, wait_for_screen(qtbot, shell, HomeScreen).tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    click(qtbot, menu.choices[CardService.REPORT_LOSS_BY_MOBILE])  # type: ignore[attr-defined]
    type_number(qtbot, shell, IdNumberScreen, loser.id_number)
    type_number(qtbot, shell, MobileScreen, "13900000000")
    click(qtbot, wait_for_screen(qtbot, shell, ConfirmLossScreen).confirm_button)  # type: ignore[attr-defined]
    error = wait_for_screen(qtbot, shell, ErrorScreen)
    assert isinstance(error, ErrorScreen) and error.code == "loss_report.proof_mismatch"
    assert error.remedy_button is not None
    click(qtbot, error.remedy_button)
    wait_for_screen(qtbot, shell, IdNumberScreen)
    assert shell.session is not None and shell.session.service is ServiceId.CARD
    assert isinstance(shell.state, InFlow)
    assert shell.state.choice is CardService.REPORT_LOSS_BY_MOBILE


def test_where_only_staff_can_help_the_main_button_calls_them(qtbot: QtBot, shell: Shell) -> None:
    screen = show_error(shell, Failed("printer.media_empty", ServiceId.CERTIFICATES))
    assert screen.remedy_button is not None
    click(qtbot, screen.remedy_button)
    # The same request and notice as the top bar's 求助, over the error screen, which stays.
    assert isinstance(shell.help_notice, HelpComing) and shell.help_notice.isVisible()
    assert shell.screen_widget is screen and shell.session is None
    assert shell.help_desk.wait(15)


def test_every_screen_that_says_to_try_again_has_a_main_button_to_do_it(
    scene_window: Shell,
) -> None:
    """Not only the error screens: the face check's retry, a wrong entry asked again."""
    saying, missing = [], []
    for name in each_scene(scene_window, Language.EN):
        screen = scene_window.screen_widget
        assert screen is not None
        words = [w.text() for w in screen.findChildren(QLabel) if w.isVisibleTo(screen)]
        if not any(SAYS_TRY_AGAIN.search(text) for text in words):
            continue
        saying.append(name)
        buttons = [
            b
            for b in screen.findChildren(QPushButton)
            if b.objectName() == "Primary" and b.isVisibleTo(screen) and b.isEnabled()
        ]
        if len(buttons) != 1:
            missing.append(f"{name}: {len(buttons)} main buttons")
    assert {"15-error-central-down", "29-face-retry"} <= set(saying), saying
    assert missing == []


def test_every_remedy_is_declared_for_a_code_of_the_vocabulary() -> None:
    """A remedy for a code no flow or central answer ends on is dead (eligibility.no_face was
    one, until the central system's eligibility reasons joined the vocabulary)."""
    from ui.screens.remedies import _FAMILIES, _REMEDIES

    codes = every_code()
    assert [code for code in _REMEDIES if code not in codes] == []
    families = {code.split(".")[0] + "." for code in codes}
    assert [family for family in _FAMILIES if family not in families] == []
