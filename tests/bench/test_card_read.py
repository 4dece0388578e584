"""Card inserted → holder decoded, through pyscard, pcscd and vpcd (goal ≤ 300 ms median)."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date

import pytest

from devices.smartcard.pcsc import PcscCardSlot
from devices.smartcard.reader import SmartCardReader
from devices.smartcard.virtual_card import VirtualCardProfile, VirtualSocialSecurityCard
from devices.smartcard.vpcd import VpcdSlot
from kiosk.domain.person import SocialSecurityCard
from sandbox.citizens import chip_data, demo_citizen
from tests.support.services import PcscdService, wait_for_slot

ROUNDS = 25
POLL_S = 0.4


def test_reading_an_inserted_card(benchmark, reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    """Our part alone: the 13 records read through pcscd and the holder decoded."""
    benchmark.group = "card inserted -> holder decoded (s)"
    citizen = demo_citizen("contributor")
    assert citizen.card is not None
    vpcd_slot.insert(
        VirtualSocialSecurityCard(
            VirtualCardProfile(chip_data(citizen, date.today()), citizen.card.pin)
        )
    )
    assert reader.card_inserted.wait(5)
    benchmark.pedantic(
        lambda: SocialSecurityCard.from_chip(reader.read_card().result(10)),
        rounds=ROUNDS, iterations=1,
    )  # fmt: skip


@pytest.fixture
def reader(pcscd: PcscdService) -> Iterator[SmartCardReader]:
    device = SmartCardReader(PcscCardSlot("^Virtual PCD 00 00$"))
    yield device
    device.close()


def test_insert_to_holder_decoded(benchmark, reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    benchmark.group = "card inserted -> holder decoded (s)"
    citizen = demo_citizen("contributor")
    assert citizen.card is not None
    card = VirtualSocialSecurityCard(
        VirtualCardProfile(chip_data(citizen, date.today()), citizen.card.pin)
    )

    phases = iter(random.Random(7).uniform(0, POLL_S) for _ in range(ROUNDS + 5))

    def empty_slot() -> None:
        vpcd_slot.remove()
        assert reader.card_absent.wait(5)
        wait_for_slot(0, present=False)
        # A citizen inserts at any moment of pcscd's 400 ms poll of the slot, not just after
        # it: without this every round waits a full period (402 ms median and p95).
        time.sleep(next(phases))

    def insert_and_decode() -> None:
        vpcd_slot.insert(card)
        assert reader.card_inserted.wait(5)
        holder = SocialSecurityCard.from_chip(reader.read_card().result(10))
        assert holder.holder_id_number == citizen.id_number

    benchmark.pedantic(insert_and_decode, setup=empty_slot, rounds=ROUNDS, iterations=1)
    data = sorted(benchmark.stats.stats.data)
    print(f"\ninsert -> holder decoded: median {data[len(data) // 2] * 1000:.0f} ms, "
          f"p95 {data[round(0.95 * (len(data) - 1))] * 1000:.0f} ms over {len(data)}")  # fmt: skip
