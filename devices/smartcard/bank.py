"""The card's bank (PBOC debit) application as the terminal sees it: the account number.

A third-generation social security card is also a bank card. To debit it the kiosk needs the
primary account number, which the card's financial application gives in its first record
(EMV Book 3: SELECT by AID, READ RECORD SFI 1, record template `70` holding `5A`)."""

from __future__ import annotations

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


def parse_tlv(raw: bytes) -> dict[int, bytes]:
    """One level of BER-TLV (one- or two-byte tags, short lengths), as EMV records use."""
    found: dict[int, bytes] = {}
    at = 0
    while at < len(raw):
        tag = raw[at]
        at += 1
        if tag & 0x1F == 0x1F:  # a two-byte tag
            if at >= len(raw):
                raise MalformedCardResponse("tag cut short")
            tag = (tag << 8) | raw[at]
            at += 1
        if at >= len(raw) or raw[at] > 0x7F:
            raise MalformedCardResponse("length missing or too long")
        length = raw[at]
        at += 1
        if at + length > len(raw):
            raise MalformedCardResponse("value cut short")
        found[tag] = raw[at : at + length]
        at += length
    return found


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
    pan = raw_pan.hex().upper().rstrip("F")
    if not pan.isdigit() or not 12 <= len(pan) <= 19:
        raise MalformedCardResponse("account number is not 12-19 digits")
    return pan
