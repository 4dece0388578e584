"""The card's bank (PBOC debit) application as the terminal sees it: the account number.

A third-generation social security card is also a bank card. To debit it the kiosk needs the
primary account number, which the card's financial application gives in its first record
(EMV Book 3: SELECT by AID, READ RECORD SFI 1, record template `70` holding `5A`)."""

from __future__ import annotations

from stdnum import luhn

from devices.smartcard.apdu import SW_FILE_NOT_FOUND, Command
from devices.smartcard.errors import CardCommandFailed, MalformedCardResponse, NotBankCard
from devices.smartcard.ssse import SsseApplication

UNIONPAY_DEBIT_AID = bytes.fromhex("A000000333010101")
ACCOUNT_SFI = 1
TAG_RECORD_TEMPLATE = 0x70
TAG_PAN = 0x5A
TAG_EXPIRY = 0x5F24


def read_record_p2(sfi: int) -> int:
    """P2 of READ RECORD naming a short file identifier (record number in P1)."""
    return (sfi << 3) | 0x04


def encode_pan(pan: str) -> bytes:
    """The PAN as compressed numeric: BCD digits, padded with F to whole bytes."""
    digits = pan if len(pan) % 2 == 0 else pan + "F"
    return bytes.fromhex(digits)


def account_record(pan: str, expiry_yymmdd: str) -> bytes:
    """Record 1 of SFI 1: `70 L | 5A L PAN | 5F24 03 YYMMDD`."""
    body = bytes([TAG_PAN, len(encode_pan(pan))]) + encode_pan(pan)
    body += TAG_EXPIRY.to_bytes(2, "big") + b"\x03" + bytes.fromhex(expiry_yymmdd)
    return bytes([TAG_RECORD_TEMPLATE, len(body)]) + body


MAX_TAG_BYTES = 3


def _read_tag(raw: bytes, at: int) -> tuple[int, int]:
    """The tag starting at `at` and where it ends: `xF` in the low five bits of the first byte
    means more bytes follow, each with b8 set but the last."""
    tag = raw[at]
    at += 1
    if tag & 0x1F != 0x1F:
        return tag, at
    for _ in range(MAX_TAG_BYTES - 1):
        if at >= len(raw):
            raise MalformedCardResponse("tag cut short")
        tag = (tag << 8) | raw[at]
        at += 1
        if not tag & 0x80:
            return tag, at
    raise MalformedCardResponse("tag too long")


def _read_length(raw: bytes, at: int) -> tuple[int, int]:
    """A definite length in short form, or long form `81 xx` / `82 xx xx`."""
    if at >= len(raw):
        raise MalformedCardResponse("length missing")
    first = raw[at]
    at += 1
    if first < 0x80:
        return first, at
    if first not in (0x81, 0x82):
        raise MalformedCardResponse("length form not allowed")
    size = first & 0x7F
    if at + size > len(raw):
        raise MalformedCardResponse("length cut short")
    return int.from_bytes(raw[at : at + size], "big"), at + size


def parse_tlv(raw: bytes) -> dict[int, bytes]:
    """One level of BER-TLV as EMV records use it (EMV Book 3 annex B): tags of up to three
    bytes, definite lengths in short or long form, `00` padding between objects.
    MalformedCardResponse for a cut-short object, an indefinite or oversized length or a tag
    given twice."""
    found: dict[int, bytes] = {}
    at = 0
    while at < len(raw):
        if raw[at] == 0x00:  # padding before, between or after objects
            at += 1
            continue
        tag, at = _read_tag(raw, at)
        length, at = _read_length(raw, at)
        if at + length > len(raw):
            raise MalformedCardResponse("value cut short")
        if tag in found:
            raise MalformedCardResponse("tag repeated")
        found[tag] = raw[at : at + length]
        at += length
    return found


def decode_pan(raw: bytes) -> str:
    """Compressed numeric (EMV `cn`): BCD digits, one trailing F when the count is odd; 12-19
    digits with a valid Luhn check digit (ISO/IEC 7812)."""
    digits = raw.hex().upper()
    if digits.endswith("F"):
        digits = digits[:-1]
    if not (digits.isdigit() and digits.isascii()) or not 12 <= len(digits) <= 19:
        raise MalformedCardResponse("account number is not 12-19 digits")
    if not luhn.is_valid(digits):
        raise MalformedCardResponse("account number fails its check digit")
    return digits


def read_pan(app: SsseApplication) -> str:
    """Selects the debit application and returns the account number."""
    selected = app.exchange(Command(0x00, 0xA4, 0x04, 0x00, UNIONPAY_DEBIT_AID))
    if selected.sw == SW_FILE_NOT_FOUND:
        raise NotBankCard("no debit application")
    if not selected.ok:
        raise CardCommandFailed(selected.sw, "SELECT debit application")
    response = app.exchange(Command(0x00, 0xB2, 0x01, read_record_p2(ACCOUNT_SFI), le=0))
    if not response.ok:
        raise CardCommandFailed(response.sw, "READ RECORD SFI 1")
    template = parse_tlv(response.data).get(TAG_RECORD_TEMPLATE)
    if template is None:
        raise MalformedCardResponse("no record template")
    raw_pan = parse_tlv(template).get(TAG_PAN)
    if raw_pan is None:
        raise MalformedCardResponse("no account number")
    return decode_pan(raw_pan)
