"""The staff laptop's screens at 1366×768 (scripts/screenshots.py runs this after the kiosk's
pass, in a process of its own: Qt's scale is set once per process): the login, the lock, the
staff bar, the sync panel, the day report, the bedridden path; and the citizen screens a home
visit uses, in both modes, as the laptop shows them at `staff.ui_scale`.

    python -m scripts.staff_screenshots OUT_DIR CENTRAL_URL"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.codes import ServiceId
from kiosk.config import load_settings
from kiosk.documents.day_report import (
    DayReport,
    ReceiptLine,
    ReceiptState,
    VisitRow,
    WaitingEntry,
    service_totals,
)
from kiosk.services.cards.steps import ConfirmCardLoss
from kiosk.services.eligibility.steps import EligibilityDue
from kiosk.services.steps import AskConfirmationReason, EnterPin, QueuedReceipt
from offline_queue.store import EntryState, EntrySummary
from ui.shell import Home, InFlow, Shell, ShellState
from ui.staff.report import ReportView
from ui.staff.role import AtDayReport, AtStaffLogin, AtSync
from ui.staff.sync import SyncView

STAFF_SIZE = (1366, 768)
"""The laptop's screen, in its own pixels."""
STAFF = "S0101"
LAPTOP = {
    "SHEYIN_KIOSK_ROLE": "staff",
    "SHEYIN_DEVICES_PRINTER": "none",
    "SHEYIN_DEVICES_RECEIPT_PRINTER": "none",
    "SHEYIN_DEVICES_CARD_ISSUER": "none",
}
CITIZEN_SCENES = (
    "05-pin",
    "26-eligibility-due",
    "27-face-blink",
    "30-eligibility-passed",
    "37-enrol-choose",
    "38-enrol-confirm",
    "57-card-loss-confirm",
    "81-card-menu-no-issuer",
    "84-card-delivery-confirm",
    "86-card-delivery-queued",
    "89-certificate-to-collect",
)
"""The kiosk's scenes a home visit shows too, rendered again at the laptop's size."""
RECEIPTS = ("4000000000000002", "4000000000000010", "4000000000000028", "4000000000000036")

Scene = tuple[str, ShellState, Callable[[Shell], None] | None]


def laptop_settings(data_dir: Path) -> dict[str, str]:
    return {"SHEYIN_PATHS_DATA_DIR": str(data_dir), **LAPTOP}


def build_laptop(data_dir: Path, central_url: str) -> object:
    from demo.kiosk import build_demo_kiosk

    return build_demo_kiosk(load_settings(environ=laptop_settings(data_dir)), central_url)


def on_duty(shell: Shell) -> None:
    """A member of staff logged in (the scenes skip the login's round trip)."""
    staff = shell.staff
    assert staff is not None
    staff.on_duty = STAFF
    staff.day_ends = datetime.now().astimezone() + timedelta(hours=8)


def off_duty(shell: Shell) -> None:
    staff = shell.staff
    assert staff is not None
    staff._remove_lock()
    staff.on_duty = None


def staff_scenes(shell: Shell, citizen: list[Scene]) -> list[Scene]:
    """The staff's own screens (standard mode: they are the staff's tool), then `citizen`."""
    eligibility = in_flow(ServiceId.ELIGIBILITY)
    chosen = [on_laptop(scene) for scene in citizen if scene[0] in CITIZEN_SCENES]
    now = datetime.now(UTC)
    return [
        ("s01-staff-login", AtStaffLogin(), None),
        ("s02-staff-login-offline-expired", AtStaffLogin("staff.offline_expired"), None),
        ("s03-staff-logged-out-day-end", AtStaffLogin(logged_out="day_end"), None),
        ("s04-staff-home", Home(), None),
        ("s05-staff-locked", Home(), locked),
        ("s06-staff-sync", AtSync(), synced_view),
        ("s07-staff-sync-sending", AtSync(syncing=True), synced_view),
        ("s08-staff-day-report", AtDayReport(ReportView(sample_report())), None),
        (
            "s09-staff-pin-or-confirm",
            eligibility(1, EnterPin(masked_name="王**", staff_may_confirm=True)),
            None,
        ),
        ("s10-staff-confirm-why", eligibility(2, AskConfirmationReason()), None),
        ("s11-staff-eligibility-due", eligibility(3, EligibilityDue("王**", None)), None),
        (
            "s12-staff-queued-no-printer",
            eligibility(4, QueuedReceipt(RECEIPTS[0], "eligibility_authentication", now)),
            None,
        ),
        *((f"s-{name}", state, then) for name, state, then in chosen),
    ]


def on_laptop(scene: Scene) -> Scene:
    """A kiosk scene as a laptop shows it: no card issuer, so no replacement made here."""
    name, state, then = scene
    if isinstance(state, InFlow) and isinstance(state.step, ConfirmCardLoss):
        state = replace(state, step=replace(state.step, replaced_here=False))
    return name, state, then


def in_flow(service: ServiceId) -> Callable[[int, object], InFlow]:
    def state(token: int, step: object) -> InFlow:
        return InFlow(token, step, service)  # type: ignore[arg-type]

    return state


def locked(shell: Shell) -> None:
    assert shell.staff is not None
    shell.staff.lock_now()


def synced_view(shell: Shell) -> None:
    from ui.staff.sync import SyncScreen

    staff = shell.staff
    assert staff is not None
    staff._refresh.stop()  # the sample stays: the real outbox is empty
    screen = shell.screen_widget
    assert isinstance(screen, SyncScreen)
    screen.refresh(sample_sync())


def entry(
    kind: str, receipt: str, state: EntryState, at: datetime, error: str | None = None
) -> EntrySummary:
    return EntrySummary(
        id=uuid.uuid4(),
        kind=kind,
        receipt=receipt,
        state=state,
        priority=0,
        attempts=1 if error else 0,
        created_at=at,
        finished_at=at if state in (EntryState.DELIVERED, EntryState.DEAD) else None,
        last_error=error,
    )


def sample_sync() -> SyncView:
    """The outbox behind sample_report: the same receipts, at the same (local) times."""
    start = datetime.now().astimezone().replace(hour=9, minute=10, second=0, microsecond=0)
    return SyncView(
        online=True,
        waiting=[
            entry(
                "eligibility_authentication",
                RECEIPTS[1],
                EntryState.PENDING,
                start + timedelta(minutes=35),
            ),
        ],
        refused=[
            entry(
                "enrollment",
                RECEIPTS[2],
                EntryState.DEAD,
                start + timedelta(minutes=80),
                "enrollment.already_enrolled",
            )
        ],
        delivered_today=[
            entry("eligibility_authentication", RECEIPTS[0], EntryState.DELIVERED, start)
        ],
    )


def sample_report() -> DayReport:
    day = date.today()
    start = datetime.now().astimezone().replace(hour=9, minute=10, second=0, microsecond=0)

    visits = (
        (0, ServiceId.ELIGIBILITY, "王*兰 5101**********2028", "card_pin", "completed",
         ReceiptLine(RECEIPTS[0], ReceiptState.DELIVERED)),
        (35, ServiceId.ELIGIBILITY, "李*国 1101**********0015", "staff_confirmed:bedridden",
         "completed", ReceiptLine(RECEIPTS[1], ReceiptState.WAITING)),
        (80, ServiceId.ENROLLMENT, "陈* 4403**********0029", "id_card_face", "completed",
         ReceiptLine(RECEIPTS[2], ReceiptState.REFUSED, "enrollment.already_enrolled")),
        (120, ServiceId.CARD, "张* 4403**********0039", "id_card_face", "camera.unavailable",
         None),
    )  # fmt: skip
    rows = tuple(
        VisitRow(
            visit_id=uuid.uuid4(),
            at=start + timedelta(minutes=minutes),
            staff_id=STAFF,
            service=service,
            citizen=citizen,
            identity=identity,
            outcome=outcome,
            receipts=(receipt,) if receipt else (),
        )
        for minutes, service, citizen, identity, outcome, receipt in visits
    )
    waiting = (
        WaitingEntry(
            RECEIPTS[1],
            ServiceId.ELIGIBILITY,
            rows[1].citizen,
            rows[1].at,
            2,
            "central.unreachable",
        ),
    )
    return DayReport(
        terminal_id="DEMO-KIOSK-0001",
        staff_id=STAFF,
        day=day,
        generated_at=start + timedelta(hours=8),
        rows=rows,
        totals=service_totals(rows),
        waiting=waiting,
        other_waiting=0,
    )


def render_staff_scenes(
    app: QApplication,
    shell: Shell,
    citizen: Callable[[Shell], list[Scene]],
    each: Callable[[str, Shell], None],
    settle: Callable[[QApplication], None],
) -> None:
    """Shows each staff scene in `shell` (a staff laptop's window) in both languages; the
    citizen scenes also in elder mode. `each(name, shell)` is told of each one on screen."""
    from ui.i18n import Language

    for language in (Language.ZH_CN, Language.EN):
        if shell.language is not language:
            shell.switch_language()
        for elder in (False, True):
            if shell.elder is not elder:
                shell.switch_elder_mode()
            suffix = f"{language.value}{'-elder' if elder else ''}"
            for name, state, then in staff_scenes(shell, citizen(shell)):
                if elder and not name.startswith("s-"):
                    continue  # the staff's own screens have no elder mode
                off_duty(shell)
                on_duty(shell)
                shell.resize(*window_size(shell))
                shell.show_state(state)
                settle(app)
                if then is not None:
                    then(shell)
                    settle(app)
                each(f"{name}-{suffix}", shell)
    off_duty(shell)


def window_size(shell: Shell) -> tuple[int, int]:
    """STAFF_SIZE in the window's own (scaled) pixels."""
    ratio = shell.devicePixelRatioF() or 1.0
    return round(STAFF_SIZE[0] / ratio), round(STAFF_SIZE[1] / ratio)


def main(out_dir: str, central_url: str) -> int:
    import os
    import sys
    import tempfile

    from scripts.screenshots import scenes, settle
    from ui.main import create_shell

    os.environ.setdefault("KIOSK_VOICE_OUTPUT", "none")
    os.environ["QT_SCALE_FACTOR"] = str(load_settings(environ={}).staff.ui_scale)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    overflowing: list[str] = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        laptop = build_laptop(Path(tmp), central_url)
        shell = create_shell(laptop, None)  # type: ignore[arg-type]
        shell.resize(*window_size(shell))
        shell.show()

        def save(name: str, window: Shell) -> None:
            nonlocal count
            window.grab().save(str(out / f"{name}.png"), "PNG", 0)
            count += 1
            needed, has = window.minimumSizeHint(), window.size()
            if needed.width() > has.width() or needed.height() > has.height():
                overflowing.append(f"{name}: needs {needed.toTuple()}, has {has.toTuple()}")

        try:
            render_staff_scenes(app, shell, scenes, save, settle)
        finally:
            shell.shut_down()
            laptop.close()  # type: ignore[attr-defined]
    print(f"{count} screenshots in {out}")
    for problem in overflowing:
        print(f"does not fit {STAFF_SIZE}: {problem}", file=sys.stderr)
    return 1 if overflowing else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1], sys.argv[2]))
