"""The SSSE files EF05/EF06: record layout, and the card data type decoded from them."""

from __future__ import annotations

import enum
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


def _bcd_digits(raw: bytes, field_name: str) -> str:
    digits = raw.hex()
    if not digits.isdigit():
        raise MalformedCardResponse(f"{field_name} is not BCD")
    return digits


def decode_value(spec: RecordSpec, raw: bytes) -> str | int | date:
    if len(raw) != spec.length:
        raise MalformedCardResponse(f"{spec.field} has {len(raw)} bytes, expected {spec.length}")
    try:
        if spec.field == "nation_code":
            return raw[0]
        if spec.encoding is Encoding.BINARY:
            return raw.hex().upper()
        if spec.encoding is Encoding.ASCII:
            text = raw.decode("ascii")
            if not text.isprintable():
                raise MalformedCardResponse(f"{spec.field} is not printable ASCII")
            return text
        if spec.encoding is Encoding.GBK:
            return raw.rstrip(b"\x00").decode("gbk").strip()
    except UnicodeDecodeError as exc:
        raise MalformedCardResponse(f"{spec.field} is not {spec.encoding.value}") from exc
    digits = _bcd_digits(raw, spec.field)
    if spec.field in DATE_FIELDS:
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError as exc:
            raise MalformedCardResponse(f"{spec.field} is not a date") from exc
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
    fields = {spec.field: decode_value(spec, values[spec.field]) for spec in RECORDS}
    return SsCardData(**fields)  # type: ignore[arg-type]
