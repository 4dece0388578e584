"""The base message of a resident ID card: 256 bytes of UCS-2 LE text, then the WLT photo.

Field widths in bytes: name 30, gender 2, nation 4, birth 16, address 70, ID number 36,
issuing authority 30, valid from 16, valid to 16, reserved 36. Text is space-padded. The
photo (1 024 bytes of WLT) stays opaque: decoding it needs the vendor's library.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from devices.idcard.errors import MalformedFrame

TEXT_BYTES = 256
PHOTO_BYTES = 1024
FIELDS = (
    ("name", 30),
    ("gender_code", 2),
    ("nation_code", 4),
    ("birth_date", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("reserved", 36),
)


@dataclass(frozen=True)
class IdCardData:
    """Raw fields as the card holds them. Dates are YYYYMMDD; `valid_to` may be 长期."""

    name: str = field(repr=False)
    gender_code: str
    nation_code: str
    birth_date: str = field(repr=False)
    address: str = field(repr=False)
    id_number: str = field(repr=False)
    authority: str = field(repr=False)
    valid_from: str
    valid_to: str
    photo_wlt: bytes = field(repr=False)


def is_clean_text(text: str) -> bool:
    """Printable text: no control, format, unassigned or surrogate code points, no line breaks;
    the only spaces are the ASCII and the ideographic one. Private-use characters stay: cards
    carry rare name characters there."""
    return all(c in " \u3000" or unicodedata.category(c) not in _UNCLEAN for c in text)


_UNCLEAN = frozenset({"Cc", "Cf", "Cs", "Cn", "Zs", "Zl", "Zp"})


def decode_message(data: bytes) -> IdCardData:
    """`data` is the read answer's data: text length (2, BE), photo length (2, BE), text,
    photo. Each text field must be whole UCS-2 LE characters of printable text; MalformedFrame
    names the first field that is not (never its content)."""
    if len(data) < 4:
        raise MalformedFrame("message header")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if (
        text_length != TEXT_BYTES
        or photo_length != PHOTO_BYTES
        or len(data) != 4 + text_length + photo_length
    ):
        raise MalformedFrame("message lengths")
    text = data[4 : 4 + TEXT_BYTES]
    values: dict[str, str] = {}
    offset = 0
    for name, width in FIELDS:
        try:
            value = text[offset : offset + width].decode("utf-16-le").rstrip(" \x00")
        except UnicodeDecodeError:
            raise MalformedFrame(f"field {name}") from None
        if name != "reserved" and not is_clean_text(value):
            raise MalformedFrame(f"field {name}")
        values[name] = value
        offset += width
    values.pop("reserved")
    return IdCardData(**values, photo_wlt=data[4 + TEXT_BYTES :])


def encode_message(card: IdCardData) -> bytes:
    """For the simulator: the read answer's data for `card`."""
    text = b""
    for name, width in FIELDS:
        value = "" if name == "reserved" else getattr(card, name)
        encoded = value.encode("utf-16-le")
        if len(encoded) > width:
            raise ValueError(f"{name} too long")
        text += encoded + " ".encode("utf-16-le") * ((width - len(encoded)) // 2)
    photo = card.photo_wlt
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
