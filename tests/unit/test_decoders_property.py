"""Every decoder of outside data, over arbitrary bytes and arbitrary text: it returns a value
that holds its invariants, or raises its own typed error, never anything else (issue 13, item
4). Where an encoder exists, valid data goes through it and comes back unchanged."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from stdnum import luhn
from stdnum.cn import ric

from devices.idcard import frames
from devices.idcard.errors import MalformedFrame
from devices.idcard.message import (
    FIELDS,
    PHOTO_BYTES,
    TEXT_BYTES,
    IdCardData,
    decode_message,
    encode_message,
    is_clean_text,
)
from devices.pinpad.pinblock import InvalidPinBlock, pin_block, pin_from_block
from devices.smartcard.apdu import Command, MalformedApdu, Response
from devices.smartcard.bank import decode_pan, encode_pan, parse_tlv, read_pan
from devices.smartcard.errors import CardError, MalformedCardResponse, PinFormatInvalid
from devices.smartcard.personalisation import run_script
from devices.smartcard.records import (
    DATE_RANGES,
    NATION_CODES,
    RECORDS,
    Encoding,
    RecordSpec,
    SsCardData,
    decode_card,
    decode_value,
    encode_card,
)
from devices.smartcard.ssse import SsseApplication, encode_pin
from kiosk.central import models as m
from kiosk.domain.idcard import IdCard, nation_name
from kiosk.domain.identity import InvalidIdNumber, validate_id_number
from kiosk.domain.person import CardRejected, SocialSecurityCard
from offline_queue.receipts import (
    InvalidReceiptNumber,
    grouped,
    is_receipt_number,
    new_receipt_number,
    parse_receipt_number,
)

T = TypeVar("T")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BIG = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def outcome(error: type[Exception], decode: Callable[[], T]) -> T | Exception:
    """The decoder's value, or the typed error it raised; any other exception fails the test."""
    try:
        return decode()
    except error as exc:
        return exc


def no_echo(exc: Exception, *inputs: str) -> None:
    """A typed error never carries what it was given (personal data). Its own code is left out
    of the comparison: hypothesis once typed 'inva', which is inside 'receipt.invalid'."""
    message = str(exc).replace(getattr(exc, "code", "") or "\0", "")
    for text in inputs:
        if len(text) >= 4:
            assert text not in message


# -- strategies of valid data ----------------------------------------------------------------

REGIONS = ("510104", "110105", "440304", "320102", "430102", "110101")
NAME_CHARACTERS = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗秀兰伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英建国"
)


@st.composite
def id_numbers(draw: st.DrawFn, born: date | None = None, male: bool | None = None) -> str:
    region = draw(st.sampled_from(REGIONS))
    birth = born or draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    sequence = draw(st.integers(0, 99))
    gender_digit = draw(st.integers(0, 4)) * 2 + (
        (1 if male else 0) if male is not None else draw(st.integers(0, 1))
    )
    body = f"{region}{birth:%Y%m%d}{sequence:02d}{gender_digit}"
    return body + ric.calc_check_digit(body + "0")  # it skips the last character


names = st.text(st.sampled_from(NAME_CHARACTERS), min_size=1, max_size=15)
upper_alnum = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@st.composite
def chip_datas(draw: st.DrawFn) -> SsCardData:
    born = draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    issued = draw(st.dates(max(born, date(1990, 1, 1)), date(2099, 1, 1)))
    expires = draw(st.dates(date(issued.year + 1, 1, 1), date(2199, 12, 31)))
    region = draw(st.sampled_from(REGIONS))
    return SsCardData(
        card_identification_code=region + draw(st.binary(min_size=13, max_size=13)).hex().upper(),
        card_type=draw(upper_alnum),
        spec_version=f"{draw(st.integers(0, 9))}.{draw(st.integers(0, 99)):02d}",
        issuing_organisation=draw(st.binary(min_size=12, max_size=12)).hex().upper(),
        issue_date=issued,
        expiry_date=expires,
        card_number=draw(st.text(upper_alnum, min_size=9, max_size=9)),
        social_security_number=draw(id_numbers(born=born)),
        name=draw(names),
        gender=draw(st.sampled_from("0129")),
        nation_code=draw(st.sampled_from(sorted(NATION_CODES))),
        birthplace_region=region,
        birth_date=born,
    )


@st.composite
def id_card_datas(draw: st.DrawFn) -> IdCardData:
    born = draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    male = draw(st.booleans())
    issued = draw(st.dates(max(born, date(1984, 1, 1)), date(2024, 12, 31)))
    valid_to = draw(
        st.one_of(st.just("长期"), st.integers(5, 20).map(lambda n: f"{issued.year + n}0101"))
    )
    return IdCardData(
        name=draw(names),
        gender_code="1" if male else "2",
        nation_code=f"{draw(st.integers(1, 56)):02d}",
        birth_date=f"{born:%Y%m%d}",
        address=draw(
            st.text(st.sampled_from(NAME_CHARACTERS + "省市区路号0123456789"), max_size=35)
        ),
        id_number=draw(id_numbers(born=born, male=male)),
        authority=draw(st.text(st.sampled_from("公安局分户籍地机关"), min_size=1, max_size=15)),
        valid_from=f"{issued:%Y%m%d}",
        valid_to=valid_to,
        photo_wlt=draw(st.binary(min_size=PHOTO_BYTES, max_size=PHOTO_BYTES)),
    )


def record_bytes(length: int) -> st.SearchStrategy[bytes]:
    """Bytes of the field's own length (the interesting case) and of any length."""
    return st.one_of(st.binary(min_size=length, max_size=length), st.binary(max_size=40))


# -- APDUs -----------------------------------------------------------------------------------


@FAST
@given(st.one_of(st.binary(max_size=8), st.binary(max_size=300)))
def test_command_apdus_parse_or_are_malformed(raw: bytes) -> None:
    parsed = outcome(MalformedApdu, lambda: Command.parse(raw))
    if isinstance(parsed, Command):
        assert parsed.to_bytes() == raw
        assert len(parsed.data) <= 255 and (parsed.le is None or 1 <= parsed.le <= 256)


@FAST
@given(st.one_of(st.binary(max_size=4), st.binary(min_size=250, max_size=270)))
def test_response_apdus_parse_or_are_malformed(raw: bytes) -> None:
    parsed = outcome(MalformedApdu, lambda: Response.parse(raw))
    if isinstance(parsed, Response):
        assert parsed.to_bytes() == raw
        assert len(parsed.data) <= 256 and 0 <= parsed.sw <= 0xFFFF
    else:
        assert len(raw) < 2 or len(raw) > 258


@FAST
@given(st.binary(max_size=256), st.integers(0, 0xFFFF))
def test_response_apdus_round_trip(data: bytes, sw: int) -> None:
    assert Response.parse(Response(data, sw).to_bytes()) == Response(data, sw)


@FAST
@given(st.lists(st.one_of(st.binary(max_size=6), st.binary(max_size=300)), max_size=20))
def test_exchange_over_any_answers_is_a_card_error_or_a_response(answers: list[bytes]) -> None:
    """61xx chaining and 6Cxx repeats driven by whatever the card says."""
    replies = iter(answers)
    app = SsseApplication(lambda apdu: next(replies, b"\x90\x00"))
    result = outcome(CardError, lambda: app.exchange(Command(0x00, 0xB2, 0x01, 0x04, le=10)))
    if isinstance(result, Response):
        assert result.sw1 not in (0x61,)


@FAST
@given(st.text(max_size=10))
def test_pins_encode_or_are_refused(pin: str) -> None:
    encoded = outcome(PinFormatInvalid, lambda: encode_pin(pin))
    if isinstance(encoded, bytes):
        assert encoded.hex() == pin and len(encoded) == 3
    else:
        no_echo(encoded, pin)


# -- SSSE records ----------------------------------------------------------------------------


@FAST
@given(st.sampled_from(RECORDS).flatmap(lambda s: st.tuples(st.just(s), record_bytes(s.length))))
def test_any_record_decodes_to_a_valid_value_or_is_malformed(
    spec_raw: tuple[RecordSpec, bytes],
) -> None:
    spec, raw = spec_raw
    value = outcome(MalformedCardResponse, lambda: decode_value(spec, raw))
    if isinstance(value, MalformedCardResponse):
        assert spec.field in str(value) or "region" in str(value)
        return
    assert len(raw) == spec.length
    if spec.field in DATE_RANGES:
        assert isinstance(value, date)
        earliest, latest = DATE_RANGES[spec.field]
        assert earliest <= value <= latest
    elif spec.field == "nation_code":
        assert value in NATION_CODES
    elif spec.encoding is Encoding.BCD:
        assert isinstance(value, str) and value.isascii() and value.isdigit()
    elif spec.encoding is Encoding.BINARY:
        assert isinstance(value, str) and bytes.fromhex(value) == raw
    else:
        assert isinstance(value, str) and is_clean_text(value)
        if spec.encoding is Encoding.ASCII:
            assert value.isascii() and len(value) == spec.length


@FAST
@given(st.fixed_dictionaries({s.field: record_bytes(s.length) for s in RECORDS}))
def test_any_card_decodes_or_is_malformed(values: dict[str, bytes]) -> None:
    data = outcome(MalformedCardResponse, lambda: decode_card(values))
    if isinstance(data, SsCardData):
        assert data.issue_date < data.expiry_date and data.birth_date <= data.issue_date
        assert data.region.isdigit()


@FAST
@given(chip_datas())
def test_valid_cards_round_trip_through_the_records(data: SsCardData) -> None:
    encoded = encode_card(data)
    values = {spec.field: encoded[(spec.file_id, spec.number)] for spec in RECORDS}
    assert decode_card(values) == data
    card = SocialSecurityCard.from_chip(decode_card(values))
    assert card.holder_id_number == data.social_security_number


@FAST
@given(chip_datas(), st.text(max_size=20), st.text(max_size=16))
def test_any_chip_holder_is_a_card_or_rejected(data: SsCardData, number: str, name: str) -> None:
    changed = dataclasses.replace(data, social_security_number=number, name=name)
    card = outcome(CardRejected, lambda: SocialSecurityCard.from_chip(changed))
    if isinstance(card, SocialSecurityCard):
        assert validate_id_number(card.holder_id_number) == card.holder_id_number
        assert card.holder_id_number[6:14] == f"{card.holder_birth_date:%Y%m%d}"
    else:
        no_echo(card, number, name)


@FAST
@given(st.integers(1, 13), st.binary(max_size=40))
def test_any_read_record_answer_is_a_card_error_or_the_value(number: int, answer: bytes) -> None:
    app = SsseApplication(lambda apdu: answer)
    value = outcome(CardError, lambda: app.read_record(number, 4))
    if isinstance(value, bytes):
        assert len(value) == 4 and answer[:2] == bytes([number, 4])


# -- the debit application -------------------------------------------------------------------


def tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    if len(value) < 0x80:
        length = bytes([len(value)])
    elif len(value) < 0x100:
        length = b"\x81" + bytes([len(value)])
    else:
        length = b"\x82" + len(value).to_bytes(2, "big")
    return tag_bytes + length + value


tags = st.one_of(
    st.integers(0x01, 0xFF).filter(lambda t: t & 0x1F != 0x1F),
    st.tuples(st.integers(0, 0xFF), st.integers(0, 0x7F)).map(
        lambda p: ((p[0] | 0x1F) << 8) | p[1]
    ),
)


@FAST
@given(st.one_of(st.binary(max_size=12), st.binary(max_size=300)))
def test_any_tlv_parses_or_is_malformed(raw: bytes) -> None:
    found = outcome(MalformedCardResponse, lambda: parse_tlv(raw))
    if isinstance(found, dict):
        assert sum(len(v) for v in found.values()) <= len(raw)


@FAST
@given(st.dictionaries(tags, st.binary(max_size=300), max_size=5))
def test_tlv_round_trips(objects: dict[int, bytes]) -> None:
    raw = b"".join(tlv(tag, value) for tag, value in objects.items())
    assert parse_tlv(raw) == objects


@FAST
@given(st.one_of(st.binary(max_size=12), st.binary(min_size=6, max_size=10)))
def test_any_pan_bytes_decode_or_are_malformed(raw: bytes) -> None:
    pan = outcome(MalformedCardResponse, lambda: decode_pan(raw))
    if isinstance(pan, str):
        assert pan.isascii() and pan.isdigit() and 12 <= len(pan) <= 19 and luhn.is_valid(pan)


@FAST
@given(st.text("0123456789", min_size=11, max_size=18))
def test_pans_round_trip(body: str) -> None:
    pan = body + luhn.calc_check_digit(body)
    assert decode_pan(encode_pan(pan)) == pan


@FAST
@given(st.binary(max_size=60))
def test_any_debit_record_is_a_card_error_or_a_pan(record: bytes) -> None:
    def card(apdu: bytes) -> bytes:
        return b"\x90\x00" if apdu[1] == 0xA4 else record + b"\x90\x00"

    pan = outcome(CardError, lambda: read_pan(SsseApplication(card)))
    if isinstance(pan, str):
        assert luhn.is_valid(pan)


# -- the personalisation script --------------------------------------------------------------


@FAST
@given(st.lists(st.tuples(st.binary(max_size=20), st.integers(-1, 0x1FFFF)), max_size=6))
def test_any_script_is_run_or_refused_with_a_card_error(steps: list[tuple[bytes, int]]) -> None:
    sent: list[bytes] = []

    def card(apdu: bytes) -> bytes:
        sent.append(apdu)
        return b"\x90\x00"

    result = outcome(CardError, lambda: run_script(SsseApplication(card), steps))
    if isinstance(result, MalformedCardResponse):
        assert sent == []  # a broken script writes nothing


# -- GA 467 frames ---------------------------------------------------------------------------


@st.composite
def near_frames(draw: st.DrawFn) -> bytes:
    """A real frame with one thing broken (or none): the bytes a noisy line makes."""
    frame = bytearray(frames.encode(draw(st.binary(max_size=40))))
    if draw(st.booleans()) and frame:
        at = draw(st.integers(0, len(frame) - 1))
        frame[at] = draw(st.integers(0, 255))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) if draw(st.booleans()) else bytes(frame)


frame_bytes = st.one_of(st.binary(max_size=20), st.binary(max_size=300), near_frames())


@FAST
@given(frame_bytes)
def test_any_bytes_decode_to_an_answer_or_a_malformed_frame(raw: bytes) -> None:
    answer = outcome(MalformedFrame, lambda: frames.decode_answer(raw))
    if isinstance(answer, frames.Answer):
        assert raw.startswith(frames.PREAMBLE)
        assert frames.encode(bytes([answer.sw1, answer.sw2, answer.sw3]) + answer.data) == raw


@FAST
@given(frame_bytes)
def test_any_bytes_decode_to_a_request_or_a_malformed_frame(raw: bytes) -> None:
    request = outcome(MalformedFrame, lambda: frames.decode_request(raw))
    if isinstance(request, tuple):
        (cmd, para), data = request
        assert frames.encode(bytes([cmd, para]) + data) == raw


@FAST
@given(st.binary(max_size=frames.MAX_LENGTH - 1))
def test_frames_round_trip(body: bytes) -> None:
    assert frames.decode_body(frames.encode(body)) == body


@FAST
@given(st.lists(frame_bytes, max_size=6), st.data())
def test_the_frame_reader_cuts_any_stream_into_frames_or_malformed(
    pieces: list[bytes], data: st.DataObject
) -> None:
    stream = b"".join(pieces)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=5)))
    reader = frames.FrameReader()
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        try:
            found = reader.feed(stream[start:end])
        except MalformedFrame:
            continue
        for frame in found:
            assert frame.startswith(frames.PREAMBLE)
            assert 1 <= int.from_bytes(frame[5:7], "big") <= frames.MAX_LENGTH


@FAST
@given(
    st.lists(st.binary(max_size=60), min_size=1, max_size=4),
    st.binary(max_size=20).filter(lambda b: frames.PREAMBLE[:1] not in b),
    st.data(),
)
def test_frames_in_noise_come_out_whole_however_the_stream_is_cut(
    bodies: list[bytes], noise: bytes, data: st.DataObject
) -> None:
    whole = [frames.encode(body) for body in bodies]
    stream = noise + b"".join(whole)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=6)))
    reader = frames.FrameReader()
    got: list[bytes] = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        got += reader.feed(stream[start:end])
    assert got == whole


# -- the base message ------------------------------------------------------------------------


@st.composite
def near_messages(draw: st.DrawFn) -> bytes:
    """The right header and lengths around arbitrary text bytes: every field decoder runs."""
    text = draw(st.binary(min_size=TEXT_BYTES, max_size=TEXT_BYTES))
    header = TEXT_BYTES.to_bytes(2, "big") + PHOTO_BYTES.to_bytes(2, "big")
    return header + text + bytes(PHOTO_BYTES)


@st.composite
def near_texts(draw: st.DrawFn) -> bytes:
    """Arbitrary Unicode put into the fields (UCS-2 LE), each cut or padded to its width."""
    text = b""
    for _, width in FIELDS:
        encoded = draw(st.text(max_size=width // 2)).encode("utf-16-le", "surrogatepass")
        text += encoded[:width].ljust(width, b" ")
    header = TEXT_BYTES.to_bytes(2, "big") + PHOTO_BYTES.to_bytes(2, "big")
    return header + text + bytes(PHOTO_BYTES)


@BIG
@given(st.one_of(st.binary(max_size=40), st.binary(max_size=1400), near_messages(), near_texts()))
def test_any_message_decodes_to_clean_fields_or_a_malformed_frame(raw: bytes) -> None:
    data = outcome(MalformedFrame, lambda: decode_message(raw))
    if isinstance(data, IdCardData):
        for name, _ in FIELDS:
            if name != "reserved":
                assert is_clean_text(getattr(data, name))
        assert len(data.photo_wlt) == PHOTO_BYTES


@BIG
@given(id_card_datas())
def test_valid_messages_round_trip_and_are_accepted(data: IdCardData) -> None:
    decoded = decode_message(encode_message(data))
    assert decoded == data
    card = IdCard.from_reader(decoded, today=date(2025, 1, 1))
    assert card.id_number == data.id_number


@BIG
@given(st.one_of(near_messages(), near_texts()))
def test_any_decoded_message_is_an_id_card_or_rejected(raw: bytes) -> None:
    data = outcome(MalformedFrame, lambda: decode_message(raw))
    if isinstance(data, IdCardData):
        card = outcome(CardRejected, lambda: IdCard.from_reader(data))
        if isinstance(card, CardRejected):
            no_echo(card, data.name, data.id_number, data.address)


@FAST
@given(
    id_card_datas(),
    st.sampled_from(
        ["name", "gender_code", "nation_code", "birth_date", "address", "id_number",
         "authority", "valid_from", "valid_to"]
    ),
    st.text(max_size=20),
)  # fmt: skip
def test_any_field_of_an_id_card_is_checked(data: IdCardData, field: str, value: str) -> None:
    changes: dict[str, Any] = {field: value}
    changed = dataclasses.replace(data, **changes)
    card = outcome(CardRejected, lambda: IdCard.from_reader(changed, today=date(2025, 1, 1)))
    if isinstance(card, IdCard):
        assert validate_id_number(card.id_number) == card.id_number
        assert card.id_number[6:14] == f"{card.birth_date:%Y%m%d}"
        assert date(1900, 1, 1) <= card.birth_date <= date(2025, 1, 1)
        assert card.birth_date <= card.valid_from
        assert card.valid_until is None or card.valid_until > card.valid_from
        assert is_clean_text(card.name) and 1 <= len(card.name) <= 15
    else:
        assert isinstance(card, CardRejected) and card.code.startswith("idcard.")
        no_echo(card, value)


@FAST
@given(st.text(max_size=4))
def test_nation_names_never_fail(code: str) -> None:
    assert isinstance(nation_name(code), str)


# -- ID numbers ------------------------------------------------------------------------------


@FAST
@given(st.one_of(st.text(max_size=30), st.text("0123456789Xx -", min_size=17, max_size=19)))
def test_any_text_is_an_id_number_or_invalid(text: str) -> None:
    number = outcome(InvalidIdNumber, lambda: validate_id_number(text))
    if isinstance(number, str):
        assert len(number) == 18 and number.isascii()
        assert number[:17].isdigit() and number[-1] == ric.calc_check_digit(number)
        assert date(1900, 1, 1) <= ric.get_birth_date(number) <= date.today()
    else:
        assert str(number) == "id_number.invalid"


@FAST
@given(id_numbers())
def test_valid_id_numbers_are_accepted(number: str) -> None:
    assert validate_id_number(number) == number
    assert validate_id_number(number.lower()) == number


# -- PIN blocks ------------------------------------------------------------------------------

PAN = "6217000060000052"


@FAST
@given(st.one_of(st.text(max_size=20), st.text("0123456789ABCDEFabcdef", min_size=16, max_size=16)))
def test_any_block_is_a_pin_or_invalid(block: str) -> None:
    pin = outcome(InvalidPinBlock, lambda: pin_from_block(block, PAN))
    if isinstance(pin, str):
        assert pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12
        assert pin_block(pin, PAN) == block.upper()
    else:
        assert str(pin) == InvalidPinBlock.code


@FAST
@given(st.text(max_size=14), st.text(max_size=20))
def test_any_pin_and_pan_make_a_block_or_are_invalid(pin: str, pan: str) -> None:
    block = outcome(InvalidPinBlock, lambda: pin_block(pin, pan))
    if isinstance(block, str):
        assert pin_from_block(block, pan) == pin


# -- receipt numbers -------------------------------------------------------------------------


@FAST
@given(
    st.one_of(st.text(max_size=40), st.text("0123456789 -\r\n０１２３４５６７８９　", max_size=24))
)
def test_any_typed_or_scanned_text_is_a_receipt_number_or_invalid(text: str) -> None:
    number = outcome(InvalidReceiptNumber, lambda: parse_receipt_number(text))
    if isinstance(number, str):
        assert is_receipt_number(number) and number[0] != "0"
    else:
        no_echo(number, text)


@FAST
@given(st.sampled_from(["{}", "{}\r", "{}\n", " {} ", "{}\r\n"]), st.booleans())
def test_receipt_numbers_round_trip_printed_and_scanned(shape: str, group: bool) -> None:
    number = new_receipt_number()
    shown = grouped(number) if group else number
    assert parse_receipt_number(shape.format(shown)) == number


# -- the central system's JSON -----------------------------------------------------------------

REPLIES = sorted(
    (model for model in vars(m).values() if isinstance(model, type) and issubclass(model, m.Reply)),
    key=lambda model: model.__name__,
)
DIGIT_FIELDS = {
    "id number": (m.IdNumber, "110105194912310021"),
    "mobile": (m.MobileNumber, "13800138000"),
    "receipt": (m.ReceiptNumber, "4556737586899855"),
}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@BIG
@given(
    st.sampled_from(REPLIES),
    st.one_of(st.binary(max_size=200), json_values.map(lambda value: json.dumps(value).encode())),
)
def test_any_answer_is_a_reply_or_a_validation_error(reply: type[m.Reply], raw: bytes) -> None:
    outcome(ValidationError, lambda: reply.model_validate_json(raw))


@FAST
@given(
    st.sampled_from(sorted(DIGIT_FIELDS)),
    st.integers(0, 17),
    st.characters(categories=["Nd"], exclude_characters="0123456789"),
)
def test_the_contracts_numbers_take_ascii_digits_only(name: str, at: int, digit: str) -> None:
    field, valid = DIGIT_FIELDS[name]
    assert TypeAdapter(field).validate_python(valid) == valid
    at = min(at, len(valid) - 2)  # a digit, not an ID number's check character
    changed = valid[:at] + digit + valid[at + 1 :]
    with pytest.raises(ValidationError):
        TypeAdapter(field).validate_python(changed)


@FAST
@given(st.text(max_size=600))
def test_a_payment_qr_payload_is_printable_ascii_that_fits_a_code(payload: str) -> None:
    order = outcome(ValidationError, lambda: m.PaymentOrder.model_validate(
        {"order_id": str(uuid.uuid4()), "amount_fen": 1, "state": "awaiting_payment",
         "expires_at": "2026-12-07T10:00:00+08:00", "qr_payload": payload}
    ))  # fmt: skip
    if isinstance(order, m.PaymentOrder):
        assert order.qr_payload is not None and order.qr_payload.isprintable()
        assert order.qr_payload.isascii() and 1 <= len(order.qr_payload) <= 512
