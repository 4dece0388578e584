"""Renders every kiosk screen offscreen, in both languages and both modes: `make screenshots`.

The data comes from a real sandbox over HTTP, so the pictures show what a citizen sees.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.app import build_kiosk
from kiosk.central.sandbox.citizens import demo_citizen
from kiosk.central.sandbox.server import start_sandbox_process
from kiosk.config import load_settings
from kiosk.services.steps import (
    Activity,
    EnterPin,
    InsertCard,
    QueryResults,
    TakeCard,
    Working,
)
from ui.i18n import Language
from ui.main import create_shell
from ui.screens.query import QueryResultsScreen
from ui.shell import Attract, Failed, Home, InFlow, Shell, ShellState

SIZE = (1920, 1080)


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def query_results(shell: Shell, citizen_key: str) -> QueryResults:
    central = shell.kiosk.central  # the same client the flows use
    citizen = demo_citizen(citizen_key)
    assert citizen.card is not None
    found = central.identify(citizen.id_number, citizen.card.card_number)
    from kiosk.domain.identity import mask_id_number, mask_name

    return QueryResults(
        masked_name=mask_name(found.name),
        masked_id_number=mask_id_number(citizen.id_number),
        insured=central.insurances(found.person_ref),
        contributions=central.contributions(found.person_ref),
        accounts=central.accounts(found.person_ref),
        benefits=central.benefits(found.person_ref),
    )


def scenes(shell: Shell) -> list[tuple[str, ShellState, Callable[[Shell], None] | None]]:
    employee = query_results(shell, "contributor")
    pensioner = query_results(shell, "pensioner-due")

    def section(index: int) -> Callable[[Shell], None]:
        def select(s: Shell) -> None:
            assert isinstance(s.screen_widget, QueryResultsScreen)
            s.screen_widget.show_section(index)

        return select

    def open_year(s: Shell) -> None:
        assert isinstance(s.screen_widget, QueryResultsScreen)
        s.screen_widget.show_section(1)
        s.screen_widget.contributions.open_year(employee.contributions.years[0])

    def idle(s: Shell) -> None:
        s._idle()

    return [
        ("01-attract", Attract(), None),
        ("02-home", Home(), None),
        ("03-insert-card", InFlow(0, InsertCard()), None),
        ("04-reading-card", InFlow(0, Working(Activity.READING_CARD)), None),
        ("05-pin", InFlow(1, EnterPin(masked_name="张*")), None),
        ("06-pin-wrong", InFlow(2, EnterPin(masked_name="张*", tries_left=2)), None),
        ("07-results-status", InFlow(3, employee), section(0)),
        ("08-results-contributions", InFlow(3, employee), section(1)),
        ("09-results-months", InFlow(3, employee), open_year),
        ("10-results-account", InFlow(3, employee), section(2)),
        ("11-results-benefits", InFlow(3, pensioner), section(3)),
        ("12-take-card", InFlow(0, TakeCard()), None),
        ("13-error-lost-card", Failed("card.reported_lost"), None),
        ("14-error-pin-blocked", Failed("card.pin_blocked"), None),
        ("15-error-central-down", Failed("central.unavailable"), None),
        ("16-idle-warning", InFlow(3, employee), idle),
    ]


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = start_sandbox_process(Path(tmp) / "sandbox.sqlite3")
        try:
            settings = load_settings(
                environ={"SHEYIN_CENTRAL_URL": sandbox.url, "SHEYIN_KIOSK_DEMO": "true"}
            )
            kiosk = build_kiosk(settings)
            shell = create_shell(kiosk)
            shell.resize(*SIZE)
            shell.show()
            count = 0
            overflowing: list[str] = []
            for language in (Language.ZH_CN, Language.EN):
                if shell.language is not language:
                    shell.switch_language()
                for elder in (False, True):
                    if shell.elder is not elder:
                        shell.switch_elder_mode()
                    suffix = f"{language.value}{'-elder' if elder else ''}"
                    for name, state, then in scenes(shell):
                        shell.resize(*SIZE)
                        shell.show_state(state)
                        settle(app)
                        if then is not None:
                            then(shell)
                            settle(app)
                        picture = shell.grab()
                        # Full colour, as on the glass; PNG quality 0 is its strongest compression.
                        picture.save(str(out / f"{name}-{suffix}.png"), "PNG", 0)
                        count += 1
                        needed = shell.minimumSizeHint()
                        if needed.width() > SIZE[0] or needed.height() > SIZE[1]:
                            parts = ", ".join(
                                f"{type(w).__name__} {w.minimumSizeHint().toTuple()}"
                                for w in (shell.top_bar, shell.screen_widget, shell.demo_tray)
                                if w is not None
                            )
                            overflowing.append(
                                f"{name}-{suffix}: needs {needed.toTuple()}: {parts}"
                            )
            shell.close()
            kiosk.close()
        finally:
            sandbox.stop()
    print(f"{count} screenshots in {out}")
    for problem in overflowing:
        print(f"does not fit {SIZE}: {problem}", file=sys.stderr)
    return 1 if overflowing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
