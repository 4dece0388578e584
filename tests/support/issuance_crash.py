"""A kiosk that dies in the middle of personalising a card: run as a child process by
tests/integration/test_issuance_recovery.py.

The real card flow with a scripted citizen (ID card of `no-card`, the demo camera, PIN twice);
once the central system has handed out the personalisation script (its database says so),
the process kills itself with SIGKILL while the chip is being written. Each APDU to the chip
takes 30 ms here, as a contact chip does, so the writing lasts about a second. Usage:
`python -m tests.support.issuance_crash CENTRAL_URL SANDBOX_DB` with SHEYIN_PATHS_DATA_DIR set."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
import time
import uuid

from demo.kiosk import build_demo_kiosk
from kiosk.services.cards.steps import (
    CardService,
    ChooseCardService,
    IssuanceStage,
    IssuingCard,
    SetNewPin,
)
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import PlaceIdCard, Step
from tests.support.kiosks import settings_for

CITIZEN, PIN = "no-card", "258036"
APDU_S = 0.03


def main(central_url: str, sandbox_db: str) -> int:
    settings = settings_for(central_url, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0")
    kiosk = build_demo_kiosk(settings)
    kiosk.outbound  # noqa: B018 - the queue and the ledgers, as warm_up opens them
    issuer = kiosk.devices.card_issuer
    assert issuer is not None
    chip_station = issuer.chip_station
    transmit = chip_station.transmit

    def contact_chip(apdu: bytes) -> bytes:
        time.sleep(APDU_S)
        return transmit(apdu)

    chip_station.transmit = contact_chip  # type: ignore[method-assign]
    ended = threading.Event()

    class ScriptedCitizen:
        def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
            current = runner.current
            if isinstance(step, ChooseCardService) and current is not None:
                current.answer(token, CardService.NEW_CARD)
            elif isinstance(step, PlaceIdCard) and kiosk.id_card_tray is not None:
                kiosk.id_card_tray.place(CITIZEN)
            elif isinstance(step, SetNewPin) and current is not None:
                current.answer(token, PIN)
            elif isinstance(step, IssuingCard) and step.stage is IssuanceStage.WRITING_CHIP:
                threading.Thread(target=die, daemon=True).start()

        def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
            print(f"session ended before the kill: {outcome}", file=sys.stderr)
            ended.set()

    def die() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with sqlite3.connect(sandbox_db) as db:
                row = db.execute("SELECT state FROM card_applications").fetchone()
            if row is not None and row[0] == "personalising":
                time.sleep(0.2)  # a few records written, most not
                print("writing the chip; dying", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(0.01)
        os._exit(4)

    runner = kiosk.runner(ScriptedCitizen())
    runner.start(ServiceId.CARD)
    ended.wait(120)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
