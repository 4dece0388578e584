"""The SSSE reader against the virtual card, and against answers no good card would give."""

import contextlib
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from demo.trays import DemoCardTray
from devices.smartcard.apdu import Command, Response
from devices.smartcard.errors import (
    CardCommandFailed,
    CardError,
    CardUnresponsive,
    MalformedCardResponse,
    NotSocialSecurityCard,
    PinBlocked,
    PinFormatInvalid,
)
from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import SmartCardReader
from devices.smartcard.records import RECORDS, SSSE_AID, RecordSpec, decode_card, encode_card
from devices.smartcard.ssse import SsseApplication
from devices.smartcard.virtual_card import VirtualCardProfile, VirtualSocialSecurityCard
from sandbox.citizens import DEMO_CITIZENS, chip_data, demo_citizen

CITIZEN = DEMO_CITIZENS[2]
TODAY = date.today()


def virtual_card(pin: str = "345678") -> VirtualSocialSecurityCard:
    return VirtualSocialSecurityCard(VirtualCardProfile(chip_data(CITIZEN, TODAY), pin))


class Recorder:
    def __init__(self, card: VirtualSocialSecurityCard) -> None:
        self.card = card
        self.commands: list[bytes] = []

    def __call__(self, apdu: bytes) -> bytes:
        self.commands.append(apdu)
        return self.card.process(apdu)


def test_reads_all_thirteen_records() -> None:
    transmit = Recorder(virtual_card())
    data = SsseApplication(transmit).read_card()
    assert data == chip_data(CITIZEN, TODAY)
    assert data.region == "440300"
    assert transmit.commands[0] == bytes.fromhex("00A404000F") + SSSE_AID
    assert bytes.fromhex("00A4020002EF05") in transmit.commands
    assert bytes.fromhex("00A4020002EF06") in transmit.commands
    reads = [c for c in transmit.commands if c[1] == 0xB2]
    assert [c[2] for c in reads] == list(range(1, 14))
    assert all(c[3] == 0x04 for c in reads)


def test_select_follows_61xx_with_get_response() -> None:
    transmit = Recorder(virtual_card())
    SsseApplication(transmit).select_application()
    assert transmit.commands[1][:4] == bytes.fromhex("00C00000")


def test_wrong_le_is_resent_with_the_card_s_length() -> None:
    card = virtual_card()
    app = SsseApplication(card.process)
    app.select_application()
    app.select_file(0xEF06)
    answer = Response.parse(card.process(Command(0x00, 0xB2, 0x09, 0x04, le=5).to_bytes()))
    assert answer.sw == 0x6C20  # tag + length + 30 bytes of name
    assert app.exchange(Command(0x00, 0xB2, 0x09, 0x04, le=5)).ok


def test_a_bank_card_is_not_a_social_security_card() -> None:
    def bank_card(apdu: bytes) -> bytes:
        return bytes.fromhex("6A82")

    with pytest.raises(NotSocialSecurityCard):
        SsseApplication(bank_card).read_card()


def scripted(answers: dict[int, bytes]) -> Callable[[bytes], bytes]:
    """A card that behaves except for the records named in answers (record -> raw answer)."""
    card = virtual_card()

    def transmit(apdu: bytes) -> bytes:
        if apdu[1] == 0xB2 and apdu[2] in answers:
            return answers[apdu[2]]
        return card.process(apdu)

    return transmit


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (bytes.fromhex("0209") + b"D44000003" + bytes.fromhex("9000"), MalformedCardResponse),
        (bytes.fromhex("0708") + b"D4400000" + bytes.fromhex("9000"), MalformedCardResponse),
        (
            bytes.fromhex("0709") + b"D44000003" + b"\x00" + bytes.fromhex("9000"),
            MalformedCardResponse,
        ),
        (bytes.fromhex("90"), CardUnresponsive),
        (bytes.fromhex("6A83"), CardCommandFailed),
    ],
)
def test_bad_record_answers_are_typed_errors(answer: bytes, error: type[CardError]) -> None:
    with pytest.raises(error):
        SsseApplication(scripted({0x07: answer})).read_card()


def test_a_date_that_is_not_bcd_is_malformed() -> None:
    with pytest.raises(MalformedCardResponse):
        SsseApplication(scripted({0x05: bytes.fromhex("05042019AB019000")})).read_card()


@given(st.binary(max_size=40))
def test_any_garbage_answer_is_a_card_error(garbage: bytes) -> None:
    with contextlib.suppress(CardError):
        SsseApplication(scripted({0x09: garbage})).read_card()


def test_pin_counts_down_then_blocks_and_stays_blocked() -> None:
    card = virtual_card()
    app = SsseApplication(card.process)
    app.select_application()
    assert app.verify_pin("000000").tries_left == 2
    assert app.verify_pin("111111").tries_left == 1
    with pytest.raises(PinBlocked):
        app.verify_pin("222222")
    card.reset()
    with pytest.raises(PinBlocked):
        app.verify_pin("345678")  # the right PIN no longer helps


def test_the_try_counter_outlives_a_power_cycle() -> None:
    """Kept in the chip's EEPROM: two wrong PINs in one session and one in the next block it."""
    card = virtual_card()
    app = SsseApplication(card.process)
    app.select_application()
    assert app.verify_pin("000000").tries_left == 2
    assert app.verify_pin("111111").tries_left == 1
    card.reset()  # pulled out and put back: a new session
    app.select_application()
    with pytest.raises(PinBlocked):
        app.verify_pin("222222")
    assert card.pin_tries_left == 0


@pytest.fixture
def demo_tray() -> Iterator[tuple[DemoCardTray, SmartCardReader]]:
    slot = InProcessCardSlot()
    reader = SmartCardReader(slot)
    yield DemoCardTray(slot), reader
    reader.close()


def pulled_and_put_back(tray: DemoCardTray, citizen_key: str) -> None:
    tray.remove()
    tray.insert(citizen_key)


def test_a_demo_card_put_back_in_the_tray_is_the_same_chip(
    demo_tray: tuple[DemoCardTray, SmartCardReader],
) -> None:
    """The tray's cards keep their chips' state as physical cards do: the try counter and a
    changed PIN survive being pulled out and put back, for the life of the tray."""
    tray, reader = demo_tray
    tray.insert("contributor")
    assert reader.verify_pin("000000").result(5).tries_left == 2
    assert reader.verify_pin("111111").result(5).tries_left == 1
    pulled_and_put_back(tray, "contributor")
    with pytest.raises(PinBlocked):
        reader.verify_pin("222222").result(5)
    pulled_and_put_back(tray, "contributor")
    with pytest.raises(PinBlocked):
        reader.verify_pin(CITIZEN.card.pin).result(5)  # type: ignore[union-attr]

    pensioner = demo_citizen("pensioner-due")
    assert pensioner.card is not None
    pulled_and_put_back(tray, "pensioner-due")
    assert reader.verify_pin("000000").result(5).tries_left == 2  # each card counts its own
    assert reader.change_pin(pensioner.card.pin, "258036").result(5).verified
    pulled_and_put_back(tray, "pensioner-due")
    assert not reader.verify_pin(pensioner.card.pin).result(5).verified
    assert reader.verify_pin("258036").result(5).verified


def test_right_pin_resets_the_counter() -> None:
    card = virtual_card()
    app = SsseApplication(card.process)
    app.select_application()
    assert not app.verify_pin("000000").verified
    assert app.verify_pin("345678").verified
    assert card.pin_tries_left == 3


def test_change_pin() -> None:
    card = virtual_card()
    app = SsseApplication(card.process)
    app.select_application()
    assert app.change_pin("000000", "135790").tries_left == 2
    assert app.change_pin("345678", "135790").verified
    assert app.verify_pin("135790").verified


@pytest.mark.parametrize("pin", ["12345", "1234567", "12345a", "１２３４５６"])
def test_pin_format_is_checked_before_it_reaches_the_card(pin: str) -> None:
    with pytest.raises(PinFormatInvalid):
        SsseApplication(virtual_card().process).verify_pin(pin)


@given(
    st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255),
    st.binary(max_size=255), st.one_of(st.none(), st.integers(1, 256)),
)  # fmt: skip
def test_command_apdu_round_trip(
    cla: int, ins: int, p1: int, p2: int, data: bytes, le: int | None
) -> None:
    command = Command(cla, ins, p1, p2, data, le)
    assert Command.parse(command.to_bytes()) == command


@given(st.binary(max_size=300))
def test_the_virtual_card_answers_anything_with_a_status_word(apdu: bytes) -> None:
    answer = virtual_card().process(apdu)
    assert len(answer) >= 2


def test_records_round_trip_and_repr_hides_personal_data() -> None:
    data = chip_data(CITIZEN, TODAY)
    encoded = encode_card(data)
    values = {spec.field: encoded[(spec.file_id, spec.number)] for spec in RECORDS}
    assert decode_card(values) == data
    assert CITIZEN.name not in repr(data) and CITIZEN.id_number not in repr(data)


@given(st.sampled_from(RECORDS), st.binary(max_size=40))
def test_any_record_bytes_decode_or_are_malformed(spec: RecordSpec, raw: bytes) -> None:
    from devices.smartcard.records import decode_value

    with contextlib.suppress(MalformedCardResponse):
        decode_value(spec, raw)


@given(st.sampled_from(list(range(1, 14))), st.binary(max_size=40))
def test_any_answer_to_any_record_is_a_card_error_or_a_card(record: int, garbage: bytes) -> None:
    with contextlib.suppress(CardError):
        SsseApplication(scripted({record: garbage})).read_card()


@given(st.lists(st.binary(max_size=8), min_size=1, max_size=20))
def test_any_answers_to_select_and_pin_are_card_errors(answers: list[bytes]) -> None:
    """A card that answers garbage to everything: typed errors, never anything else."""
    replies = iter(answers)

    def transmit(apdu: bytes) -> bytes:
        return next(replies, b"\x90\x00")

    app = SsseApplication(transmit)
    with contextlib.suppress(CardError):
        app.select_application()
        app.verify_pin("123456")
