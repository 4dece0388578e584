"""One test per validation rule of the decoders of outside data (issue 13, item 4): the rule's
edge, the typed error it raises, and that the error never carries the data it refused."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from demo.cards import id_card_data
from devices.idcard import frames
from devices.idcard.errors import MalformedFrame
from devices.idcard.message import decode_message, encode_message
from devices.pinpad.pinblock import InvalidPinBlock, pin_block, pin_from_block
from devices.smartcard.apdu import MalformedApdu, Response
from devices.smartcard.bank import decode_pan, encode_pan, parse_tlv
from devices.smartcard.errors import CardUnresponsive, MalformedCardResponse
from devices.smartcard.personalisation import run_script
from devices.smartcard.records import RECORDS, decode_card, decode_value, encode_card
from devices.smartcard.ssse import SsseApplication
from kiosk.central import models as m
from kiosk.domain.idcard import IdCard, nation_name
from kiosk.domain.identity import InvalidIdNumber, is_weak_pin, mask_address, validate_id_number
from kiosk.domain.person import CardRejected, SocialSecurityCard
from offline_queue.receipts import InvalidReceiptNumber, grouped, parse_receipt_number
from sandbox.citizens import DEMO_CITIZENS, chip_data, demo_citizen

SPEC = {spec.field: spec for spec in RECORDS}
CHIP = chip_data(DEMO_CITIZENS[0], date.today())
TODAY = date(2026, 12, 1)


def record_values(data: object = CHIP) -> dict[str, bytes]:
    encoded = encode_card(data)  # type: ignore[arg-type]
    return {spec.field: encoded[(spec.file_id, spec.number)] for spec in RECORDS}


# -- APDUs -----------------------------------------------------------------------------------


def test_a_response_longer_than_a_short_apdu_is_malformed() -> None:
    assert Response.parse(bytes(256) + b"\x90\x00").data == bytes(256)
    with pytest.raises(MalformedApdu):
        Response.parse(bytes(257) + b"\x90\x00")
    with pytest.raises(MalformedCardResponse):
        SsseApplication(lambda apdu: bytes(257) + b"\x90\x00").select_application()
    with pytest.raises(CardUnresponsive):
        SsseApplication(lambda apdu: b"\x90").select_application()


# -- SSSE records ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("name", "王\n兰".encode("gbk").ljust(30, b"\x00")),  # a control character
        ("name", b"\xcd\xf5\x00\xc0\xbc".ljust(30, b"\x00")),  # a NUL inside the name
        ("name", "王\u200b兰".encode("gb18030").ljust(30, b"\x00")),  # not GBK at all
        ("card_number", b"d51000001"),  # lower case
        ("card_number", b"D5100 001"),  # a space
        ("social_security_number", b"51010419480312002A"),
        ("social_security_number", b"5101041948031200x2"),
        ("spec_version", b"3x00"),
        ("card_type", b" "),
        ("gender", b"M"),
        ("nation_code", b"\x00"),
        ("nation_code", b"\x39"),  # 57: no such nation
        ("card_identification_code", b"\xff" * 16),  # the region is not BCD
        ("birthplace_region", b"\x51\x01\x0a"),
        ("birth_date", bytes.fromhex("18991231")),  # before 1900
        ("birth_date", bytes.fromhex("19480230")),  # no such day
        ("issue_date", bytes.fromhex("19891231")),  # before social security cards
        ("expiry_date", bytes.fromhex("2029061A")),
    ],
)
def test_a_record_breaking_its_rule_is_malformed_and_named(field: str, raw: bytes) -> None:
    with pytest.raises(MalformedCardResponse) as error:
        decode_value(SPEC[field], raw)
    assert field in str(error.value) or "region" in str(error.value)
    assert raw.hex() not in str(error.value)


def test_nation_codes_97_and_98_are_gb_3304_codes() -> None:
    assert decode_value(SPEC["nation_code"], b"\x61") == 97
    assert decode_value(SPEC["nation_code"], b"\x62") == 98


def test_a_name_may_hold_ideographic_space_padding_and_a_middle_dot() -> None:
    raw = "阿依·木拉提\u3000".encode("gbk").ljust(30, b"\x00")
    assert decode_value(SPEC["name"], raw) == "阿依·木拉提"


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"expiry_date": CHIP.issue_date}, "expiry_date is not after issue_date"),
        ({"issue_date": date(1947, 1, 1), "expiry_date": date(1957, 1, 1)}, "issue_date"),
    ],
)
def test_card_dates_are_checked_together(change: dict[str, Any], detail: str) -> None:
    values = record_values(dataclasses.replace(CHIP, **change))
    with pytest.raises(MalformedCardResponse) as error:
        decode_card(values)
    assert detail in error.value.detail


def test_a_missing_record_is_malformed() -> None:
    values = record_values()
    del values["name"]
    with pytest.raises(MalformedCardResponse):
        decode_card(values)


def test_a_chip_whose_number_disagrees_with_its_birth_date_is_rejected() -> None:
    changed = dataclasses.replace(CHIP, birth_date=date(1948, 3, 13))
    with pytest.raises(CardRejected) as error:
        SocialSecurityCard.from_chip(changed)
    assert error.value.code == "card.bad_id_number"


# -- the debit application -------------------------------------------------------------------


def test_tlv_long_form_lengths_padding_and_three_byte_tags() -> None:
    value = bytes(200)
    assert parse_tlv(b"\x70\x81\xc8" + value) == {0x70: value}
    assert parse_tlv(b"\x70\x82\x00\xc8" + value) == {0x70: value}
    assert parse_tlv(b"\x00\x00\x5a\x01\x12\x00") == {0x5A: b"\x12"}
    assert parse_tlv(b"\xdf\x81\x01\x01\x07") == {0xDF8101: b"\x07"}


@pytest.mark.parametrize(
    "raw",
    [
        b"\x70\x83\x00\x00\x01\x00",  # three length bytes: not in EMV
        b"\x70\x80\x00\x00",  # indefinite length
        b"\x5a\x01\x12\x5a\x01\x34",  # a tag twice: which one is the account?
        b"\xdf\x81\x81\x81\x01\x00",  # a tag of four bytes
        b"\x70\x81",  # long form cut short
    ],
)
def test_tlv_breaches_are_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedCardResponse):
        parse_tlv(raw)


@pytest.mark.parametrize(
    "raw",
    [
        encode_pan("6217000060000053"),  # Luhn fails
        bytes.fromhex("621700006000005F2F"),  # F inside the number
        bytes.fromhex("6217000060000052FF"),  # two pad nibbles
        bytes.fromhex("62170000600F"),  # too short
    ],
)
def test_account_numbers_are_checked(raw: bytes) -> None:
    with pytest.raises(MalformedCardResponse):
        decode_pan(raw)


def test_account_numbers_of_odd_length_are_padded_with_one_f() -> None:
    assert decode_pan(encode_pan("6217000060000052")) == "6217000060000052"
    assert decode_pan(encode_pan("621700006000000003")) == "621700006000000003"
    assert decode_pan(encode_pan("6217000060000000008")) == "6217000060000000008"


# -- the personalisation script --------------------------------------------------------------


@pytest.mark.parametrize("expected", [0x0000, 0x6100, 0x6C10, 0xA000, -1, 0x19000])
def test_a_script_expecting_no_real_status_word_writes_nothing(expected: int) -> None:
    sent: list[bytes] = []

    def card(apdu: bytes) -> bytes:
        sent.append(apdu)
        return b"\x90\x00"

    steps = [(bytes.fromhex("00DC0104020000"), 0x9000), (bytes.fromhex("00DC0204"), expected)]
    with pytest.raises(MalformedCardResponse) as error:
        run_script(SsseApplication(card), steps)
    assert "step 1" in str(error.value) and sent == []


# -- PIN blocks ------------------------------------------------------------------------------

PAN = "6217000060000052"


@pytest.mark.parametrize(
    ("pin", "pan"),
    [
        ("²²²²", PAN),  # superscripts are digits to str.isdigit, not to int()
        ("١٢٣٤", PAN),  # Arabic-Indic digits
        ("1234", "６２１７０００００６００００００５２"),  # full-width PAN
        ("1234", "62170000600000520000"),  # 20 digits: no such PAN
    ],
)
def test_pin_blocks_take_ascii_digits_only(pin: str, pan: str) -> None:
    with pytest.raises(InvalidPinBlock):
        pin_block(pin, pan)


@pytest.mark.parametrize(
    "block",
    [
        " 41225EEEEEEEEEE",
        "0x1225EEEEEEEEEE",
        "041225EEEEEEEEE",
        "041225EEEEEEEEEEE",
        "-1",
        "٣" * 16,
    ],
)
def test_a_pin_block_is_exactly_sixteen_hex_digits(block: str) -> None:
    with pytest.raises(InvalidPinBlock):
        pin_from_block(block, PAN)


# -- GA 467 frames and the base message ------------------------------------------------------


def test_frames_before_a_bad_length_are_handed_over_first() -> None:
    good = frames.answer(frames.Sw3.OK, b"x")
    bad = frames.PREAMBLE + b"\xff\xff"
    reader = frames.FrameReader()
    assert reader.feed(good + bad) == [good]
    with pytest.raises(MalformedFrame):
        reader.feed(b"")


RAW_ID = id_card_data(demo_citizen("not-enrolled"))


def message_with(field: str, text: str) -> bytes:
    changes: dict[str, Any] = {field: text}
    return encode_message(dataclasses.replace(RAW_ID, **changes))


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("name", "陈\x07静"),
        ("name", "陈\u202e静"),  # a bidi override
        ("address", "南京市\n玄武区"),
        ("authority", "公安\x00局"),
        ("id_number", "32010220010909004\u00a0"),  # a no-break space
    ],
)
def test_a_text_field_with_control_characters_is_malformed(field: str, text: str) -> None:
    with pytest.raises(MalformedFrame) as error:
        decode_message(message_with(field, text))
    assert error.value.detail == f"field {field}"


def test_a_lone_surrogate_is_malformed() -> None:
    raw = bytearray(encode_message(RAW_ID))
    raw[4:6] = b"\x00\xd8"
    with pytest.raises(MalformedFrame):
        decode_message(bytes(raw))


def test_the_photo_must_be_a_whole_wlt_photo() -> None:
    with pytest.raises(MalformedFrame) as error:
        decode_message(encode_message(dataclasses.replace(RAW_ID, photo_wlt=bytes(1000))))
    assert error.value.detail == "message lengths"


def test_private_use_characters_stay_in_names() -> None:
    # Rare name characters (生僻字) missing from the national charsets live in private use.
    decoded = decode_message(message_with("name", "陈\ue000"))
    assert decoded.name == "陈\ue000"


# -- the ID card as the kiosk takes it -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nation_code", "99"),
        ("nation_code", "1"),
        ("nation_code", "³"),  # used to crash nation_name with ValueError
        ("birth_date", "20010910"),  # disagrees with the ID number
        ("birth_date", "２００１０９０９"),  # full-width digits
        ("gender_code", "1"),  # the ID number says female
        ("valid_from", "19831231"),  # before resident ID cards
        ("valid_from", "19990101"),  # before its holder was born
        ("valid_from", "20270101"),  # after today
        ("valid_to", "20160909"),  # not after valid_from
        ("valid_to", "20361331"),
        ("name", " 陈静"),
        ("name", "陈\x00静"),
        ("name", "陈" * 16),
        ("address", "南" * 36),
        ("authority", "公安局\t"),
    ],
)
def test_id_card_fields_are_checked(field: str, value: str) -> None:
    changes: dict[str, Any] = {field: value}
    with pytest.raises(CardRejected) as error:
        IdCard.from_reader(dataclasses.replace(RAW_ID, **changes), today=TODAY)
    assert error.value.code == "idcard.bad_field"
    assert value not in str(error.value)


def test_a_birth_date_after_today_or_before_1900_is_refused() -> None:
    with pytest.raises(CardRejected):
        IdCard.from_reader(RAW_ID, today=date(2001, 9, 8))
    assert IdCard.from_reader(RAW_ID, today=TODAY).nation == "汉"
    assert IdCard.from_reader(dataclasses.replace(RAW_ID, nation_code="97"), today=TODAY)


def test_unknown_nation_codes_are_shown_as_they_are() -> None:
    assert nation_name("³") == "³" and nation_name("٠١") == "٠١"


# -- ID numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "110105189912310016",  # born 1899
        "110105209912310014",  # born in the future
        "5101041948031200 22" + " " * 60,  # far too long to be typed for a number
        "510104194803120022\x00",
    ],
)
def test_id_numbers_out_of_range_are_invalid(text: str) -> None:
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number(text)
    assert str(error.value) == "id_number.invalid"


# -- receipt numbers -------------------------------------------------------------------------

RECEIPT = "4556737586899855"


@pytest.mark.parametrize(
    "typed",
    [
        RECEIPT,
        grouped(RECEIPT),
        f"{RECEIPT}\r\n",
        "４５５６７３７５８６８９９８５５",
        "4556-7375-8689-9855",
    ],
)
def test_receipt_numbers_typed_grouped_scanned_or_full_width(typed: str) -> None:
    assert parse_receipt_number(typed) == RECEIPT


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "4556737586899856",  # Luhn fails
        "0556737586899853",  # leading zero (Luhn-valid)
        "④556737586899855",  # a circled digit is not typed
        "4556737586899855x",
        RECEIPT + " " * 60,  # over the input cap
        "４５５６７３７５８６８９９８５５".replace("４", "٤"),  # Arabic-Indic
    ],
)
def test_anything_else_is_not_a_receipt_number(typed: str) -> None:
    with pytest.raises(InvalidReceiptNumber) as error:
        parse_receipt_number(typed)
    assert str(error.value) == "receipt.invalid"


# -- the central system's JSON ---------------------------------------------------------------

APPLICATION = "12345678-1234-5678-1234-567812345678"


@pytest.mark.parametrize(
    "steps",
    [
        [],  # nothing to run is not a script
        [{"apdu_hex": "00" * 262, "expect_sw": "9000"}],  # longer than a short APDU
        [{"apdu_hex": "00A40400", "expect_sw": "9000"}] * 65,  # more steps than a card has
    ],
)
def test_a_personalisation_script_outside_its_bounds_is_malformed(steps: list[object]) -> None:
    with pytest.raises(ValidationError):
        m.PersonalisationScript.model_validate({"application_id": APPLICATION, "steps": steps})


@pytest.mark.parametrize("payload", ["", "pay:\u4e2d", "pay:\x00", "x" * 513])
def test_a_payment_qr_payload_the_screen_cannot_draw_is_malformed(payload: str) -> None:
    order = {
        "order_id": APPLICATION,
        "amount_fen": 100,
        "state": "awaiting_payment",
        "expires_at": "2026-12-07T10:00:00+08:00",
        "qr_payload": payload,
    }
    with pytest.raises(ValidationError):
        m.PaymentOrder.model_validate(order)


@pytest.mark.parametrize("pin", ["12345²", "１３５７９２", "٣٥٧٩٢٤"])
def test_a_new_pin_of_other_digits_is_weak_not_a_crash(pin: str) -> None:
    assert is_weak_pin(pin)


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("广东省深圳市福田区福华路1号", "广东省深圳市福田区****"),
        ("北京市朝阳区建国路88号", "北京市朝阳区****"),
        ("广东省深圳市阳光小区3栋", "广东省深圳市****"),  # 小区 is no district
        ("四川省成都市锦江区市民中心", "四川省成都市锦江区****"),  # nor 市民 a city
        ("新疆维吾尔自治区乌鲁木齐市天山区解放路", "新疆维吾尔自治区乌鲁木齐市天山区***"),
        ("幸福路1号", "幸福***"),
    ],
)
def test_an_address_shows_its_divisions_and_hides_the_street(address: str, shown: str) -> None:
    assert mask_address(address) == shown
