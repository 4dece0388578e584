"""Client ↔ sandbox over real HTTP on loopback."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
import requests

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import (
    CentralRejected,
    CentralTimeout,
    CentralUnavailable,
    IdempotencyKeyReused,
    MalformedCentralResponse,
    PersonNotFound,
    PersonReferenceExpired,
    TerminalNotAuthorised,
)
from kiosk.central.signing import canonical_request
from offline_queue.store import new_receipt_number
from sandbox.citizens import demo_citizen
from sandbox.faults import FAULTS_PATH, served_faults, set_faults
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.ports import refused_url
from tests.support.signing import signed

JSON = "application/json"
PROBLEM = "application/problem+json"
CONTRIBUTOR = demo_citizen("contributor")
PENSIONER = demo_citizen("pensioner-due")


def client_for(url: str, **env: str) -> CentralClient:
    return CentralClient(settings_for(url, **env).central)


def test_health_needs_no_signature(shared_sandbox: SandboxProcess) -> None:
    answer = requests.get(f"{shared_sandbox.url}/api/v1/health", timeout=5)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_identify_and_read_every_query(central: CentralClient) -> None:
    assert CONTRIBUTOR.card is not None
    found = central.identify(CONTRIBUTOR.id_number, CONTRIBUTOR.card.card_number)
    assert found.name == CONTRIBUTOR.name and found.card_status is m.CardStatus.ACTIVE
    assert not found.is_pensioner
    insured = central.insurances(found.person_ref)
    assert {i.kind for i in insured.items} >= {m.InsuranceKind.EMPLOYEE_PENSION}
    history = central.contributions(found.person_ref)
    years = {y.year for y in history.years}
    assert len(years) >= 6
    full_year = next(y for y in history.years if len(y.months) == 12)
    assert [row.month for row in full_year.months] == list(range(1, 13))
    accounts = central.accounts(found.person_ref)
    pension = next(a for a in accounts.accounts if a.kind is m.InsuranceKind.EMPLOYEE_PENSION)
    credited = sum(
        row.to_account_fen
        for y in history.years
        if y.kind is m.InsuranceKind.EMPLOYEE_PENSION
        for row in y.months
    )
    interest = sum(y.interest_fen for y in pension.years)
    assert pension.balance_fen == credited + interest
    assert central.benefits(found.person_ref).items == []


def test_pensioner_due_and_paid(central: CentralClient) -> None:
    assert PENSIONER.card is not None
    found = central.identify(PENSIONER.id_number, PENSIONER.card.card_number)
    assert found.is_pensioner
    assert central.eligibility(found.person_ref).due
    payments = central.benefits(found.person_ref).items
    assert payments and all(p.amount_fen == 21_350 for p in payments)
    authenticated = demo_citizen("pensioner-authenticated")
    other = central.identify(authenticated.id_number)
    assert not central.eligibility(other.person_ref).due


@pytest.mark.expected_log("person.not_found", "card.holder_mismatch")
def test_lost_card_status_and_unknown_people(central: CentralClient) -> None:
    lost = demo_citizen("card-lost")
    assert lost.card is not None
    assert central.identify(lost.id_number, lost.card.card_number).card_status is (
        m.CardStatus.REPORTED_LOST
    )
    with pytest.raises(PersonNotFound):
        central.identify("110105194912310021")
    with pytest.raises(CentralRejected) as mismatch:
        central.identify(CONTRIBUTOR.id_number, lost.card.card_number)
    assert mismatch.value.code == "card.holder_mismatch"


@pytest.mark.expected_log("person.reference_expired")
def test_an_unknown_person_reference_is_refused(central: CentralClient) -> None:
    with pytest.raises(PersonReferenceExpired):
        central.insurances("not-a-reference")


@pytest.mark.expected_log("auth.signature_invalid")
def test_a_wrong_key_is_refused(shared_sandbox: SandboxProcess) -> None:
    client = client_for(shared_sandbox.url, SHEYIN_CENTRAL_TERMINAL_KEY="00" * 32)
    with pytest.raises(TerminalNotAuthorised) as error:
        client.identify(CONTRIBUTOR.id_number)
    assert error.value.code == "auth.signature_invalid"
    assert error.value.status == 401


def identify_body() -> bytes:
    return json.dumps({"id_number": CONTRIBUTOR.id_number}).encode()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("stale", "auth.signature_stale"),
        ("tampered", "auth.signature_invalid"),
        ("missing", "auth.signature_missing"),
        ("unknown_terminal", "auth.terminal_unknown"),
    ],
)
def test_signature_rejections_are_problem_json(
    shared_sandbox: SandboxProcess, change: str, code: str
) -> None:
    path = "/api/v1/identifications"
    body = identify_body()
    headers = signed(
        "POST", path, body, timestamp=int(time.time()) - 3600 if change == "stale" else None
    )
    if change == "tampered":
        body = body.replace(b"0035", b"0043")
    elif change == "missing":
        del headers["X-Sheyin-Signature"]
    elif change == "unknown_terminal":
        headers["X-Sheyin-Terminal"] = "SOMEONE-ELSE"
    answer = requests.post(shared_sandbox.url + path, data=body, headers=headers, timeout=5)
    assert answer.status_code == 401
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == code


def test_invalid_requests_do_not_echo_personal_data(shared_sandbox: SandboxProcess) -> None:
    path = "/api/v1/identifications"
    body = json.dumps({"id_number": "51010419480312002Z"}).encode()
    answer = requests.post(
        shared_sandbox.url + path, data=body, headers=signed("POST", path, body), timeout=5
    )
    assert answer.status_code == 422
    assert answer.json()["code"] == "request.invalid"
    assert "51010419480312002Z" not in answer.text
    assert "id_number" in answer.json()["detail"]


def test_unknown_route_is_problem_json(shared_sandbox: SandboxProcess) -> None:
    answer = requests.get(shared_sandbox.url + "/api/v1/nothing-here", timeout=5)
    assert answer.status_code == 404
    assert answer.json()["code"] == "route.not_found"


def loss_report(citizen_key: str) -> m.CardLossReportRequest:
    citizen = demo_citizen(citizen_key)
    assert citizen.card is not None
    return m.CardLossReportRequest(
        receipt_number="4000000000000002",
        id_number=citizen.id_number,
        card_number=citizen.card.card_number,
        reported_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
    )


@pytest.mark.expected_log("card.not_active", "idempotency.key_reused")
def test_idempotent_replay_and_key_misuse(fresh_sandbox: SandboxProcess) -> None:
    client = client_for(fresh_sandbox.url)
    key = uuid.uuid4()
    first = client.report_card_loss(loss_report("unpaid-year"), key)
    again = client.report_card_loss(loss_report("unpaid-year"), key)
    assert again == first  # replayed, not applied twice

    # A new key for the same card: the card is no longer active, a business rejection...
    second_key = uuid.uuid4()
    with pytest.raises(CentralRejected) as rejected:
        client.report_card_loss(loss_report("unpaid-year"), second_key)
    assert rejected.value.code == "card.not_active"
    # ...which is stored and replayed like a success.
    with pytest.raises(CentralRejected) as replayed:
        client.report_card_loss(loss_report("unpaid-year"), second_key)
    assert replayed.value.code == "card.not_active"

    # The same key with another request is an error and changes nothing.
    with pytest.raises(IdempotencyKeyReused):
        client.report_card_loss(loss_report("contributor"), key)
    assert CONTRIBUTOR.card is not None
    found = client.identify(CONTRIBUTOR.id_number, CONTRIBUTOR.card.card_number)
    assert found.card_status is m.CardStatus.ACTIVE


def test_replays_say_so_in_a_header(fresh_sandbox: SandboxProcess) -> None:
    path = "/api/v1/card-loss-reports"
    body = loss_report("unpaid-year").model_dump_json().encode()
    key = str(uuid.uuid4())
    answers = [
        requests.post(
            fresh_sandbox.url + path, data=body, headers=signed("POST", path, body, key=key),
            timeout=5,
        )
        for _ in range(2)
    ]  # fmt: skip
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].content == answers[1].content
    assert "Idempotent-Replayed" not in answers[0].headers
    assert answers[1].headers["Idempotent-Replayed"] == "true"


def test_a_write_without_a_key_is_refused(shared_sandbox: SandboxProcess) -> None:
    path = "/api/v1/card-loss-reports"
    body = loss_report("unpaid-year").model_dump_json().encode()
    answer = requests.post(
        shared_sandbox.url + path, data=body, headers=signed("POST", path, body), timeout=5
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "idempotency.key_missing"


@pytest.mark.expected_log("enrollment.already_enrolled")
def test_enrollment_once(fresh_sandbox: SandboxProcess) -> None:
    client = client_for(fresh_sandbox.url)
    newcomer = demo_citizen("not-enrolled")
    request = m.EnrollmentRequest(
        id_number=newcomer.id_number,
        name=newcomer.name,
        gender=m.Gender(newcomer.gender.value),
        nation=newcomer.nation,
        birth_date=newcomer.birth_date,
        address=newcomer.address,
        id_valid_until=None,
        mobile=newcomer.mobile,
        receipt_number=new_receipt_number(),
        insurances=[m.InsuranceKind.RESIDENT_PENSION, m.InsuranceKind.RESIDENT_MEDICAL],
    )
    receipt = client.enroll(request, uuid.uuid4())
    assert set(receipt.insurances) == {
        m.InsuranceKind.RESIDENT_PENSION,
        m.InsuranceKind.RESIDENT_MEDICAL,
    }
    with pytest.raises(CentralRejected) as again:
        client.enroll(request, uuid.uuid4())
    assert again.value.code == "enrollment.already_enrolled"
    found = client.identify(newcomer.id_number)
    states = {i.kind: i.state for i in client.insurances(found.person_ref).items}
    assert states[m.InsuranceKind.RESIDENT_PENSION] is m.InsuredState.INSURED


class Scripted(BaseHTTPRequestHandler):
    """A misbehaving central system: answers what the test scripted, counts the hits."""

    answers: ClassVar[list[tuple[int, str, bytes]]] = []
    hits: ClassVar[list[str]] = []

    def _answer(self) -> None:
        type(self).hits.append(self.command)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, content_type, body = type(self).answers[min(len(self.hits), len(self.answers)) - 1]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer  # noqa: N815 - the name http.server looks up
    do_POST = _answer  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def scripted_central() -> Iterator[type[Scripted]]:
    handler = type("Handler", (Scripted,), {"answers": [], "hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield handler
    server.shutdown()
    server.server_close()


@pytest.mark.expected_log("reply does not follow the contract", "central GET", "central POST")
@pytest.mark.parametrize(
    ("answer", "error", "code"),
    [
        ((200, JSON, b"<html>oops</html>"), MalformedCentralResponse, "central.malformed"),
        ((200, JSON, b'{"status": "fine"}'), MalformedCentralResponse, "central.malformed"),
        ((500, "text/html", b"<h1>Internal</h1>"), CentralUnavailable, "central.unavailable"),
        ((418, "text/plain", b"teapot"), MalformedCentralResponse, "central.malformed"),
        # A code outside the contract is a refusal all the same, under the contract's own code
        # (the citizen's screen has words for that one).
        ((409, PROBLEM, b'{"title": "x", "status": 409, "code": "something.new"}'),
         CentralRejected, "central.rejected"),
        ((503, PROBLEM, b'{"title": "x", "status": 503, "code": "server.own_code"}'),
         CentralUnavailable, "central.unavailable"),
    ],
)  # fmt: skip
def test_garbage_from_central_is_a_typed_error(scripted_central, answer, error, code) -> None:
    scripted_central.answers = [answer]
    client = client_for(scripted_central.url, SHEYIN_CENTRAL_READ_RETRIES="0")
    with pytest.raises(error) as raised:
        client.identify(CONTRIBUTOR.id_number)
    assert raised.value.code == code


@pytest.mark.expected_log("central GET", "central POST", "Retrying")
def test_reads_are_retried_and_writes_are_not(scripted_central) -> None:
    unavailable = (503, "application/problem+json",
                   b'{"title": "busy", "status": 503, "code": "service.unavailable"}')  # fmt: skip
    health = json.dumps({"status": "ok", "version": "x", "time": "2026-11-23T10:00:00Z"})
    scripted_central.answers = [unavailable, (200, "application/json", health.encode())]
    client = client_for(scripted_central.url, SHEYIN_CENTRAL_READ_RETRIES="2")
    assert client.health().status == "ok"
    assert scripted_central.hits == ["GET", "GET"]

    scripted_central.hits.clear()
    scripted_central.answers = [unavailable, unavailable]
    with pytest.raises(CentralUnavailable):
        client.report_card_loss(loss_report("contributor"), uuid.uuid4())
    assert scripted_central.hits == ["POST"]


@pytest.mark.expected_log(": timeout", "Retrying")
@pytest.mark.parametrize("retries", ["0", "1"])
def test_a_hanging_central_times_out_on_reads_and_writes(
    fresh_sandbox: SandboxProcess, retries: str
) -> None:
    """Regression: a GET whose retries ran out used to come back as 'unavailable'."""
    client = client_for(
        fresh_sandbox.url,
        SHEYIN_CENTRAL_READ_TIMEOUT_S="0.5",
        SHEYIN_CENTRAL_READ_RETRIES=retries,
    )
    os.kill(fresh_sandbox.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(CentralTimeout):
            client.identify(CONTRIBUTOR.id_number)  # a POST: never retried
        with pytest.raises(CentralTimeout):
            client.health()  # a GET: retried, then a timeout all the same
        assert time.monotonic() - started < 5
    finally:
        os.kill(fresh_sandbox.process.pid, signal.SIGCONT)
    assert client.health().status == "ok"


@pytest.mark.expected_log("ConnectionError", "Retrying")
def test_nobody_listening_is_unavailable() -> None:
    with refused_url() as nobody, pytest.raises(CentralUnavailable) as error:
        client_for(nobody, SHEYIN_CENTRAL_READ_RETRIES="0").identify(CONTRIBUTOR.id_number)
    assert error.value.code == "central.unavailable"


def test_signature_covers_the_body_digest() -> None:
    canonical = canonical_request(
        "post",
        "/api/v1/x",
        timestamp=1,
        nonce="0f" * 16,
        terminal_id="T",
        idempotency_key=None,
        body=b"{}",
    )
    assert canonical.endswith(hashlib.sha256(b"{}").hexdigest().encode())
    assert canonical.startswith(b"POST\n/api/v1/x\n1\n" + b"0f" * 16 + b"\nT\n\n")


def test_faults_aimed_at_a_path_reach_only_it_and_are_recorded(
    fresh_sandbox: SandboxProcess,
) -> None:
    url, path = fresh_sandbox.url, "/api/v1/card-loss-reports"
    body = loss_report("unpaid-year").model_dump_json().encode()
    key = str(uuid.uuid4())

    def post() -> requests.Response:
        headers = signed("POST", path, body, key=key)
        return requests.post(url + path, data=body, headers=headers, timeout=5)

    set_faults(url, fail_next=2, latency_ms=1, only_path=path)
    assert requests.get(f"{url}/api/v1/health", timeout=5).status_code == 200  # not aimed at
    assert requests.get(url + "/api/v1/card-applications/x", timeout=5).status_code != 503
    assert [post().status_code for _ in range(3)] == [503, 503, 201]
    report = served_faults(url)
    assert [(f.fault, f.method, f.path) for f in report.served] == [
        ("latency", "POST", path),
        ("fail", "POST", path),
        ("latency", "POST", path),
        ("fail", "POST", path),
        ("latency", "POST", path),
    ]
    assert (report.fail_next, report.only_path) == (0, path)
    set_faults(url)  # new settings start a new record
    assert served_faults(url).served == []
    for aim in ("api/v1/x", "/other", "/api/v1/x y", "/api/v1/\u00e9"):
        answer = requests.put(url + FAULTS_PATH, json={"only_path": aim}, timeout=5)
        assert answer.status_code == 422, aim
