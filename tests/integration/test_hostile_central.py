"""A hostile central system (tests/support/hostile.py) cannot hang, flood or redirect the client:
every call ends within its deadline with a typed error, memory stays bounded, and the offline
queue's worker moves on."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import (
    CentralAnswerTooLarge,
    CentralError,
    CentralTimeout,
    CentralUnavailable,
    MalformedCentralResponse,
)
from kiosk.central.operations import CARD_LOSS_REPORT
from kiosk.central.outbound import CentralOutbound, deliverer
from kiosk.config import load_settings
from offline_queue.delivery import Backoff
from offline_queue.service import OfflineQueue, Queued
from offline_queue.store import EntryState, Outbox
from sandbox.citizens import demo_citizen
from sandbox.credentials import DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY
from tests.support.hostile import (
    HEALTH,
    Behaviour,
    Hit,
    HostileServer,
    answer,
    compressed,
    endless_chunked,
    gzip_bomb,
    healthy,
    hostile_server,
    measured,
    oversized,
    redirect,
    replying,
    trickle,
    trickle_headers,
    unavailable,
)
from tests.support.kiosks import wait_until
from tests.support.signing import signature_holds

DEADLINE_S = 2.0
MARGIN_S = 1.0
CAP_KB = 1024
MB = 1024 * 1024
CONTRIBUTOR = demo_citizen("contributor")
FAST = {
    "SHEYIN_CENTRAL_CONNECT_TIMEOUT_S": "1",
    "SHEYIN_CENTRAL_READ_TIMEOUT_S": "1",
    "SHEYIN_CENTRAL_TOTAL_TIMEOUT_S": str(DEADLINE_S),
    "SHEYIN_CENTRAL_READ_RETRIES": "2",
    "SHEYIN_CENTRAL_RETRY_AFTER_CAP_S": "0.3",
    "SHEYIN_CENTRAL_MAX_ANSWER_KB": str(CAP_KB),
}


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with hostile_server() as server:
        yield server


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(256 * MB)


class Heard:
    """What the client told its on_reachability listener."""

    def __init__(self, client: CentralClient) -> None:
        self.said: list[bool] = []
        client.on_reachability = self.said.append


def client_for(server: HostileServer, **env: str) -> CentralClient:
    """A client with the demo terminal's credentials (the hostile server checks no signature;
    tests.support.kiosks.settings_for would ask it for a sandbox's certificate key)."""
    environ = {
        "SHEYIN_PATHS_DATA_DIR": os.environ["SHEYIN_PATHS_DATA_DIR"],
        "SHEYIN_CENTRAL_URL": server.url,
        "SHEYIN_CENTRAL_TERMINAL_ID": DEMO_TERMINAL_ID,
        "SHEYIN_CENTRAL_TERMINAL_KEY": DEMO_TERMINAL_KEY,
        **FAST,
        **env,
    }
    return CentralClient(load_settings(environ=environ).central)


def loss_report(receipt: str = "4000000000000002") -> m.CardLossReportRequest:
    assert CONTRIBUTOR.card is not None
    return m.CardLossReportRequest(
        receipt_number=receipt,
        id_number=CONTRIBUTOR.id_number,
        card_number=CONTRIBUTOR.card.card_number,
        reported_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
    )


def write(client: CentralClient) -> None:
    body = loss_report().model_dump_json().encode()
    client.send_write("/card-loss-reports", body, m.CardLossReportReceipt, uuid.uuid4())


CALLS: dict[str, Callable[[CentralClient], object]] = {
    "health (GET, retried)": lambda c: c.health(),
    "identify (POST)": lambda c: c.identify(CONTRIBUTOR.id_number),
    "send_write (the worker's)": write,
}


def peak_growth(call: Callable[[], object]) -> tuple[float, Exception | None, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        elapsed, error = measured(call)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return elapsed, error, peak - before


# --- deadlines ---


@pytest.mark.expected_log("timeout (deadline of")
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize(
    "behaviour",
    [trickle(0.3), trickle_headers(0.3), endless_chunked(64, every_s=0.3)],
    ids=["trickling body", "trickling headers", "slow endless chunked body"],
)
def test_a_call_that_never_finishes_ends_at_its_deadline(
    hostile: HostileServer, call: Callable[[CentralClient], object], behaviour: object
) -> None:
    hostile.default = behaviour  # type: ignore[assignment]
    client = client_for(hostile)
    heard = Heard(client)
    elapsed, error = measured(lambda: call(client))
    print(f"\n{elapsed:.2f} s: {error!r}")
    assert isinstance(error, CentralTimeout)
    assert error.code == "central.timeout"
    # Each byte came well within the read timeout: only the whole-call deadline ended it.
    assert DEADLINE_S - 0.2 < elapsed < DEADLINE_S + MARGIN_S
    assert heard.said == [False]
    assert len(hostile.hits) == 1  # no retry started after the deadline


@pytest.mark.parametrize(
    "behaviour",
    [trickle(0.3), trickle_headers(0.3), endless_chunked(64, every_s=0.3)],
    ids=["trickling body", "trickling headers", "slow endless chunked body"],
)
def test_the_health_probe_has_the_same_deadline(hostile: HostileServer, behaviour: object) -> None:
    hostile.default = behaviour  # type: ignore[assignment]
    client = client_for(hostile)
    started = time.monotonic()
    assert not client.reachable()
    elapsed = time.monotonic() - started
    print(f"\nprobe: {elapsed:.2f} s")
    assert DEADLINE_S - 0.2 < elapsed < DEADLINE_S + MARGIN_S


@pytest.mark.expected_log("central.unavailable (HTTP 503)")
def test_a_huge_retry_after_is_honoured_only_up_to_its_cap(hostile: HostileServer) -> None:
    hostile.default = unavailable("86400")
    client = client_for(hostile)  # two retries, a 0.3 s cap
    heard = Heard(client)
    elapsed, error = measured(client.health)
    print(f"\n{elapsed:.2f} s: {error!r}")
    assert isinstance(error, CentralUnavailable)
    assert error.status == 503
    assert len(hostile.hits) == 3  # the 503s were there, and were retried
    assert 0.5 < elapsed < 2 * 0.3 + MARGIN_S
    assert heard.said == [False]


@pytest.mark.expected_log("central.unavailable (HTTP 503)")
def test_no_retry_waits_past_the_deadline(hostile: HostileServer) -> None:
    hostile.default = unavailable("86400")
    client = client_for(hostile, SHEYIN_CENTRAL_RETRY_AFTER_CAP_S="60")
    elapsed, error = measured(client.health)
    assert isinstance(error, CentralUnavailable)
    assert len(hostile.hits) == 1
    assert elapsed < MARGIN_S


@pytest.mark.expected_log("central.unavailable (HTTP 503)")
def test_a_write_is_never_retried_on_a_retry_after(hostile: HostileServer) -> None:
    hostile.default = unavailable("1")
    client = client_for(hostile)
    elapsed, error = measured(lambda: write(client))
    assert isinstance(error, CentralUnavailable)
    assert [hit.method for hit in hostile.hits] == ["POST"]
    assert elapsed < MARGIN_S


# --- signatures ---


@pytest.mark.expected_log("central.unavailable (HTTP 503)")
def test_each_attempt_is_signed_anew_with_a_fresh_nonce(hostile: HostileServer) -> None:
    """urllib3 retries a read with the headers it was given: each attempt must still carry a
    nonce of its own (the central system refuses one it has seen) and a signature over it."""
    hostile.script = [unavailable("0"), unavailable("0"), healthy()]
    client = client_for(hostile)  # two retries
    assert client.health().status == "ok"
    hostile.script = [unavailable("0")]
    with pytest.raises(CentralUnavailable):
        write(client)  # a body, an Idempotency-Key: both under the signature
    reads, (sent_write,) = hostile.hits[:3], hostile.hits[3:]
    assert [(h.method, h.path) for h in reads] == [("GET", "/api/v1/health")] * 3
    nonces = [h.headers["x-sheyin-nonce"] for h in hostile.hits]
    assert len(set(nonces)) == len(nonces) == 4
    assert all(re.fullmatch("[0-9a-f]{32}", nonce) for nonce in nonces)
    for hit in hostile.hits:
        assert signature_holds(hit.method, hit.path, hit.headers, hit.body), hit.path
        assert abs(int(hit.headers["x-sheyin-timestamp"]) - time.time()) < 5
    assert sent_write.body and "idempotency-key" in sent_write.headers


# --- redirects ---


@pytest.mark.expected_log("central.malformed")
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_redirect_is_a_malformed_answer_and_is_never_followed(
    hostile: HostileServer, status: int, call: Callable[[CentralClient], object]
) -> None:
    with hostile_server(default=healthy()) as elsewhere:
        hostile.default = redirect(status, f"{elsewhere.url}/api/v1/card-loss-reports")
        client = client_for(hostile)
        elapsed, error = measured(lambda: call(client))
        assert not client.reachable()
        assert isinstance(error, MalformedCentralResponse)
        assert error.code == "central.malformed"
        assert error.status == status
        assert elsewhere.hits == []  # the signed body went nowhere else
    assert elapsed < MARGIN_S


@pytest.mark.expected_log("central.malformed")
def test_a_redirect_with_an_endless_body_is_not_read(hostile: HostileServer) -> None:
    with hostile_server(default=healthy()) as elsewhere:
        hostile.default = redirect(307, f"{elsewhere.url}/api/v1/card-loss-reports", endless=True)
        client = client_for(hostile)
        elapsed, error, growth = peak_growth(lambda: write(client))
        assert isinstance(error, MalformedCentralResponse)
        assert elsewhere.hits == []
    assert elapsed < MARGIN_S
    assert growth < CAP_KB * 1024


# --- sizes ---


@pytest.mark.expected_log("central.answer_too_large")
@pytest.mark.parametrize(
    "behaviour",
    [oversized(50 * MB), oversized(50 * MB, declare=False), endless_chunked()],
    ids=["50 MB declared", "50 MB undeclared", "endless chunked body"],
)
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_an_oversized_answer_is_refused_in_bounded_memory(
    hostile: HostileServer, behaviour: object, call: Callable[[CentralClient], object]
) -> None:
    hostile.default = behaviour  # type: ignore[assignment]
    client = client_for(hostile)
    elapsed, error, growth = peak_growth(lambda: call(client))
    print(f"\n{elapsed:.2f} s, peak growth {growth / MB:.1f} MB: {error!r}")
    assert isinstance(error, CentralAnswerTooLarge)
    assert isinstance(error, MalformedCentralResponse)
    assert error.code == "central.answer_too_large"
    assert elapsed < DEADLINE_S
    assert growth < 4 * CAP_KB * 1024  # 50 MB, or endless, was never held


@pytest.mark.expected_log("central.answer_too_large")
@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_compressed_bomb_is_stopped_by_its_inflated_size(
    hostile: HostileServer, bomb: bytes, encoding: str, call: Callable[[CentralClient], object]
) -> None:
    body = bomb if encoding == "gzip" else _as_deflate(bomb)
    assert len(body) < MB  # small on the wire: only the inflated count can stop it
    hostile.default = compressed(body, encoding)
    client = client_for(hostile)
    elapsed, error, growth = peak_growth(lambda: call(client))
    print(f"\n{elapsed:.2f} s, peak growth {growth / MB:.1f} MB: {error!r}")
    assert isinstance(error, CentralAnswerTooLarge)
    assert elapsed < DEADLINE_S
    assert growth < 4 * CAP_KB * 1024  # the bomb inflates to 256 MB


def _as_deflate(gzipped: bytes) -> bytes:
    """The same stream in the zlib wrapping (Content-Encoding: deflate)."""
    import zlib

    inflate = zlib.decompressobj(31)
    deflate = zlib.compressobj(9, zlib.DEFLATED, 15)
    out = []
    data = gzipped
    while data:
        part = inflate.decompress(data, MB)
        out.append(deflate.compress(part))
        data = inflate.unconsumed_tail
    out.append(deflate.flush())
    return b"".join(out)


def test_an_answer_within_the_cap_still_reads(hostile: HostileServer) -> None:
    hostile.default = healthy()
    client = client_for(hostile)
    assert client.health().status == "ok"
    assert client.reachable()


@pytest.mark.expected_log("central GET /health: ConnectionError")
@pytest.mark.parametrize("declared", ["²", "¹0", "1e3", "-1"])
def test_a_content_length_that_is_no_ascii_number_is_not_a_crash(
    hostile: HostileServer, declared: str
) -> None:
    """'²'.isdigit() holds but int('²') raised a ValueError out of the client: a length that
    is no ASCII number is unknown, the body read as it comes (within the cap), or urllib3
    refuses the answer (a broken line, like any other)."""
    hostile.default = answer(200, HEALTH, extra={"Content-Length": declared})
    client = client_for(hostile)
    elapsed, error = measured(client.health)
    assert error is None or isinstance(error, CentralError), repr(error)
    assert elapsed < DEADLINE_S


# --- the queue ---

LEASE_S = 3.0


def receipt_for(hit: Hit) -> bytes:
    request = m.CardLossReportRequest.model_validate_json(hit.body)
    assert request.card_number is not None
    receipt = m.CardLossReportReceipt(
        report_id=uuid.uuid4(),
        card_number=request.card_number,
        card_status=m.CardStatus.REPORTED_LOST,
        reported_at=request.reported_at,
    )
    return receipt.model_dump_json().encode()


@pytest.fixture
def outbound(tmp_path: Path, hostile: HostileServer) -> Iterator[CentralOutbound]:
    """The outbox, worker and monitor against the hostile server with a 3 s lease, and a
    client whose own whole-call deadline (10 s) is longer than the lease."""
    hostile.by_path["/api/v1/health"] = healthy()
    client = client_for(hostile, SHEYIN_CENTRAL_TOTAL_TIMEOUT_S="10")
    outbox = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key")
    queue = OfflineQueue(
        outbox,
        deliverer(lambda: client),
        client.reachable,
        backoff=Backoff(base_s=0.05, cap_s=0.2),
        lease_s=LEASE_S,
        submit_wait_s=0.2,
        online_probe_s=0.2,
        offline_probe_s=0.1,
    )
    client.on_reachability = queue.monitor.report
    queue.start()
    try:
        wait_until(lambda: queue.monitor.online is True, 5)
        yield CentralOutbound(queue, lambda: client)
    finally:
        queue.stop()
        client.close()
        outbox.close()


@pytest.mark.expected_log("timeout (deadline of")
def test_a_hung_delivery_ends_before_its_lease_and_the_worker_moves_on(
    outbound: CentralOutbound, hostile: HostileServer
) -> None:
    queue = outbound.queue
    heard: list[bool] = []
    queue.monitor.add_listener(heard.append)
    looked = threading.Event()
    hostile.script = [trickle(0.3)]  # the first write hangs; every later one is answered ...
    # ... once the test has looked: a delivery clears last_error, and on a loaded machine the
    # retry after the cut can finish before a poll of the outbox sees the cut's error.
    hostile.default = after(looked, replying(receipt_for))
    started = time.monotonic()
    first = outbound.submit(CARD_LOSS_REPORT, loss_report)
    assert isinstance(first, Queued)
    # The worker's call is cut before the lease ends, though the client's own deadline is 10 s.
    wait_until(lambda: _last_error(queue, first.receipt) is not None, LEASE_S + MARGIN_S)
    cut_after = time.monotonic() - started
    print(f"\nhung delivery cut after {cut_after:.2f} s (lease {LEASE_S} s)")
    assert cut_after < LEASE_S
    summary = queue.outbox.by_receipt(first.receipt)
    assert summary is not None
    # Released when the cut call ended: leased now only if the next attempt (after the backoff,
    # which may already have begun on a loaded machine) has claimed it anew.
    assert summary.state is not EntryState.LEASED or summary.attempts >= 2, summary
    assert summary.last_error == "central.timeout"
    assert heard[:1] == [False]  # the timeout said the line is down
    looked.set()
    # The probe finds the line again; the worker delivers this entry and the next.
    second = outbound.submit(CARD_LOSS_REPORT, loss_report)
    wait_until(lambda: queue.outbox.open_count() == 0, 10)
    for receipt in (first.receipt, second.receipt):
        done = queue.outbox.by_receipt(receipt)
        assert done is not None
        assert done.state is EntryState.DELIVERED
    assert queue.monitor.online is True
    assert heard[-1] is True


def after(gate: threading.Event, behaviour: Behaviour) -> Behaviour:
    """`behaviour`, once `gate` is set (the server holds the request until then)."""

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        gate.wait(10)
        behaviour(connection, stop, hit)

    return behave


def _last_error(queue: OfflineQueue, receipt: str) -> str | None:
    summary = queue.outbox.by_receipt(receipt)
    return None if summary is None else summary.last_error
