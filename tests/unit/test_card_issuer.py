"""The card issuer simulator, the personalisation runner, the new-PIN rule and the card face."""

from __future__ import annotations

import io

import pytest

from devices.base import DeviceStatus
from devices.card_issuer.base import CardJammed, IssuerState, IssuerUnavailable, NoCardInPath
from devices.card_issuer.simulator import TRANSPORT_PIN, IssuerTimings, SimulatedCardIssuer
from devices.smartcard.apdu import Command
from devices.smartcard.cryptogram import issuer_cryptogram
from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.personalisation import ChipWriteFailed, get_challenge, reset_pin, run_script
from devices.smartcard.records import EF05, SSSE_AID
from devices.smartcard.ssse import SsseApplication
from kiosk.documents.card_face import HEIGHT, WIDTH, CardFace, render_card_face
from kiosk.domain.identity import is_weak_pin
from sandbox.credentials import DEMO_ISSUER_KEY

INSTANT = IssuerTimings().scaled(0)


def issuer(hopper: int = 2) -> tuple[SimulatedCardIssuer, InProcessCardSlot]:
    slot = InProcessCardSlot("chip station")
    return (
        SimulatedCardIssuer(slot, slot, hopper=hopper, timings=INSTANT, issuer_key=DEMO_ISSUER_KEY),
        slot,
    )


def test_a_card_goes_feed_print_eject_and_the_hopper_counts_down() -> None:
    made, slot = issuer()
    made.feed().result(1)
    assert slot.present() and made.hopper_count() == 1
    made.print_face(b"png").result(1)
    assert not slot.present()  # off the contacts, under the print head
    made.eject().result(1)
    assert made.take_presented() is not None and made.take_presented() is None
    assert made.faces == [b"png"]


def test_out_of_cards_and_cover_open_are_states_that_refuse_a_feed() -> None:
    made, _slot = issuer(hopper=0)
    assert made.state() is IssuerState.OUT_OF_CARDS
    assert made.status() is DeviceStatus.USER_ERROR
    with pytest.raises(IssuerUnavailable) as refused:
        made.feed().result(1)
    assert refused.value.code == "issuer.out_of_cards"
    made.hopper, made.cover_open = 5, True
    with pytest.raises(IssuerUnavailable):
        made.feed().result(1)
    assert not made.self_test().passed


def test_a_jam_keeps_the_card_until_retained_and_cleared() -> None:
    made, _slot = issuer()
    made.jam_at = "eject"
    made.feed().result(1)
    made.print_face(b"png").result(1)
    with pytest.raises(CardJammed):
        made.eject().result(1)
    assert made.state() is IssuerState.JAMMED
    assert made.retain().result(1) is True
    assert len(made.rejected) == 1 and made.presented is None
    made.clear_jam()
    assert made.state() is IssuerState.READY
    with pytest.raises(NoCardInPath):
        made.eject().result(1)


def personalise(app: SsseApplication, records: list[Command]) -> None:
    challenge = get_challenge(app)
    script = [
        Command(0x00, 0x82, 0x00, 0x00, issuer_cryptogram(DEMO_ISSUER_KEY, challenge)),
        Command(0x00, 0xA4, 0x04, 0x00, SSSE_AID),
        Command(0x00, 0xA4, 0x02, 0x00, EF05.to_bytes(2, "big")),
        *records,
    ]
    run_script(app, [(c.to_bytes(), 0x9000) for c in script])


def test_a_blank_chip_takes_the_script_and_the_pin_then_reads_back() -> None:
    made, slot = issuer()
    made.feed().result(1)
    card = slot.card
    assert card is not None
    app = SsseApplication(card.process)
    record = bytes([0x07, 9]) + b"E00000001"
    personalise(app, [Command(0x00, 0xDC, 0x07, 0x04, record)])
    reset_pin(app, "258036")
    assert app.read_record(0x07, 9) == b"E00000001"
    assert app.verify_pin("258036").verified
    assert not app.verify_pin(TRANSPORT_PIN).verified


def test_a_bad_chip_or_a_wrong_key_stops_the_script_at_its_step() -> None:
    made, slot = issuer()
    made.bad_chips = 1
    made.feed().result(1)
    assert slot.card is not None
    app = SsseApplication(slot.card.process)
    record = bytes([0x07, 9]) + b"E00000001"
    with pytest.raises(ChipWriteFailed) as failed:
        personalise(app, [Command(0x00, 0xDC, 0x07, 0x04, record)])
    assert (failed.value.step, failed.value.sw, failed.value.code) == (
        3,
        0x6581,
        "card.write_failed",
    )
    get_challenge(app)
    with pytest.raises(ChipWriteFailed) as refused:  # a cryptogram for another challenge
        run_script(app, [(Command(0x00, 0x82, 0x00, 0x00, bytes(16)).to_bytes(), 0x9000)])
    assert refused.value.sw == 0x6982
    with pytest.raises(ChipWriteFailed):
        reset_pin(app, "258036")  # the issuer is not authenticated


@pytest.mark.parametrize(
    ("pin", "weak"),
    [("111111", True), ("123456", True), ("654321", True), ("12345", True), ("12a456", True),
     ("258036", False), ("112233", False)],
)  # fmt: skip
def test_guessable_new_pins_are_refused(pin: str, weak: bool) -> None:
    assert is_weak_pin(pin) is weak


def test_the_card_face_is_a_cr80_picture_at_300_dpi() -> None:
    from datetime import date

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 150, 120)).save(photo, "JPEG")
    png = render_card_face(
        CardFace("周平", "430102199008080090", "E00000001", date(2026, 11, 23),
                 date(2036, 11, 23), photo.getvalue()),
    )  # fmt: skip
    face = Image.open(io.BytesIO(png))
    assert face.size == (WIDTH, HEIGHT) == (1012, 638)
    pixel = face.getpixel((150, 300))  # the photo, cropped into its frame (JPEG: near enough)
    assert isinstance(pixel, tuple)
    assert all(abs(a - b) <= 4 for a, b in zip(pixel, (200, 150, 120), strict=True))
    assert repr(CardFace("周平", "x", "y", date.today(), date.today(), b"")).count("周平") == 0
