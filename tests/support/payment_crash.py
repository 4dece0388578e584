"""A kiosk that dies the moment the money moves: run as a child process by
tests/integration/test_payment_recovery.py.

It runs the real payment flow with a scripted citizen (the demo card, its PIN, the first
payable at grade 2, QR code). When the QR code is shown, the demo payer's phone pays it and the
process kills itself with SIGKILL before the flow's next poll can see the payment: the order is
paid at the central system and this kiosk has queued nothing yet. Usage:
`python -m tests.support.payment_crash CENTRAL_URL` with SHEYIN_PATHS_DATA_DIR set."""

from __future__ import annotations

import os
import signal
import sys
import threading
import uuid

from demo.kiosk import build_demo_kiosk
from demo.trays import DemoPayerPhone
from kiosk.central.codes import PaymentMethod
from kiosk.services.payment.steps import ChoosePayable, ChoosePaymentMethod, PayableChoice, PayByQr
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import EnterPin, InsertCard, Step
from tests.support.kiosks import settings_for

CITIZEN, PIN = "unpaid-year", "678901"


def main(central_url: str) -> int:
    settings = settings_for(central_url)
    kiosk = build_demo_kiosk(settings)
    kiosk.outbound  # noqa: B018 - the queue and the ledger, as warm_up opens them
    phone = DemoPayerPhone(central_url)
    ended = threading.Event()
    answers: dict[type, object] = {
        EnterPin: PIN,
        ChoosePayable: PayableChoice(0, 2),
        ChoosePaymentMethod: PaymentMethod.QR_CODE,
    }

    class ScriptedCitizen:
        def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
            if isinstance(step, InsertCard) and kiosk.demo_tray is not None:
                kiosk.demo_tray.insert(CITIZEN)
            elif isinstance(step, PayByQr):
                if not phone.pay(step.payload):
                    print("the phone could not pay", file=sys.stderr)
                    os._exit(3)
                print("paid; dying", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            elif type(step) in answers and (current := runner.current) is not None:
                current.answer(token, answers[type(step)])

        def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
            print(f"session ended before the payment: {outcome}", file=sys.stderr)
            ended.set()

    runner = kiosk.runner(ScriptedCitizen())
    runner.start(ServiceId.PAYMENT)
    ended.wait(60)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
