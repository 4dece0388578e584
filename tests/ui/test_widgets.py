"""The PIN keypad, the voice hook, and screens that take the next step in place."""

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.cards.steps import IssuanceStage, IssuingCard
from kiosk.services.payment.steps import BankPinOnPad
from kiosk.services.steps import Activity, Working
from ui.screens.base import ScreenContext
from ui.screens.card import IssuingCardScreen
from ui.screens.payment import BankPinOnPadScreen
from ui.theme import DISABLED_BG, PRIMARY, Theme
from ui.voice import VoicePrompter
from ui.widgets.basics import button
from ui.widgets.keypad import PinKeypad, pin_dots


def test_keypad_is_shuffled_for_every_entry(qtbot: QtBot) -> None:
    layouts = set()
    for _ in range(20):
        keypad = PinKeypad()
        qtbot.addWidget(keypad)
        assert sorted(keypad.layout_order) == list("0123456789")
        layouts.add("".join(keypad.layout_order))
    # 20 draws from 10! layouts: a repeat means the shuffle is broken.
    assert len(layouts) == 20


def test_keypad_masks_and_submits_six_digits(qtbot: QtBot) -> None:
    keypad = PinKeypad()
    qtbot.addWidget(keypad)
    entered: list[str] = []
    keypad.entered.connect(entered.append)
    for digit in "12345":
        keypad.press_digit(digit)
    keypad.confirm()
    assert entered == []  # five digits are not a PIN
    keypad.press_digit("6")
    dots = keypad.findChild(type(keypad._dots))
    assert dots is not None and "6" not in dots.text() and dots.text().count("●") == 6
    keypad.confirm()
    assert entered == ["123456"]
    assert keypad.entered_count == 0  # nothing of the PIN stays in the widget


def test_keypad_delete_and_clear(qtbot: QtBot) -> None:
    keypad = PinKeypad()
    qtbot.addWidget(keypad)
    for digit in "987":
        keypad.press_digit(digit)
    keypad._delete.click()
    assert keypad.entered_count == 2
    keypad._clear.click()
    assert keypad.entered_count == 0


def test_voice_prompts_are_emitted_and_spoken_by_the_command(qtbot: QtBot, tmp_path: Path) -> None:
    spoken_file = tmp_path / "spoken.txt"
    script = tmp_path / "speak.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {spoken_file}\n')
    script.chmod(0o755)
    voice = VoicePrompter(str(script))
    heard: list[str] = []
    voice.spoken.connect(heard.append)
    voice.say("请插入社保卡")
    assert heard == ["请插入社保卡"]
    qtbot.waitUntil(spoken_file.exists, timeout=5_000)
    qtbot.waitUntil(lambda: spoken_file.read_text() == "请插入社保卡", timeout=5_000)
    # The prompter has no parent here: it must not be collected while its process is still
    # being reaped (Qt then delivered the process's end to a deleted object: a Bus error).
    qtbot.waitUntil(lambda: not voice.speaking, timeout=5_000)


def context(answers: list[object] | None = None) -> ScreenContext:
    """What the shell gives a screen, with nothing behind it."""
    seen = answers if answers is not None else []

    def nothing() -> None:
        return None

    return ScreenContext(
        steps=("One", "Two", "Three"),
        current=1,
        answer=seen.append,
        back=nothing,
        done=nothing,
        confirm=nothing,
        exit=nothing,
        say=seen.append,
        camera=lambda: None,
    )


def test_pin_pad_dots_are_added_in_place(qtbot: QtBot) -> None:
    screen = BankPinOnPadScreen(BankPinOnPad(1, 50_000), context())
    qtbot.addWidget(screen)
    assert screen.step_bar.steps == ("One", "Two", "Three") and screen.step_bar.current == 1
    assert screen.update_in_place(BankPinOnPad(4, 50_000))
    assert screen.dots.text() == pin_dots(4)
    # A new entry after a wrong PIN has something to say: the shell builds it anew.
    assert not screen.update_in_place(BankPinOnPad(0, 50_000, tries_left=2))
    assert not screen.update_in_place(Working(Activity.DEBITING))
    assert screen.dots.text() == pin_dots(4)


def test_issuing_stages_are_ticked_off_in_place(qtbot: QtBot) -> None:
    screen = IssuingCardScreen(IssuingCard(IssuanceStage.FEEDING, 0, 4), context())
    qtbot.addWidget(screen)
    assert screen.stage_labels[1].text().startswith("○")
    assert screen.update_in_place(IssuingCard(IssuanceStage.PRINTING, 2, 4))
    assert [line.text()[0] for line in screen.stage_labels] == ["✓", "✓", "▶", "○"]


def test_a_disabled_primary_button_looks_disabled(qtbot: QtBot) -> None:
    """The keypad's Confirm before six digits: grey like every disabled button, not the
    primary blue that invites a touch."""
    page = QWidget()
    qtbot.addWidget(page)
    page.setStyleSheet(Theme(elder=False).stylesheet())
    row = QHBoxLayout(page)
    enabled, disabled, plain = (
        button("OK", primary=True, parent=page),
        button("OK", primary=True, parent=page),
        button("OK", parent=page),
    )
    disabled.setEnabled(False)
    plain.setEnabled(False)
    for widget in (enabled, disabled, plain):
        row.addWidget(widget)
    page.show()
    qtbot.waitExposed(page)

    def fill(widget: QWidget) -> str:
        # Inside the border and the rounded corner, beside the text.
        picture = widget.grab().toImage()
        return str(picture.pixelColor(12, picture.height() // 2).name()).upper()

    assert fill(disabled) == fill(plain) == DISABLED_BG
    assert fill(enabled) == PRIMARY
