"""The kiosk as a citizen meets it: attract, home, query, PIN, idle, language and elder mode."""

from __future__ import annotations

import importlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import kiosk.services
from kiosk.app import Kiosk
from kiosk.domain.identity import mask_id_number, mask_name
from kiosk.domain.money import Money
from kiosk.services.cards.steps import CardService
from kiosk.services.catalog import FLOW_MODULES
from kiosk.services.session import ServiceId
from kiosk.services.steps import FaceGuidance, Prompt, QueuedReceipt, View
from sandbox.citizens import demo_citizen
from tests.support.ui import (
    click,
    enter_pin,
    step_bar_of,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.i18n import Language
from ui.screens import card, card_loss, eligibility, flow_screens, identify, registries
from ui.screens.attract import AttractScreen
from ui.screens.base import AnyStep
from ui.screens.card import ChooseCardServiceScreen
from ui.screens.eligibility import FaceScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.screens.receipts import QueuedReceiptScreen
from ui.screens.registry import DuplicateScreen, StepBar, merge
from ui.shell import InFlow, Shell


def open_query(qtbot: QtBot, shell: Shell) -> None:
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    assert isinstance(attract, AttractScreen)
    click(qtbot, attract.start_button)
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])
    wait_for_screen(qtbot, shell, InsertCardScreen)


def insert(qtbot: QtBot, shell: Shell, citizen_key: str) -> None:
    click(qtbot, tray_bar(shell).card_buttons[citizen_key])


def results_for(qtbot: QtBot, shell: Shell, citizen_key: str, pin: str) -> QueryResultsScreen:
    open_query(qtbot, shell)
    insert(qtbot, shell, citizen_key)
    enter_pin(qtbot, shell, pin)
    screen = wait_for_screen(qtbot, shell, QueryResultsScreen)
    assert isinstance(screen, QueryResultsScreen)
    return screen


def test_home_shows_six_services_all_open(qtbot: QtBot, shell: Shell) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    assert list(home.tiles) == [s for s in ServiceId if s is not ServiceId.PROGRESS]
    enabled = [sid for sid, tile in home.tiles.items() if tile.isEnabled()]
    assert enabled == [s for s in ServiceId if s is not ServiceId.PROGRESS]
    descriptions = [tile.accessibleDescription() for tile in home.tiles.values()]
    assert descriptions.count("即将开通") == 0
    assert home.progress_button.isEnabled()
    assert home.offline_banner is None


@pytest.mark.parametrize(
    ("citizen_key", "pin", "section_check"),
    [("contributor", "345678", "contributions"), ("pensioner-due", "123456", "benefits")],
)
def test_query_end_to_end_for_two_citizens(
    qtbot: QtBot, shell: Shell, kiosk: Kiosk, citizen_key: str, pin: str, section_check: str
) -> None:
    citizen = demo_citizen(citizen_key)
    screen = results_for(qtbot, shell, citizen_key, pin)
    shown = texts_on_screen()
    assert any(mask_id_number(citizen.id_number) in text for text in shown)
    assert any(text.startswith(mask_name(citizen.name)) for text in shown)
    # The full name and number are never on screen.
    assert not any(citizen.id_number in text for text in shown)
    assert not any(citizen.name in text for text in shown)

    if section_check == "contributions":
        click(qtbot, screen.segment_buttons["contributions"])
        entry, year_button = next(
            (e, b) for e, b in reversed(screen.contributions.year_buttons) if len(e.months) == 12
        )
        # The oldest full year is below the fold: scroll to it as a citizen would.
        year_button.parentWidget().parentWidget().parentWidget().ensureWidgetVisible(year_button)
        # Regression: a tap on a row of a scrollable list must open it (a mouse-drag scroller
        # used to swallow it).
        click(qtbot, year_button)  # type: ignore[arg-type]
        assert screen.contributions.month_table.rowCount() == len(entry.months) == 12
        click(qtbot, screen.contributions.back_to_years)
        click(qtbot, screen.segment_buttons["accounts"])
        assert any("元" in t and "余额" in t for t in texts_on_screen())
    else:
        click(qtbot, screen.segment_buttons["benefits"])
        assert any(f"{Money(21_350).decimal_text()}元" == t for t in texts_on_screen())

    click(qtbot, screen.done_button)
    wait_for_screen(qtbot, shell, TakeCardScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    enter_pin(qtbot, shell, "000000")
    qtbot.waitUntil(
        lambda: (
            isinstance(shell.screen_widget, PinScreen)
            and any("还可以再试2次" in t for t in texts_on_screen())
        ),
        timeout=10_000,
    )
    enter_pin(qtbot, shell, "345678")  # the counter is reset by the right PIN
    wait_for_screen(qtbot, shell, QueryResultsScreen)


@pytest.mark.expected_log("failed with card.reported_lost")
def test_a_lost_card_gets_its_own_error_screen(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "card-lost")
    screen = wait_for_screen(qtbot, shell, ErrorScreen)
    assert isinstance(screen, ErrorScreen)
    assert screen.code == "card.reported_lost"
    assert "这张社保卡已挂失" in texts_on_screen()
    click(qtbot, screen.home_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_pulling_the_card_returns_to_attract(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    wait_for_screen(qtbot, shell, PinScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, AttractScreen)


def test_back_from_the_pin_goes_home(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    pin = wait_for_screen(qtbot, shell, PinScreen)
    assert isinstance(pin, PinScreen) and pin.back_button is not None
    click(qtbot, pin.back_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_idle_warning_continue_keeps_the_session(
    qtbot: QtBot, fast_idle: None, shell: Shell
) -> None:
    screen = results_for(qtbot, shell, "contributor", "345678")
    qtbot.waitUntil(lambda: shell.idle_warning is not None, timeout=5_000)
    warning = shell.idle_warning
    assert warning is not None
    assert warning.remaining >= 20 - 1
    # The default button, the one Enter presses, is the safe one.
    assert warning.continue_button.isDefault()
    assert not warning.end_button.isDefault()
    click(qtbot, warning.continue_button)
    assert shell.idle_warning is None
    assert shell.screen_widget is screen
    assert shell.session is not None and not shell.session.ended


def test_idle_reset_wipes_the_citizen(qtbot: QtBot, fast_idle: None, shell: Shell) -> None:
    citizen = demo_citizen("contributor")
    results_for(qtbot, shell, "contributor", "345678")
    session = shell.session
    assert session is not None
    wait_for_screen(qtbot, shell, AttractScreen)  # warning shown, counted down, reset
    assert session.ended
    qtbot.waitUntil(lambda: shell.runner.current is None, timeout=5_000)
    assert session.person is None
    shown = " ".join(texts_on_screen())
    for trace in (
        citizen.name,
        citizen.id_number,
        mask_name(citizen.name),
        mask_id_number(citizen.id_number),
    ):
        assert trace not in shown


def test_language_and_elder_mode_switch_in_one_touch(qtbot: QtBot, shell: Shell) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    wait_for_screen(qtbot, shell, HomeScreen)
    assert "参保查询" in texts_on_screen()
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.language_button)
    assert shell.language is Language.EN
    assert "My insurance records" in texts_on_screen()
    assert isinstance(shell.screen_widget, HomeScreen)  # the citizen stays where they were
    assert shell.top_bar.language_button.text() == "中文"

    before = _heading_point_size(shell)
    click(qtbot, shell.top_bar.elder_button)
    assert shell.elder
    after = _heading_point_size(shell)
    assert after > before >= 30  # titles at least 30 pt (40 px), larger still in elder mode
    click(qtbot, shell.top_bar.language_button)
    assert shell.language is Language.ZH_CN and shell.elder


def _heading_point_size(shell: Shell) -> int:
    from PySide6.QtWidgets import QLabel

    assert shell.screen_widget is not None
    heading = next(
        w for w in shell.screen_widget.findChildren(QLabel) if w.objectName() == "Heading"
    )
    heading.ensurePolished()
    return heading.font().pointSize()


def test_the_next_citizen_starts_with_the_default_language_and_size(
    qtbot: QtBot, fast_idle: None, shell: Shell
) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    wait_for_screen(qtbot, shell, HomeScreen)
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.language_button)
    click(qtbot, shell.top_bar.elder_button)
    assert shell.language is Language.EN and shell.elder
    wait_for_screen(qtbot, shell, AttractScreen)  # idle: warning, countdown, reset
    assert shell.language is Language.ZH_CN and not shell.elder
    assert "轻触开始" in texts_on_screen()


# --- the screen registries ---


def declared_steps() -> dict[str, set[type[AnyStep]]]:
    """Every Prompt and View declared in kiosk/services/**/steps.py, by module."""
    root = Path(kiosk.services.__file__).parent
    found: dict[str, set[type[AnyStep]]] = {}
    for path in sorted(root.rglob("steps.py")):
        name = ".".join(("kiosk", "services", *path.relative_to(root).with_suffix("").parts))
        module = importlib.import_module(name)
        found[name] = {
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and value.__module__ == name
            and issubclass(value, (Prompt, View))
            and value not in (Prompt, View)
        }
    return found


def test_every_step_a_flow_declares_has_exactly_one_screen() -> None:
    declared = set().union(*declared_steps().values())
    assert QueuedReceipt in declared and FaceGuidance in declared  # the walk found them
    rendered = Counter(entry.step for registry in registries() for entry in registry.screens)
    assert {step for step, count in rendered.items() if count > 1} == set()
    assert set(rendered) == declared  # none left without a screen, none for a step nobody has
    assert set(flow_screens().screens) == declared


def test_a_step_type_declared_twice_is_refused() -> None:
    with pytest.raises(DuplicateScreen, match="InsertCard has two screens"):
        merge((identify.SCREENS, identify.SCREENS))


def test_every_service_has_a_step_bar_that_places_its_own_steps() -> None:
    screens = flow_screens()
    assert set(screens.services) == set(ServiceId)
    steps_by_module = declared_steps()
    for service, (package, _flow) in FLOW_MODULES.items():
        own = screens.services[service]
        bars: list[StepBar] = [own.bar, *own.branches.values()]
        for step in steps_by_module[f"kiosk.services.{package}.steps"]:
            placed = any(step in bar.at_step for bar in bars)
            assert placed or screens.screens[step].place is not None, (service, step)
        for bar in bars:
            count = len(bar.names())
            for place in (*bar.at_step.values(), *bar.at_activity.values()):
                assert -count <= place < count, (service, bar.names(), place)


def test_the_card_menu_offers_a_step_bar_for_every_choice() -> None:
    assert set(flow_screens().services[ServiceId.CARD].branches) == set(CardService)


def reach_the_face_check_of_the_card_service(qtbot: QtBot, shell: Shell) -> FaceScreen:
    """Card service, report a loss by ID card and face: the shared face check."""
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    assert step_bar_of(menu).steps == tuple(card.card_steps())
    click(qtbot, menu.choices[CardService.REPORT_LOSS])
    id_card = wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    assert isinstance(id_card, PlaceIdCardScreen)
    # Shared with enrollment, shown in the card service: the card service's steps.
    assert step_bar_of(id_card).steps == tuple(card.loss_by_face_steps())
    assert step_bar_of(id_card).current == 1
    click(qtbot, tray_bar(shell).id_card_buttons["contributor"])
    face = wait_for_screen(qtbot, shell, FaceScreen)
    assert isinstance(face, FaceScreen)
    return face


def test_the_face_check_in_the_card_service_shows_the_card_services_steps(
    qtbot: QtBot, shell: Shell
) -> None:
    face = reach_the_face_check_of_the_card_service(qtbot, shell)
    bar = step_bar_of(face)
    assert bar.steps == tuple(card.loss_by_face_steps())
    assert bar.steps != tuple(eligibility.eligibility_steps())
    assert bar.steps[bar.current] == "刷脸认证"
    assert any(text.endswith("刷脸认证") for text in texts_on_screen())
    click(qtbot, face.exit_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_new_face_guidance_updates_the_same_screen_in_place(qtbot: QtBot, shell: Shell) -> None:
    face = reach_the_face_check_of_the_card_service(qtbot, shell)
    assert isinstance(shell.state, InFlow)
    first = shell.state.step
    spoken: list[str] = []
    shell.voice.spoken.connect(spoken.append)
    # The demo camera's face goes through the actions: the guidance changes, the screen not.
    qtbot.waitUntil(
        lambda: (
            isinstance(shell.state, InFlow)
            and isinstance(shell.state.step, FaceGuidance)
            and shell.state.step.action is not first.action  # type: ignore[attr-defined]
        ),
        timeout=30_000,
    )
    assert shell.screen_widget is face
    assert face.guidance == shell.state.step
    assert face.voice in spoken  # a new instruction is said aloud
    click(qtbot, face.exit_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_a_queued_receipt_shows_the_steps_of_its_operations_service(
    qtbot: QtBot, shell: Shell
) -> None:
    now = datetime.now(UTC)
    # The loss report by mobile, queued: its own steps, ending on Done, not "Your card".
    shell.show_state(
        InFlow(
            1,
            QueuedReceipt("6212345678901236", "card_loss_report", now, urgent=True),
            ServiceId.CARD,
            CardService.REPORT_LOSS_BY_MOBILE,
        )
    )
    screen = shell.screen_widget
    assert isinstance(screen, QueuedReceiptScreen)
    assert step_bar_of(screen).steps == tuple(card_loss.loss_by_mobile_steps())
    assert step_bar_of(screen).current == len(card_loss.loss_by_mobile_steps()) - 1
    # Shown outside its service (no session), the operation names the service.
    shell.show_state(InFlow(2, QueuedReceipt("6212345678901236", "enrollment", now)))
    screen = shell.screen_widget
    assert isinstance(screen, QueuedReceiptScreen)
    assert step_bar_of(screen).steps[-1] == "完成"
    assert "参保登记" in texts_on_screen()


@pytest.mark.expected_log("ui.close_refused")
def test_a_close_request_from_outside_leaves_the_kiosk_open(qtbot: QtBot, shell: Shell) -> None:
    """Alt+F4 or a window manager's close button must not end a citizens' kiosk."""
    assert shell.locked_down
    QApplication.sendEvent(shell, QCloseEvent())
    assert shell.isVisible()
    assert shell.close() is False
    assert shell.isVisible() and shell.session is None


def test_the_application_itself_closes_the_kiosk(qtbot: QtBot, shell: Shell) -> None:
    shell.shut_down()
    assert not shell.isVisible()


def test_a_minimised_kiosk_returns_to_fullscreen(qtbot: QtBot, shell: Shell) -> None:
    shell.showMinimized()
    qtbot.waitUntil(shell.isFullScreen, timeout=2000)
