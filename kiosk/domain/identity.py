"""Resident ID numbers (GB 11643) and how personal identifiers are masked for display and logs."""

from __future__ import annotations

import functools
import itertools
from datetime import date

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

EARLIEST_BIRTH = date(1900, 1, 1)
MAX_INPUT_LENGTH = 64
"""Typed input longer than this is not an ID number, whatever spaces it holds."""


class InvalidIdNumber(ValueError):
    code = "id_number.invalid"

    def __init__(self) -> None:
        # Never echo the number itself: it is personal data.
        super().__init__(self.code)


def validate_id_number(value: str) -> str:
    """The 18-character number in canonical form (upper-case X), or InvalidIdNumber.

    Checks length, ASCII digits, checksum, a real birth date from 1900 to today and that the
    region code exists. Any text gives the number or InvalidIdNumber, nothing else. Unlike
    `ric.validate` it does not require the region code to have existed in the birth year: numbers
    carry the code of the place of registration, so a pensioner born in 1948 in a district
    created in 1990 holds a valid number that `ric.validate` rejects.
    """
    if len(value) > MAX_INPUT_LENGTH:
        raise InvalidIdNumber()
    number: str = ric.compact(value)
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        raise InvalidIdNumber()
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidIdNumber()
    try:
        born: date = ric.get_birth_date(number)
    except ValidationError as exc:
        raise InvalidIdNumber() from exc
    if not EARLIEST_BIRTH <= born <= date.today():
        raise InvalidIdNumber()
    if not _region_known(number[:6]):
        raise InvalidIdNumber()
    return number


def _region_known(code: str) -> bool:
    found = numdb.get("cn/loc").info(code)
    return any("county" in props for _, props in found)


def birth_date_of(id_number: str) -> date:
    born: date = ric.get_birth_date(id_number)
    return born


def mask_id_number(id_number: str) -> str:
    """`510104194803120029` -> `5101**********0029`: region prefix and last four kept."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_name(name: str) -> str:
    """`王秀兰` -> `王**`: the family name alone stays readable."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


def mask_card_number(card_number: str) -> str:
    if len(card_number) <= 4:
        return "*" * len(card_number)
    return card_number[:1] + "*" * (len(card_number) - 4) + card_number[-3:]


def mask_mobile(mobile: str) -> str:
    """`13800000004` -> `138****0004`, as Chinese banks and carriers print it."""
    if len(mobile) != 11:
        return "*" * len(mobile)
    return mobile[:3] + "****" + mobile[-4:]


ADMINISTRATIVE_LEVELS = 3
"""Province, prefecture, county: as much of an address as a bystander may read."""


def mask_address(address: str) -> str:
    """`广东省深圳市福田区福华路1号` -> `广东省深圳市福田区****`: the administrative divisions at
    its start (GB/T 2260 names) stay, the street and number do not. An address that starts with
    no known division keeps its first two characters."""
    names = _division_names()
    kept = 0
    for _ in range(ADMINISTRATIVE_LEVELS):
        longest = max((n for n in range(2, 9) if address[kept : kept + n] in names), default=0)
        if not longest:
            break
        kept += longest
    kept = kept or min(2, len(address))
    return address[:kept] + "*" * min(4, len(address) - kept)


@functools.cache
def _division_names() -> frozenset[str]:
    """Every province, prefecture and county name GB/T 2260 has used (python-stdnum's table)."""
    names: set[str] = set()
    for _length, _low, _high, province, counties in numdb.get("cn/loc").prefixes:
        names.add(province["province"])
        for _length, _low, _high, county, _ in counties:
            # '[1983-1989]上埗区办事处,[1990-]福田区': each name, without its period.
            names.update(part.rpartition("]")[2] for part in county["county"].split(","))
    names.discard("市辖区")  # "the city's districts" is a grouping row, not a place
    return frozenset(names)


def region_name(code: str) -> str | None:
    """A GB/T 2260 region code as the place's current name, `440304` -> `广东省深圳市福田区`
    (province, prefecture, county as far as the code goes); None for a code no table knows."""
    levels = region_levels(code)
    return None if levels is None else "".join(levels)


def region_levels(code: str) -> list[str] | None:
    """The places a region code names, largest first, `440304` -> 广东省, 深圳市, 福田区; None
    for a code no table knows."""
    if len(code) != 6 or not (code.isascii() and code.isdigit()):
        return None
    levels = dict.fromkeys((code[:2] + "0000", code[:4] + "00", code))
    names = [_current_name(level) for level in levels]
    if None in names:
        return None
    return list(dict.fromkeys(n for n in names if n and n != "市辖区"))


def _current_name(code: str) -> str | None:
    """The name python-stdnum's table gives a code today: '[1983-1989]上埗区办事处,[1990-]福田区'
    -> '福田区'; None for a code it does not list."""
    info = numdb.get("cn/loc").info(code)
    county = info[1][1].get("county") if len(info) == 2 else None
    return None if county is None else county.split(",")[-1].rpartition("]")[2]


def is_mobile_number(text: str) -> bool:
    """A mainland mobile number: 11 digits starting with 1."""
    return len(text) == 11 and text.isdigit() and text.isascii() and text[0] == "1"


def age_on(born: date, on: date) -> int:
    """Completed years of age on a day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_weak_pin(pin: str) -> bool:
    """Not 6 digits, or guessable: one digit repeated, or a run up or down (123456, 654321)."""
    if len(pin) != 6 or not (pin.isascii() and pin.isdigit()):
        return True
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    return steps in ({0}, {1}, {-1})
