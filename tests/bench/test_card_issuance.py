"""Machine time of a new card (立等可取): feed, chip, print, eject, with the simulators at their
documented realistic timings (devices/card_issuer/simulator.py: feed 1.5 s, print 20 s, eject
1 s) and the chip written through pcscd and vpcd. The citizen's own time (ID card, face check,
PIN) is not counted: the flow measures from the first card movement to the card at the exit."""

from __future__ import annotations

import statistics
import threading
import uuid

from pytest_benchmark.fixture import BenchmarkFixture

from demo.kiosk import build_demo_kiosk
from kiosk.central.codes import CardApplicationReason
from kiosk.services.cards.steps import (
    CardReady,
    CardService,
    ChooseCardService,
    ChooseReplacementReason,
    SetNewPin,
)
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import Navigation, PlaceIdCard, Step
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.services import PcscdService, wait_for_slot

PIN = "258036"


def test_machine_time_of_a_new_card(
    benchmark: BenchmarkFixture, sandbox: SandboxProcess, pcscd: PcscdService
) -> None:
    kiosk = build_demo_kiosk(
        settings_for(
            sandbox.url,
            SHEYIN_DEVICES_CARD_READER="pcsc",
            SHEYIN_DEVICES_CARD_READER_NAME="^Virtual PCD 00 00$",
            SHEYIN_DEVICES_ISSUER_READER_NAME="^Virtual PCD 00 01$",
            SHEYIN_DEVICES_VPCD_PORT=str(pcscd.port),
        )
    )
    kiosk.outbound  # noqa: B018
    machine: list[float] = []
    service = [CardService.NEW_CARD]

    class ScriptedCitizen:
        def __init__(self) -> None:
            self.ended = threading.Event()

        def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
            current = runner.current
            if current is None:
                return
            if isinstance(step, ChooseCardService):
                current.answer(token, service[0])
            elif isinstance(step, ChooseReplacementReason):
                current.answer(token, CardApplicationReason.REPLACEMENT_DAMAGED)
            elif isinstance(step, PlaceIdCard) and kiosk.id_card_tray is not None:
                kiosk.id_card_tray.place("no-card")
            elif isinstance(step, SetNewPin):
                current.answer(token, PIN)
            elif isinstance(step, CardReady):
                machine.append(step.machine_seconds)
                current.answer(token, Navigation.DONE)

        def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
            assert outcome.error_code is None, outcome
            self.ended.set()

    citizen = ScriptedCitizen()
    runner = kiosk.runner(citizen)

    def one_card() -> None:
        citizen.ended.clear()
        runner.start(ServiceId.CARD)
        assert citizen.ended.wait(120)
        issuer = kiosk.devices.card_issuer
        assert issuer is not None
        issuer.take_presented()  # type: ignore[attr-defined]
        service[0] = CardService.REPLACEMENT  # the next ones replace a damaged card

    try:
        benchmark.pedantic(one_card, rounds=3, iterations=1)
    finally:
        kiosk.close()
        wait_for_slot(1, present=False)
    print(
        f"\nmachine time per card: median {statistics.median(machine):.1f} s,"
        f" {min(machine):.1f}-{max(machine):.1f} s over {len(machine)} cards"
    )
    assert len(machine) == 3
