"""ISO 9564 format-0 PIN blocks, and routes filled from the request."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.pinpad.pinblock import InvalidPinBlock, pin_block, pin_from_block
from kiosk.central import models as m
from kiosk.central.operations import ORDER_CANCELLATION, PAYMENT_ORDER

PAN = "4111111111111111"


def test_the_textbook_example() -> None:
    # PIN field 041234FFFFFFFFFF XOR PAN field 0000111111111111
    assert pin_block("1234", PAN) == "041225EEEEEEEEEE"


@given(st.text("0123456789", min_size=4, max_size=12))
def test_pins_round_trip(pin: str) -> None:
    assert pin_from_block(pin_block(pin, PAN), PAN) == pin


@pytest.mark.parametrize(("pin", "pan"), [("12", PAN), ("12a4", PAN), ("1234", "41111")])
def test_bad_input_is_refused_without_echoing_it(pin: str, pan: str) -> None:
    with pytest.raises(InvalidPinBlock) as refused:
        pin_block(pin, pan)
    assert pin not in str(refused.value)


def test_a_block_under_another_card_does_not_open() -> None:
    with pytest.raises(InvalidPinBlock):
        pin_from_block(pin_block("1234", PAN), "6217000060000052")


def test_routes_take_their_ids_from_the_request() -> None:
    order_id = uuid.uuid4()
    body = m.OrderCancellation(order_id=order_id, reason="citizen_left")
    path = ORDER_CANCELLATION.path_for(body.model_dump_json().encode())
    assert path == f"/payment-orders/{order_id}/cancellations"
    assert PAYMENT_ORDER.path_for(b"{}") == "/payment-orders"
