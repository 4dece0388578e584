"""A technician's login against the sandbox over HTTP: the central system checks the number
and PIN; with the line down the terminal checks the hash it kept from that login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.app import Kiosk, build_kiosk
from kiosk.audit import read_records
from kiosk.roles.technician import REFUSED, LoginRefused
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.signing import signed

((TECHNICIAN, PIN),) = DEMO_TECHNICIANS.items()


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(sandbox.url))
    yield built
    built.close()


@pytest.mark.expected_log(
    "central POST /technician-logins: ConnectionError",
    "central POST /technician-logins: technician.refused",
)
def test_online_then_offline_login(kiosk: Kiosk, sandbox: SandboxProcess) -> None:
    assert kiosk.technician_login.login(TECHNICIAN, PIN).online
    with pytest.raises(LoginRefused) as refused:
        kiosk.technician_login.login(TECHNICIAN, "135790")
    assert refused.value.code == REFUSED
    sandbox.stop()
    grant = kiosk.technician_login.login(TECHNICIAN, PIN)
    assert not grant.online
    outcomes = [(r.action, r.outcome) for r in read_records(kiosk.audit.path)]
    assert outcomes == [
        ("technician.login", "ok:online"),
        ("technician.login", f"failed:{REFUSED}"),
        ("technician.login", "ok:offline"),
    ]
    state = Path(kiosk.audit.path.parent / "technicians.json").read_text(encoding="utf-8")
    assert PIN not in state


def test_the_central_system_says_the_same_for_an_unknown_number_and_a_wrong_pin(
    sandbox: SandboxProcess,
) -> None:
    path = "/api/v1/technician-logins"
    answers = []
    for number, pin in (("T0007", "135790"), ("T9999", PIN)):
        body = f'{{"technician_id": "{number}", "pin": "{pin}"}}'.encode()
        answer = requests.post(
            sandbox.url + path, data=body, headers=signed("POST", path, body), timeout=5
        )
        assert answer.status_code == 403
        assert pin not in answer.text
        answers.append((answer.json()["code"], answer.json().get("detail")))
    assert answers[0] == answers[1] == ("technician.refused", None)
