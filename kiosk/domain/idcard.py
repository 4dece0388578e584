"""The resident ID card (居民身份证) as the kiosk uses it: checked fields, dates, masks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from devices.idcard.message import IdCardData, is_clean_text
from kiosk.central.codes import Gender
from kiosk.codes import Code
from kiosk.domain.identity import (
    InvalidIdNumber,
    mask_id_number,
    mask_name,
    validate_id_number,
)
from kiosk.domain.person import CardRejected, gender_from_card_code

LONG_TERM = "长期"

# GB 3304-91: the 56 nations by code.
NATIONS = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
    "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
    "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip


NATION_CODES = frozenset({f"{n:02d}" for n in range(1, len(NATIONS) + 1)} | {"97", "98"})
"""GB 3304: the 56 nations, 97 其他 and 98 外国血统中国籍人士 (two ASCII digits)."""
MAX_NAME_CHARACTERS = 15
MAX_ADDRESS_CHARACTERS = 35
MAX_AUTHORITY_CHARACTERS = 15
"""The widths of the base message's fields (30, 70 and 30 bytes of UCS-2)."""
EARLIEST_BIRTH = date(1900, 1, 1)
EARLIEST_ISSUE = date(1984, 1, 1)
"""Resident ID cards exist since 1984."""


def nation_name(code: str) -> str:
    """'01' → 汉; an unknown code is shown as it is."""
    if code.isascii() and code.isdigit() and 1 <= int(code) <= len(NATIONS):
        return NATIONS[int(code) - 1]
    return code


def nation_code(name: str) -> str:
    return f"{NATIONS.index(name) + 1:02d}"


@dataclass(frozen=True)
class IdCard:
    id_number: str = field(repr=False)
    name: str = field(repr=False)
    gender: Gender = field(repr=False)
    nation: str
    birth_date: date = field(repr=False)
    address: str = field(repr=False)
    authority: str = field(repr=False)
    valid_from: date
    valid_until: date | None
    """None for a card valid for life (长期)."""
    photo_bytes: int

    @classmethod
    def from_reader(cls, data: IdCardData, today: date | None = None) -> IdCard:
        """Checks what the reader returned; CardRejected with a code when it does not hold.

        Every field against GA 467 / GB 11643: the ID number (check digit, region, birth date),
        a printable name of at most 15 characters, gender code 1 or 2, a GB 3304 nation code,
        real dates (born 1900 or later and not after `today`; issued 1984 or later, not before
        the holder's birth and not after `today`; valid after issue), and the ID number agreeing
        with the birth date and gender fields. The codes name the field's kind, not its content."""
        today = today or date.today()
        try:
            id_number = validate_id_number(data.id_number)
        except InvalidIdNumber:
            raise CardRejected(Code.IDCARD_BAD_ID_NUMBER) from None
        if not id_number.isascii():
            raise CardRejected(Code.IDCARD_BAD_ID_NUMBER)
        if not data.name:
            raise CardRejected(Code.IDCARD_NO_NAME)
        try:
            gender = gender_from_card_code(data.gender_code)
            if gender is None:
                raise ValueError("gender_code")
            if not _is_text(data.name, MAX_NAME_CHARACTERS):
                raise ValueError("name")
            if not _is_text(data.address, MAX_ADDRESS_CHARACTERS):
                raise ValueError("address")
            if not _is_text(data.authority, MAX_AUTHORITY_CHARACTERS):
                raise ValueError("authority")
            if data.nation_code not in NATION_CODES:
                raise ValueError("nation_code")
            born = _date(data.birth_date)
            valid_from = _date(data.valid_from)
            valid_until = None if data.valid_to == LONG_TERM else _date(data.valid_to)
            _check_dates(born, valid_from, valid_until, today)
            if id_number[6:14] != data.birth_date:
                raise ValueError("birth_date")
            if int(id_number[16]) % 2 != (1 if gender is Gender.MALE else 0):
                raise ValueError("gender_code")
        except ValueError:
            raise CardRejected(Code.IDCARD_BAD_FIELD) from None
        return cls(
            id_number=id_number,
            name=data.name,
            gender=gender,
            nation=nation_name(data.nation_code),
            birth_date=born,
            address=data.address,
            authority=data.authority,
            valid_from=valid_from,
            valid_until=valid_until,
            photo_bytes=len(data.photo_wlt),
        )

    def expired_on(self, today: date) -> bool:
        return self.valid_until is not None and today > self.valid_until

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def _date(text: str) -> date:
    """YYYYMMDD in ASCII digits, a real calendar day; ValueError (without the text) if not."""
    if len(text) != 8 or not text.isdigit() or not text.isascii():
        raise ValueError("date")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError("date") from None


def _check_dates(born: date, valid_from: date, valid_until: date | None, today: date) -> None:
    if not EARLIEST_BIRTH <= born <= today:
        raise ValueError("birth_date")
    if not EARLIEST_ISSUE <= valid_from <= today or valid_from < born:
        raise ValueError("valid_from")
    if valid_until is not None and valid_until <= valid_from:
        raise ValueError("valid_to")


def _is_text(text: str, longest: int) -> bool:
    return len(text) <= longest and is_clean_text(text) and text == text.strip(" \u3000")
