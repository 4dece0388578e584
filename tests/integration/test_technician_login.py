"""A technician's login against the sandbox over HTTP: the central system checks the number
and PIN; with the line down the terminal checks the hash it kept from that login."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.app import Kiosk, build_kiosk
from kiosk.audit import audit_log_path, read_records
from kiosk.roles.technician import REFUSED, LoginRefused
from kiosk.roles.vendor_request import request_path, take_request
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.server import SandboxProcess
from tests.support.kiosks import on_sandbox, settings_for
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


def vendor_mode_enter(sandbox: SandboxProcess, pin: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **on_sandbox(sandbox.url)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "vendor-mode", "enter", "--technician", TECHNICIAN],
        input=pin + "\n",
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
        env=environment,
    )


def test_the_console_asks_for_the_kiosk_after_checking_the_pin(
    sandbox: SandboxProcess, own_data_dir: Path
) -> None:
    """`sheyin vendor-mode enter`: a wrong PIN is refused (exit 1, no request); the right one
    leaves the request the running kiosk takes up; both are in the audit log."""
    request = request_path(own_data_dir)
    refused = vendor_mode_enter(sandbox, "135790")
    assert refused.returncode == 1
    assert "refused: technician.refused" in refused.stderr
    assert not request.exists()
    granted = vendor_mode_enter(sandbox, PIN)
    assert granted.returncode == 0, granted.stderr
    taken = take_request(request)
    assert taken is not None and taken.technician_id == TECHNICIAN
    outcomes = [(r.action, r.outcome) for r in read_records(audit_log_path(own_data_dir))]
    assert outcomes == [
        ("technician.login", f"failed:{REFUSED}"),
        ("technician.login", "ok:online"),
    ]
    assert PIN not in granted.stdout + granted.stderr
