"""The SSSE files EF05/EF06: record layout, and the card data type decoded from them."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from devices.smartcard.errors import MalformedCardResponse

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")  # "sx1.sh.社会保障" in GBK
EF05 = 0xEF05
EF06 = 0xEF06


class Encoding(enum.Enum):
    BINARY = "binary"
    ASCII = "ascii"
    GBK = "gbk"
    BCD = "bcd"


@dataclass(frozen=True)
class RecordSpec:
    file_id: int
    number: int
    field: str
    length: int
    encoding: Encoding


RECORDS: tuple[RecordSpec, ...] = (
    RecordSpec(EF05, 0x01, "card_identification_code", 16, Encoding.BINARY),
    RecordSpec(EF05, 0x02, "card_type", 1, Encoding.ASCII),
    RecordSpec(EF05, 0x03, "spec_version", 4, Encoding.ASCII),
    RecordSpec(EF05, 0x04, "issuing_organisation", 12, Encoding.BINARY),
    RecordSpec(EF05, 0x05, "issue_date", 4, Encoding.BCD),
    RecordSpec(EF05, 0x06, "expiry_date", 4, Encoding.BCD),
    RecordSpec(EF05, 0x07, "card_number", 9, Encoding.ASCII),
    RecordSpec(EF06, 0x08, "social_security_number", 18, Encoding.ASCII),
    RecordSpec(EF06, 0x09, "name", 30, Encoding.GBK),
    RecordSpec(EF06, 0x0A, "gender", 1, Encoding.ASCII),
    RecordSpec(EF06, 0x0B, "nation_code", 1, Encoding.BINARY),
    RecordSpec(EF06, 0x0C, "birthplace_region", 3, Encoding.BCD),
    RecordSpec(EF06, 0x0D, "birth_date", 4, Encoding.BCD),
)
DATE_FIELDS = frozenset({"issue_date", "expiry_date", "birth_date"})


@dataclass(frozen=True)
class SsCardData:
    """What the chip says, decoded. Personal fields stay out of repr so they never reach a log."""

    card_identification_code: str
    card_type: str
    spec_version: str
    issuing_organisation: str
    issue_date: date
    expiry_date: date
    card_number: str = field(repr=False)
    social_security_number: str = field(repr=False)
    name: str = field(repr=False)
    gender: str = field(repr=False)
    nation_code: int = field(repr=False)
    birthplace_region: str = field(repr=False)
    birth_date: date = field(repr=False)

    @property
    def region(self) -> str:
        """The issuing region: the first six hex digits of the card identification code."""
        return self.card_identification_code[:6]


DATE_RANGES = {
    "issue_date": (date(1990, 1, 1), date(2099, 12, 31)),
    "expiry_date": (date(1990, 1, 1), date(2199, 12, 31)),
    "birth_date": (date(1900, 1, 1), date(2099, 12, 31)),
}
"""Plausible years per date field: no social security card before 1990, nobody born before 1900."""
NATION_CODES = frozenset(range(1, 57)) | {97, 98}
"""GB 3304: the 56 nations, 97 其他 and 98 外国血统中国籍人士."""
_ASCII_RULES = {
    "card_type": "an upper-case letter or digit",
    "spec_version": "a version like 3.00",
    "card_number": "upper-case letters and digits",
    "social_security_number": "17 digits and a digit or X",
    "gender": "one digit",
}


def _bcd_digits(raw: bytes, field_name: str) -> str:
    digits = raw.hex()
    if not (digits.isdigit() and digits.isascii()):
        raise MalformedCardResponse(f"{field_name} is not BCD")
    return digits


def _upper_alnum(text: str) -> bool:
    return text.isascii() and all(c.isdigit() or "A" <= c <= "Z" for c in text)


def _ascii_valid(field_name: str, text: str) -> bool:
    if field_name == "card_type":
        return _upper_alnum(text)
    if field_name == "spec_version":
        return text[0].isdigit() and text[1] == "." and text[2:].isdigit()
    if field_name == "card_number":
        return _upper_alnum(text)
    if field_name == "social_security_number":
        return text[:17].isdigit() and text[17] in "0123456789X"
    if field_name == "gender":
        return text.isdigit()
    return text.isprintable()


_UNCLEAN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zs", "Zl", "Zp"})


def is_clean_text(text: str) -> bool:
    """Printable text: no control, format, unassigned or surrogate code points, no line
    breaks; the only spaces are the ASCII and the ideographic one."""
    return all(c in " \u3000" or unicodedata.category(c) not in _UNCLEAN_CATEGORIES for c in text)


def _decode_text(spec: RecordSpec, raw: bytes) -> str:
    """ASCII or GBK text, checked against what the field may hold."""
    try:
        if spec.encoding is Encoding.ASCII:
            text = raw.decode("ascii")
            if not _ascii_valid(spec.field, text):
                raise MalformedCardResponse(f"{spec.field} is not {_ASCII_RULES[spec.field]}")
            return text
        name = raw.rstrip(b"\x00").decode("gbk").strip(" \u3000")
    except UnicodeDecodeError as exc:
        raise MalformedCardResponse(f"{spec.field} is not {spec.encoding.value}") from exc
    if not is_clean_text(name):
        raise MalformedCardResponse(f"{spec.field} is not a printable name")
    return name


def decode_value(spec: RecordSpec, raw: bytes) -> str | int | date:
    """One record's value, checked against the SSSE table; MalformedCardResponse (naming the
    field, never its content) for anything else."""
    if len(raw) != spec.length:
        raise MalformedCardResponse(f"{spec.field} has {len(raw)} bytes, expected {spec.length}")
    if spec.field == "nation_code":
        if raw[0] not in NATION_CODES:
            raise MalformedCardResponse("nation_code is not a GB 3304 code")
        return raw[0]
    if spec.field == "card_identification_code":
        _bcd_digits(raw[:3], "region")  # the first six hex digits are the issuing region
        return raw.hex().upper()
    if spec.encoding is Encoding.BINARY:
        return raw.hex().upper()
    if spec.encoding is Encoding.ASCII or spec.encoding is Encoding.GBK:
        return _decode_text(spec, raw)
    digits = _bcd_digits(raw, spec.field)
    if spec.field in DATE_FIELDS:
        try:
            value = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            raise MalformedCardResponse(f"{spec.field} is not a date") from None
        earliest, latest = DATE_RANGES[spec.field]
        if not earliest <= value <= latest:
            raise MalformedCardResponse(f"{spec.field} is out of range")
        return value
    return digits


def encode_value(spec: RecordSpec, value: str | int | date) -> bytes:
    """The inverse of decode_value; used by the virtual card and by personalisation."""
    if spec.field == "nation_code":
        assert isinstance(value, int)
        raw = bytes([value])
    elif isinstance(value, date):
        raw = bytes.fromhex(value.strftime("%Y%m%d"))
    elif spec.encoding is Encoding.BINARY or spec.encoding is Encoding.BCD:
        raw = bytes.fromhex(str(value))
    elif spec.encoding is Encoding.ASCII:
        raw = str(value).encode("ascii")
    else:
        raw = str(value).encode("gbk").ljust(spec.length, b"\x00")
    if len(raw) != spec.length:
        raise ValueError(f"{spec.field} encodes to {len(raw)} bytes, expected {spec.length}")
    return raw


def encode_card(data: SsCardData) -> dict[tuple[int, int], bytes]:
    """Every record of the card as (file id, record number) -> value bytes."""
    return {
        (spec.file_id, spec.number): encode_value(spec, getattr(data, spec.field))
        for spec in RECORDS
    }


def decode_card(values: dict[str, bytes]) -> SsCardData:
    """Every record decoded and checked, then checked together: a card does not expire before
    it was issued, nor is it issued before its holder was born."""
    missing = [spec.field for spec in RECORDS if spec.field not in values]
    if missing:
        raise MalformedCardResponse(f"{missing[0]} missing")
    fields = {spec.field: decode_value(spec, values[spec.field]) for spec in RECORDS}
    data = SsCardData(**fields)  # type: ignore[arg-type]
    if data.expiry_date <= data.issue_date:
        raise MalformedCardResponse("expiry_date is not after issue_date")
    if data.issue_date < data.birth_date:
        raise MalformedCardResponse("issue_date is before birth_date")
    return data
