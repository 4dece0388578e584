"""Every demo situation holds on any day: the demo citizens seeded for several todays, each
checked through the sandbox's own answers and the terminal's own rules (docs/demo-data.md)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
import uvicorn

from demo.cards import id_card_data
from devices.smartcard.records import RECORDS, decode_card, encode_card
from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.domain.idcard import IdCard
from kiosk.domain.identity import age_on
from kiosk.domain.person import SocialSecurityCard
from kiosk.services.enrollment.flow import PENSION_MIN_AGE
from sandbox.app import create_app
from sandbox.citizens import DEMO_CITIZENS, DemoCitizen, chip_data, demo_citizen
from sandbox.db import Database
from sandbox.server import listening_socket
from tests.support.kiosks import settings_for

REAL_TODAY = date.today()
TODAYS = {
    "today": REAL_TODAY,
    "ten years on": REAL_TODAY + timedelta(days=10 * 365 + 2),
    "leap day": date(2028, 2, 29),
    "new year's day": date(REAL_TODAY.year + 1, 1, 1),
}
VALID_CARDS = ("pensioner-due", "pensioner-authenticated", "contributor", "unpaid-year")


@contextmanager
def sandbox_on(db_path: Path, today: date) -> Iterator[CentralClient]:
    """The sandbox seeded on `today` and living on it, in this process; a terminal's client."""
    db = Database(db_path)
    db.seed(today)
    sock = listening_socket("127.0.0.1", 0)
    app = create_app(db, today=lambda: today)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.started
        yield CentralClient(settings_for(f"http://127.0.0.1:{sock.getsockname()[1]}").central)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        db.close()


def chip_as_read(citizen: DemoCitizen, today: date) -> SocialSecurityCard:
    """The card as the terminal reads it: the records encoded, decoded and checked."""
    records = encode_card(chip_data(citizen, today))
    values = {spec.field: records[(spec.file_id, spec.number)] for spec in RECORDS}
    return SocialSecurityCard.from_chip(decode_card(values))


@pytest.mark.parametrize("today", TODAYS.values(), ids=TODAYS.keys())
def test_every_demo_situation_holds(tmp_path: Path, today: date) -> None:
    # The terminal's rules: the chip of each card, read on `today`.
    for citizen in DEMO_CITIZENS:
        if citizen.card is None:
            continue
        card = chip_as_read(citizen, today)
        assert card.issue_date <= today, citizen.key
        assert card.expired_on(today) is (citizen.key == "card-expired"), citizen.key
    assert today - chip_as_read(demo_citizen("card-not-activated"), today).issue_date < timedelta(
        days=90
    )
    # Every resident ID card is valid on `today`, and the one to enrol is old enough to.
    for citizen in DEMO_CITIZENS:
        id_card = IdCard.from_reader(id_card_data(citizen, today), today)
        assert not id_card.expired_on(today), citizen.key
    assert age_on(demo_citizen("not-enrolled").birth_date, today) >= PENSION_MIN_AGE

    # The sandbox's rules, asked as a terminal asks them.
    with sandbox_on(tmp_path / "sandbox.sqlite3", today) as central:
        found = {
            c.key: central.identify(c.id_number, c.card.card_number if c.card else None)
            for c in DEMO_CITIZENS
        }
        expected_status = {
            "card-lost": m.CardStatus.REPORTED_LOST,
            "card-not-activated": m.CardStatus.NOT_ACTIVATED,
            **{key: m.CardStatus.ACTIVE for key in (*VALID_CARDS, "card-expired")},
        }
        assert {k: f.card_status for k, f in found.items() if f.card_status} == expected_status
        assert {k for k, f in found.items() if f.is_pensioner} == {
            "pensioner-due",
            "pensioner-authenticated",
        }

        due = central.eligibility(found["pensioner-due"].person_ref)
        assert due.due and due.valid_until is not None and due.valid_until < today
        done = central.eligibility(found["pensioner-authenticated"].person_ref)
        assert not done.due and done.valid_until is not None
        assert today < done.valid_until <= today + timedelta(days=365)

        payables = central.payables(found["unpaid-year"].person_ref).items
        assert [i.year for i in payables if i.unpaid_back_year] == [today.year - 2]
        assert central.insurances(found["not-enrolled"].person_ref).items == []

    # The sandbox's record of each card is the card's own chip.
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as db:
        on_record = {
            number: (date.fromisoformat(issued), date.fromisoformat(expires))
            for number, issued, expires in db.execute(
                "SELECT card_number, issue_date, expiry_date FROM cards"
            )
        }
    for citizen in DEMO_CITIZENS:
        if citizen.card is not None:
            chip = chip_data(citizen, today)
            assert on_record[citizen.card.card_number] == (chip.issue_date, chip.expiry_date)
