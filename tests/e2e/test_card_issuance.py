"""社保卡 立等可取 through the UI against the sandbox: a new card is made (its chip written
through pcscd and vpcd's second slot) and read back through the PC/SC reader with the PIN the
citizen chose; out of cards, a jam and a chip that refuses writes leave nothing half-done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devices.card_issuer.simulator import SimulatedCardIssuer
from devices.smartcard.errors import PinBlocked
from devices.smartcard.ssse import SsseApplication
from kiosk.app import Kiosk
from kiosk.central.codes import CardApplicationReason, ReceiptState
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk_on_pcscd
from tests.support.services import PcscdService, wait_for_slot
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.card import (
    CardActivatedScreen,
    CardReadyScreen,
    ChooseCardServiceScreen,
    ChooseReplacementReasonScreen,
    ConfirmCardLossScreen,
    PinChangedScreen,
    SetNewPinScreen,
)
from ui.screens.card_loss import LossReportedScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.receipts import QueuedReceiptScreen
from ui.shell import Home, Shell

NEW_PIN = "258036"
APPLICANT = demo_citizen("no-card")


def issuer_of(kiosk: Kiosk) -> SimulatedCardIssuer:
    issuer = kiosk.devices.card_issuer
    assert isinstance(issuer, SimulatedCardIssuer)
    return issuer


def choose(qtbot: QtBot, shell: Shell, service: CardService) -> ChooseCardServiceScreen:
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    if menu.choices[service].isEnabled():
        click(qtbot, menu.choices[service])
    return menu


def apply_with_face_and_pin(qtbot: QtBot, shell: Shell, citizen: str) -> None:
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    click(qtbot, tray_bar(shell).id_card_buttons[citizen])
    for again in (False, True):  # the face check runs on the demo camera, then the PIN twice
        qtbot.waitUntil(
            lambda again=again: (
                isinstance(shell.screen_widget, SetNewPinScreen)
                and ("再次" in shell.screen_widget.voice) is again
            ),
            timeout=30_000,
        )
        screen = shell.screen_widget
        assert isinstance(screen, SetNewPinScreen)
        for digit in NEW_PIN:
            screen.keypad.press_digit(digit)
        screen.keypad.confirm()


def applications(sandbox_db: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT card_number, state, detail_code FROM card_applications ORDER BY card_number"
        ).fetchall()


def cards_of(sandbox_db: Path, id_number: str) -> dict[str, str]:
    with sqlite3.connect(sandbox_db) as db:
        return dict(
            db.execute(
                "SELECT card_number, status FROM cards WHERE id_number = ?", (id_number,)
            ).fetchall()
        )


@pytest.mark.parametrize(
    ("fault", "code"),
    [("jam", "issuer.jammed"), ("bad_chip", "card.write_failed")],
)
@pytest.mark.expected_log("card spoiled", "failed with")
def test_a_fault_mid_issuance_spoils_the_card_and_never_reuses_its_number(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path, fault: str, code: str
) -> None:
    issuer = issuer_of(kiosk)
    if fault == "jam":
        issuer.jam_at = "print"
    else:
        issuer.bad_chips = 1
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.NEW_CARD)
        apply_with_face_and_pin(qtbot, shell, "no-card")
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen)
        assert error.code == code
    assert len(issuer.rejected) == 1 and issuer.presented is None
    qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=10_000)
    ((spoiled_number, state, detail),) = applications(sandbox_db)
    assert (state, detail) == ("spoiled", code)
    assert cards_of(sandbox_db, APPLICANT.id_number) == {}  # nothing half-issued
    if fault == "jam":
        issuer.clear_jam()
    with running_shell(qtbot, kiosk) as shell:  # the next card gets the next number
        choose(qtbot, shell, CardService.NEW_CARD)
        apply_with_face_and_pin(qtbot, shell, "no-card")
        wait_for_screen(qtbot, shell, CardReadyScreen)
    numbers = [number for number, _state, _detail in applications(sandbox_db)]
    assert len(set(numbers)) == 2 and spoiled_number in numbers
    qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=10_000)
    assert cards_of(sandbox_db, APPLICANT.id_number) == {numbers[1]: "active"}


def test_out_of_blank_cards_is_said_before_anything_starts(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    issuer_of(kiosk).hopper = 0
    with running_shell(qtbot, kiosk) as shell:
        menu = choose(qtbot, shell, CardService.NEW_CARD)
        assert not menu.choices[CardService.NEW_CARD].isEnabled()
        assert not menu.choices[CardService.REPLACEMENT].isEnabled()
        assert menu.choices[CardService.REPORT_LOSS].isEnabled()
    assert applications(sandbox_db) == []


def test_a_replacement_for_a_lost_card_retires_the_old_number(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    lost = demo_citizen("card-lost")
    assert lost.card is not None
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.REPLACEMENT)
        reasons = wait_for_screen(qtbot, shell, ChooseReplacementReasonScreen)
        click(qtbot, reasons.reasons[CardApplicationReason.REPLACEMENT_LOST])  # type: ignore[attr-defined]
        apply_with_face_and_pin(qtbot, shell, "card-lost")
        ready = wait_for_screen(qtbot, shell, CardReadyScreen)
        assert isinstance(ready, CardReadyScreen)
        click(qtbot, ready.done_button)
    qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=10_000)
    cards = cards_of(sandbox_db, lost.id_number)
    assert cards.pop(lost.card.card_number) == "retired"
    assert list(cards.values()) == ["active"]


def test_a_new_card_is_made_through_pcscd_and_reads_back_with_the_chosen_pin(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    issuer = issuer_of(kiosk)
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.NEW_CARD)
        apply_with_face_and_pin(qtbot, shell, "no-card")
        ready = wait_for_screen(qtbot, shell, CardReadyScreen)
        assert isinstance(ready, CardReadyScreen)
        assert ready.printed_label.text() == "请取走您的社保卡、身份证和回执。"
        click(qtbot, ready.done_button)
    ((number, state, _detail),) = applications(sandbox_db)
    assert state == "issued"
    qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=10_000)
    assert cards_of(sandbox_db, APPLICANT.id_number) == {number: "active"}
    assert len(issuer.faces) == 1 and issuer.faces[0].startswith(b"\x89PNG")

    made = issuer.take_presented()
    assert made is not None
    assert kiosk.demo_tray is not None
    kiosk.demo_tray.insert_card(made)  # the citizen puts the new card into the card reader
    wait_for_slot(0, present=True)
    reader = kiosk.devices.card_reader
    qtbot.waitUntil(reader.card_inserted.is_set, timeout=5000)
    chip = reader.read_card().result(10)
    assert chip.card_number == number
    assert chip.social_security_number == APPLICANT.id_number
    assert chip.name == APPLICANT.name
    assert chip.birth_date == APPLICANT.birth_date
    assert not reader.verify_pin("000000").result(10).verified  # not the transport PIN
    assert reader.verify_pin(NEW_PIN).result(10).verified


def report_loss_by_face(qtbot: QtBot, shell: Shell, citizen: str) -> bool:
    """Reports the citizen's card lost; True if the menu offered a new card meanwhile."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    new_card_offered = menu.choices[CardService.NEW_CARD].isEnabled()
    click(qtbot, menu.choices[CardService.REPORT_LOSS])
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    click(qtbot, tray_bar(shell).id_card_buttons[citizen])
    confirm = wait_for_screen(qtbot, shell, ConfirmCardLossScreen)  # after the face check
    assert isinstance(confirm, ConfirmCardLossScreen)
    click(qtbot, confirm.confirm_button)
    return new_card_offered


@pytest.mark.expected_log("card.reported_lost")
def test_a_loss_report_by_id_card_and_face_blocks_the_card_and_it_is_refused(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    holder = demo_citizen("contributor")
    assert holder.card is not None
    with running_shell(qtbot, kiosk) as shell:
        assert report_loss_by_face(qtbot, shell, "contributor") is True
        reported = wait_for_screen(qtbot, shell, LossReportedScreen)
        assert cards_of(sandbox_db, holder.id_number) == {holder.card.card_number: "reported_lost"}
        click(qtbot, reported.done_button)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: shell.session is None, timeout=5000)
        shell.show_state(Home())  # the found card, inserted afterwards, is refused
        home = wait_for_screen(qtbot, shell, HomeScreen)
        click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
        click(qtbot, tray_bar(shell).card_buttons["contributor"])
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen)
        assert error.code == "card.reported_lost"


@pytest.mark.expected_log("central POST /card-loss-reports", "central GET /health")
def test_offline_a_loss_report_by_face_is_queued_first_and_delivered(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path, pcscd: PcscdService
) -> None:
    holder = demo_citizen("contributor")
    assert holder.card is not None
    port = int(sandbox.url.rsplit(":", 1)[1])
    back: SandboxProcess | None = None
    try:
        with (
            demo_kiosk_on_pcscd(
                sandbox.url, pcscd.port, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0", **QUICK_QUEUE
            ) as kiosk,
            running_shell(qtbot, kiosk) as shell,
        ):
            sandbox.stop()
            qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)
            # Offline no card can be made (it needs the central system's script): said up front.
            assert report_loss_by_face(qtbot, shell, "contributor") is False
            receipt = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
            assert "12333" in " ".join(texts_on_screen())
            number = receipt.qr.payload  # type: ignore[attr-defined]
            back = start_sandbox_process(sandbox_db, port=port)
            qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=20_000)
            assert kiosk.outbound.progress(number).state is ReceiptState.DELIVERED
    finally:
        if back is not None:
            back.stop()
    assert cards_of(sandbox_db, holder.id_number) == {holder.card.card_number: "reported_lost"}


def test_changing_the_pin_with_the_old_one(qtbot: QtBot, kiosk: Kiosk) -> None:
    holder = demo_citizen("pensioner-authenticated")
    assert holder.card is not None
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.CHANGE_PIN)
        click(qtbot, tray_bar(shell).card_buttons["pensioner-authenticated"])
        enter_pin(qtbot, shell, holder.card.pin)
        for again in (False, True):
            qtbot.waitUntil(
                lambda again=again: (
                    isinstance(shell.screen_widget, SetNewPinScreen)
                    and ("再次" in shell.screen_widget.voice) is again
                ),
                timeout=10_000,
            )
            screen = shell.screen_widget
            assert isinstance(screen, SetNewPinScreen)
            for digit in NEW_PIN:
                screen.keypad.press_digit(digit)
            screen.keypad.confirm()
        wait_for_screen(qtbot, shell, PinChangedScreen)
    assert kiosk.demo_tray is not None
    chip = next(c.card for c in kiosk.demo_tray.cards if c.citizen_key == "pensioner-authenticated")
    app = SsseApplication(chip.process)  # the demo card itself, taken out of the tray
    app.select_application()
    assert app.verify_pin(NEW_PIN).verified


def type_new_pin_twice(qtbot: QtBot, shell: Shell, pin: str = NEW_PIN) -> None:
    for again in (False, True):
        qtbot.waitUntil(
            lambda again=again: (
                isinstance(shell.screen_widget, SetNewPinScreen)
                and ("再次" in shell.screen_widget.voice) is again
            ),
            timeout=30_000,
        )
        screen = shell.screen_widget
        assert isinstance(screen, SetNewPinScreen)
        for digit in pin:
            screen.keypad.press_digit(digit)
        screen.keypad.confirm()


def demo_chip(kiosk: Kiosk, citizen: str) -> SsseApplication:
    assert kiosk.demo_tray is not None
    card = next(c.card for c in kiosk.demo_tray.cards if c.citizen_key == citizen)
    app = SsseApplication(card.process)  # the demo card itself, taken out of the tray
    app.select_application()
    return app


def block_pin(chip: SsseApplication) -> None:
    """The citizen forgot the PIN: three wrong tries, counted down by the chip, block it."""
    for tries_left in (2, 1):
        assert chip.verify_pin("000000").tries_left == tries_left
    with pytest.raises(PinBlocked):
        chip.verify_pin("000000")


def test_a_card_made_elsewhere_is_activated_with_its_letter_pin(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    holder = demo_citizen("card-not-activated")
    assert holder.card is not None
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.ACTIVATE)
        click(qtbot, tray_bar(shell).card_buttons["card-not-activated"])
        wait_for_screen(qtbot, shell, PlaceIdCardScreen)
        click(qtbot, tray_bar(shell).id_card_buttons["card-not-activated"])
        enter_pin(qtbot, shell, holder.card.pin)  # the initial PIN from the letter
        type_new_pin_twice(qtbot, shell)
        done = wait_for_screen(qtbot, shell, CardActivatedScreen)
        click(qtbot, done.done_button)  # type: ignore[attr-defined]
    assert cards_of(sandbox_db, holder.id_number) == {holder.card.card_number: "active"}
    assert demo_chip(kiosk, "card-not-activated").verify_pin(NEW_PIN).verified


def test_a_blocked_pin_is_reset_with_the_id_card_and_a_face_check(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    chip = demo_chip(kiosk, "contributor")
    block_pin(chip)
    with pytest.raises(PinBlocked):
        chip.verify_pin("345678")
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, CardService.RESET_PIN)
        click(qtbot, tray_bar(shell).card_buttons["contributor"])
        wait_for_screen(qtbot, shell, PlaceIdCardScreen)
        click(qtbot, tray_bar(shell).id_card_buttons["contributor"])
        type_new_pin_twice(qtbot, shell)
        changed = wait_for_screen(qtbot, shell, PinChangedScreen)
        assert "新密码已设置" in texts_on_screen()
        click(qtbot, changed.done_button)  # type: ignore[attr-defined]
    assert demo_chip(kiosk, "contributor").verify_pin(NEW_PIN).verified
