"""GA 467 frames and the base message: exact bytes, and typed errors for any garbage."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from demo.cards import id_card_data
from devices.idcard import frames
from devices.idcard.errors import MalformedFrame
from devices.idcard.frames import Command, FrameReader, Sw3
from devices.idcard.message import IdCardData, decode_message, encode_message
from kiosk.central.codes import Gender
from kiosk.domain.idcard import IdCard, nation_code, nation_name
from kiosk.domain.person import CardRejected
from sandbox.citizens import demo_citizen


def test_a_find_card_request_has_the_published_bytes() -> None:
    # AA AA AA 96 69 | 00 03 | 20 01 | 22  (00^03^20^01 = 22)
    assert frames.request(Command.FIND_CARD) == bytes.fromhex("AAAAAA9669 0003 2001 22")


def test_answers_round_trip() -> None:
    frame = frames.answer(Sw3.CARD_FOUND, b"\x01\x02")
    answer = frames.decode_answer(frame)
    assert (answer.sw3, answer.data) == (Sw3.CARD_FOUND, b"\x01\x02")


@pytest.mark.parametrize(
    ("frame", "part"),
    [
        (bytes.fromhex("AAAAAA9668 0003 2001 22"), "preamble"),
        (bytes.fromhex("AAAAAA9669 0004 2001 22"), "length"),
        (bytes.fromhex("AAAAAA9669 0003 2001 23"), "checksum"),
        (bytes.fromhex("AAAAAA9669 0001 01"), "status"),
    ],
)
def test_broken_frames_are_named(frame: bytes, part: str) -> None:
    with pytest.raises(MalformedFrame) as broken:
        frames.decode_answer(frame)
    assert broken.value.detail == part


def test_the_frame_reader_skips_noise_and_waits_for_the_rest() -> None:
    reader = FrameReader()
    whole = frames.answer(Sw3.OK, b"x" * 40)
    assert reader.feed(b"\x00\xff" + whole[:10]) == []
    assert reader.feed(whole[10:] + whole[:3]) == [whole]
    assert reader.feed(whole[3:]) == [whole]


@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_frames_or_typed_errors(garbage: bytes) -> None:
    reader = FrameReader()
    with contextlib.suppress(MalformedFrame):  # any other exception fails the test
        for frame in reader.feed(garbage):
            frames.decode_answer(frame)


@given(st.binary(max_size=1400))
def test_arbitrary_messages_give_data_or_typed_errors(garbage: bytes) -> None:
    with contextlib.suppress(MalformedFrame):  # any other exception fails the test
        decode_message(garbage)


def test_the_base_message_round_trips_and_checks() -> None:
    raw = id_card_data(demo_citizen("not-enrolled"))
    assert len(encode_message(raw)) == 4 + 256 + 1024
    decoded = decode_message(encode_message(raw))
    assert decoded == raw
    card = IdCard.from_reader(decoded)
    assert card.gender is Gender.FEMALE and card.nation == "汉"
    assert card.birth_date == date(2001, 9, 9)
    assert card.masked_id_number == "3201**********0046" and card.masked_name == "陈*"
    assert card.photo_bytes == 1024
    assert not card.expired_on(date.today())


def test_long_term_cards_and_expired_cards() -> None:
    elder = IdCard.from_reader(id_card_data(demo_citizen("pensioner-due")))
    assert elder.valid_until is None and not elder.expired_on(date(2099, 1, 1))
    raw = id_card_data(demo_citizen("not-enrolled"))
    expired = IdCard.from_reader(
        IdCardData(**{**raw.__dict__, "valid_from": "20020101", "valid_to": "20120101"})
    )
    assert expired.expired_on(date.today())


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("id_number", "320102200109090047", "idcard.bad_id_number"),
        ("name", "", "idcard.no_name"),
        ("gender_code", "9", "idcard.bad_field"),
        ("birth_date", "2001-9-9", "idcard.bad_field"),
    ],
)
def test_bad_fields_are_refused_with_a_code(field: str, value: str, code: str) -> None:
    raw = id_card_data(demo_citizen("not-enrolled"))
    with pytest.raises(CardRejected) as rejected:
        IdCard.from_reader(IdCardData(**{**raw.__dict__, field: value}))
    assert rejected.value.code == code


def test_nation_codes_follow_gb_3304() -> None:
    assert nation_name("01") == "汉" and nation_name("56") == "基诺"
    assert nation_code("土家") == "15" and nation_name("99") == "99"
