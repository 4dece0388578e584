"""求助 (call staff) through the outbox to the sandbox over HTTP: listed for the branch at once
when the line is up, queued and delivered when it comes back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.app import Kiosk, build_kiosk
from kiosk.central.client import CentralClient
from kiosk.codes import ServiceId
from kiosk.services.help import HelpCall, HelpDesk
from sandbox.citizens import DEMO_CITIZENS
from sandbox.credentials import DEMO_TERMINAL_ID
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, settings_for, wait_until
from tests.support.signing import signed


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE, SHEYIN_QUEUE_SUBMIT_WAIT_S="5"))
    yield built
    built.close()


def listed(central: CentralClient) -> list[tuple[str, str, str | None]]:
    return [(r.terminal_id, r.screen, r.service) for r in central.help_requests().items]


def test_a_help_request_is_listed_for_the_branch(kiosk: Kiosk) -> None:
    desk = HelpDesk(lambda: kiosk.outbound)
    assert listed(kiosk.central) == []
    assert desk.call_staff("EnterPin", ServiceId.QUERY) is HelpCall.RAISED
    assert desk.wait(15)
    wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 15)
    (item,) = kiosk.central.help_requests().items
    assert (item.terminal_id, item.screen, item.service) == (DEMO_TERMINAL_ID, "EnterPin", "query")
    assert item.received_at >= item.raised_at


def test_the_listing_is_for_known_terminals_only(sandbox: SandboxProcess) -> None:
    answer = requests.get(f"{sandbox.url}/api/v1/help-requests", timeout=5)
    assert answer.status_code == 401
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == "auth.signature_missing"


@pytest.mark.expected_log("central POST /help-requests: ConnectionError")
def test_offline_the_request_waits_and_is_delivered_when_the_line_returns(
    kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    outbound = kiosk.outbound
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    desk = HelpDesk(lambda: outbound)
    assert desk.call_staff("home") is HelpCall.RAISED
    assert desk.wait(30)
    wait_until(lambda: kiosk.online is False, 15)
    assert outbound.queue.outbox.open_count() == 1
    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: outbound.queue.outbox.open_count() == 0, 15)
        assert listed(kiosk.central) == [(DEMO_TERMINAL_ID, "home", None)]
    finally:
        back.stop()


def test_the_central_system_refuses_a_screen_name_that_is_not_a_code(
    sandbox: SandboxProcess,
) -> None:
    """The contract holds at the server too: a terminal that put words from the screen (here a
    name) into the request is refused, and the refusal does not repeat them."""
    path = "/api/v1/help-requests"
    name = DEMO_CITIZENS[0].name
    body = json.dumps({"screen": f"Hello {name}", "raised_at": "2026-12-07T09:30:00Z"}).encode()
    headers = signed("POST", path, body, key=str(uuid.uuid4()))
    answer = requests.post(sandbox.url + path, data=body, headers=headers, timeout=5)
    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    problem = answer.json()
    assert (problem["code"], problem["detail"]) == ("request.invalid", "invalid fields: screen")
    assert name not in answer.text
