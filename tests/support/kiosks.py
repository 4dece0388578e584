"""Terminals for the tests: settings on a sandbox, the demo kiosk, waiting for a condition."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from demo.kiosk import DemoKiosk, build_demo_kiosk, certificate_key_of
from kiosk.app import Writes
from kiosk.central import models as m
from kiosk.central.errors import CentralRejected
from kiosk.central.operations import CARD_LOSS_REPORT
from kiosk.config import Settings, load_settings
from sandbox.citizens import DemoCitizen
from sandbox.credentials import DEMO_ISSUER_KEY, DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY
from tests.support.services import on_vpcd, wait_for_slot


@functools.cache
def sandbox_certificate_key(url: str) -> str:
    """The public certificate key of the sandbox at `url` (each sandbox database has its own)."""
    return certificate_key_of(url)


def on_sandbox(url: str) -> dict[str, str]:
    """The settings, as environment variables, of a terminal the sandbox at `url` knows: the
    demo terminal's id and key and the issuer key. Not the certificate key, which a running
    sandbox hands out (`sandbox_certificate_key`): `url` may be a scripted server, or none."""
    return {
        "SHEYIN_CENTRAL_URL": url,
        "SHEYIN_CENTRAL_TERMINAL_ID": DEMO_TERMINAL_ID,
        "SHEYIN_CENTRAL_TERMINAL_KEY": DEMO_TERMINAL_KEY,
        "SHEYIN_DEVICES_ISSUER_CHIP_KEY": DEMO_ISSUER_KEY.hex(),
    }


def settings_for(url: str, **env: str) -> Settings:
    """A terminal on the sandbox at `url`, its state in this test's own directory."""
    data_dir = {"SHEYIN_PATHS_DATA_DIR": os.environ["SHEYIN_PATHS_DATA_DIR"]}
    return load_settings(environ={**data_dir, **on_sandbox(url), **env})


# Settings that make the offline queue notice the line and retry within a test's patience.
QUICK_QUEUE = {
    "SHEYIN_QUEUE_OFFLINE_PROBE_S": "0.1",
    "SHEYIN_QUEUE_ONLINE_PROBE_S": "0.2",
    "SHEYIN_QUEUE_BACKOFF_BASE_S": "0.05",
    "SHEYIN_QUEUE_BACKOFF_CAP_S": "0.2",
}


STAFF_LAPTOP = {
    "SHEYIN_KIOSK_ROLE": "staff",
    "SHEYIN_DEVICES_PRINTER": "none",
    "SHEYIN_DEVICES_RECEIPT_PRINTER": "none",
    "SHEYIN_DEVICES_CARD_ISSUER": "none",
    **QUICK_QUEUE,
}
"""A staff laptop on a home visit: no printer, no receipt printer, no card issuer (the demo's
card reader, ID card reader and camera), its queue as quick as a test's."""


def wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@contextmanager
def demo_kiosk(url: str, **env: str) -> Iterator[DemoKiosk]:
    """The demo kiosk against a sandbox, its queue opened as warm_up opens it; closed after."""
    built = build_demo_kiosk(settings_for(url, **env))
    try:
        built.outbound  # noqa: B018 - opened for its side effect
        yield built
    finally:
        built.close()


@contextmanager
def demo_kiosk_on_pcscd(url: str, vpcd_port: int, **env: str) -> Iterator[DemoKiosk]:
    """The demo kiosk with its card reader and chip station on pcscd + vpcd (`on_vpcd`). After
    closing it waits until pcscd shows both slots empty: the next terminal must not see a card
    this one left behind."""
    try:
        with demo_kiosk(url, **on_vpcd(vpcd_port), **env) as built:
            yield built
    finally:
        wait_for_slot(0, present=False)
        wait_for_slot(1, present=False)


def refused_loss_report(outbound: Writes, citizen: DemoCitizen) -> CentralRejected:
    """A loss report with a mobile number not on record: the central system refuses it, and
    the outbox keeps it as a dead letter for a technician. Returns the refusal."""

    def wrong_mobile(receipt: str) -> m.CardLossReportRequest:
        return m.CardLossReportRequest(
            receipt_number=receipt,
            id_number=citizen.id_number,
            registered_mobile="13900000000",
            reported_at=datetime.now(UTC),
        )

    try:
        outbound.submit(CARD_LOSS_REPORT, wrong_mobile, citizen.id_number)
    except CentralRejected as refused:
        return refused
    raise AssertionError("the loss report was accepted")
