"""求助 (call staff): the request's contract, nothing personal in it, and one request per press
spell (kiosk.services.help)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.central import models as m
from kiosk.central.operations import HELP_REQUEST, WRITE_OPERATIONS
from kiosk.codes import ServiceId
from kiosk.services.help import UNNAMED_SCREEN, HelpCall, HelpDesk, help_request
from offline_queue.errors import OutboxFull
from offline_queue.store import Priority
from sandbox.citizens import DEMO_CITIZENS
from tests.support.personal import demo_personal_data

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
# What the shell names its screens (ui.shell.help_screen_name): a step's class, a state, an
# error code.
SCREENS = ("attract", "home", "EnterPin", "ConfirmEnrollment", "error:card.pin_blocked")


class RecordingOutbound:
    """Stands in for the outbox: keeps the bytes each submit would store."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.payloads: list[bytes] = []
        self.operations: list[str] = []
        self.fail = fail
        self.submitted = threading.Event()

    def submit(self, operation: Any, build: Callable[[str], m.Request], *_: Any) -> None:
        self.submitted.set()
        if self.fail is not None:
            raise self.fail
        self.operations.append(operation.kind)
        self.payloads.append(build("6212345678901236").model_dump_json().encode("utf-8"))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_request_is_queued_first_and_owned_by_no_service() -> None:
    assert WRITE_OPERATIONS["help_request"] is HELP_REQUEST
    assert HELP_REQUEST.operation.may_queue
    assert HELP_REQUEST.operation.priority is Priority.URGENT
    assert HELP_REQUEST.service is None


def test_the_request_takes_a_screen_code_and_nothing_else() -> None:
    request = m.HelpRequest(screen="error:card.pin_blocked", service="query", raised_at=NOW)
    assert request.model_dump(mode="json") == {
        "screen": "error:card.pin_blocked",
        "service": "query",
        "raised_at": "2026-12-07T09:30:00Z",
        "staff_number": None,  # every write names the member of staff on duty, if any
    }
    citizen = DEMO_CITIZENS[0]
    for screen in (citizen.name, citizen.id_number, citizen.mobile, "PIN 123456", ""):
        with pytest.raises(ValidationError):
            m.HelpRequest(screen=screen, raised_at=NOW)
    with pytest.raises(ValidationError):  # no room for anything more
        m.HelpRequest.model_validate(
            {"screen": "home", "raised_at": NOW, "id_number": citizen.id_number}
        )
    with pytest.raises(ValidationError):  # the time of a press is a moment somewhere
        m.HelpRequest(screen="home", raised_at=datetime(2026, 12, 7, 9, 30))


@pytest.mark.expected_log("help.screen_unnamed")
def test_a_screen_name_that_is_not_a_code_leaves_as_unnamed() -> None:
    citizen = DEMO_CITIZENS[0]
    request = help_request(f"Welcome {citizen.name}", ServiceId.QUERY, NOW)
    assert request.screen == UNNAMED_SCREEN
    assert citizen.name not in request.model_dump_json()


def test_the_serialised_requests_hold_no_personal_data() -> None:
    outbound = RecordingOutbound()
    clock = Clock()
    desk = HelpDesk(lambda: outbound, clock=clock)  # type: ignore[arg-type,return-value]
    for screen in SCREENS:
        assert desk.call_staff(screen, ServiceId.ENROLLMENT) is HelpCall.RAISED
        assert desk.wait(5)
        clock.now += 1000
    assert outbound.operations == ["help_request"] * len(SCREENS)
    sent = b"\n".join(outbound.payloads).decode("utf-8")
    assert [m.HelpRequest.model_validate_json(p).screen for p in outbound.payloads] == list(SCREENS)
    leaked = [datum for datum in list(demo_personal_data()) if datum in sent]
    assert leaked == []
    assert "6212345678901236" not in sent  # not even the outbox's receipt number


def test_pressing_again_soon_raises_no_second_request() -> None:
    outbound = RecordingOutbound()
    clock = Clock()
    desk = HelpDesk(lambda: outbound, again_after_s=120, clock=clock)  # type: ignore[arg-type,return-value]
    assert desk.call_staff("home") is HelpCall.RAISED
    clock.now += 119
    assert desk.call_staff("EnterPin", ServiceId.QUERY) is HelpCall.ALREADY_RAISED
    assert desk.wait(5)
    assert len(outbound.payloads) == 1
    clock.now += 2
    assert desk.call_staff("EnterPin", ServiceId.QUERY) is HelpCall.RAISED
    assert desk.wait(5)
    assert len(outbound.payloads) == 2


@pytest.mark.expected_log("help.not_raised: queue.full")
def test_a_request_the_outbox_refuses_can_be_raised_again_at_once() -> None:
    outbound = RecordingOutbound(fail=OutboxFull())
    desk = HelpDesk(lambda: outbound, clock=Clock())  # type: ignore[arg-type,return-value]
    assert desk.call_staff("home") is HelpCall.RAISED
    assert desk.wait(5)
    assert outbound.submitted.is_set()
    assert desk.call_staff("home") is HelpCall.RAISED
    assert desk.wait(5)  # its failure is logged within this test


def test_the_press_does_not_wait_for_the_outbox() -> None:
    release = threading.Event()

    class SlowOutbound(RecordingOutbound):
        def submit(self, operation: Any, build: Callable[[str], m.Request], *_: Any) -> None:
            release.wait(5)
            super().submit(operation, build)

    outbound = SlowOutbound()
    desk = HelpDesk(lambda: outbound, clock=Clock())  # type: ignore[arg-type,return-value]
    assert desk.call_staff("home") is HelpCall.RAISED
    assert not desk.wait(0.1)
    release.set()
    assert desk.wait(5)
    assert len(outbound.payloads) == 1
