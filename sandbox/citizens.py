"""The demo citizens: what the sandbox seeds (the demo makes their cards of it, demo/cards.py).

Names and numbers are invented; ID numbers follow GB 11643 so that validation passes. Birth
dates are fixed (the ID numbers carry them); every other date is placed relative to a `today`
given by whoever seeds or makes a card, so that each demo situation holds on any day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.cn import ric

from devices.smartcard.records import SsCardData
from kiosk.central.codes import CardStatus, Gender

CARD_VALID_YEARS = 10
YEAR = 365
"""Days; a card's distance from today is counted in days, so that no day of the year is special."""


@dataclass(frozen=True)
class DemoCard:
    card_number: str
    pin: str
    status: CardStatus
    expires_in_days: int
    """From the day the card is looked at to its expiry; negative: it expired that long ago."""
    serial: int

    def expiry_date(self, today: date) -> date:
        return today + timedelta(days=self.expires_in_days)

    def issue_date(self, today: date) -> date:
        """Ten years before it expires."""
        return years_before(self.expiry_date(today), CARD_VALID_YEARS)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class DemoCitizen:
    key: str
    name: str
    gender: Gender
    birth_date: date
    region: str
    """6-digit administrative division code of the household registration."""
    sequence: int
    nation: str
    address: str
    mobile: str
    card: DemoCard | None

    @property
    def id_number(self) -> str:
        body = f"{self.region}{self.birth_date:%Y%m%d}{self.sequence:03d}"
        # calc_check_digit takes the whole 18-character number and ignores its last character.
        return body + ric.calc_check_digit(body + "0")


def _card(
    number: str,
    pin: str,
    serial: int,
    *,
    expires_in_days: int,
    status: CardStatus = CardStatus.ACTIVE,
) -> DemoCard:
    return DemoCard(number, pin, status, expires_in_days, serial)


DEMO_CITIZENS: tuple[DemoCitizen, ...] = (
    DemoCitizen(
        "pensioner-due", "王秀兰", Gender.FEMALE, date(1948, 3, 12), "510104", 2, "汉",
        "四川省成都市锦江区春熙路88号", "13800000001",
        _card("D51000001", "123456", 1, expires_in_days=3 * YEAR),
    ),
    DemoCitizen(
        "pensioner-authenticated", "李建国", Gender.MALE, date(1952, 7, 1), "110105", 1, "汉",
        "北京市朝阳区建国路12号", "13800000002",
        _card("D11000002", "234567", 2, expires_in_days=4 * YEAR),
    ),
    DemoCitizen(
        "contributor", "张伟", Gender.MALE, date(1988, 5, 20), "440304", 3, "汉",
        "广东省深圳市福田区深南大道1001号", "13800000003",
        _card("D44000003", "345678", 3, expires_in_days=5 * YEAR),
    ),
    DemoCitizen(
        "not-enrolled", "陈静", Gender.FEMALE, date(2001, 9, 9), "320102", 4, "汉",
        "江苏省南京市玄武区中山路5号", "13800000004", None,
    ),
    DemoCitizen(
        "card-lost", "刘洋", Gender.MALE, date(1979, 11, 30), "330106", 5, "回",
        "浙江省杭州市西湖区文三路77号", "13800000005",
        _card(
            "D33000005", "567890", 5, expires_in_days=2 * YEAR, status=CardStatus.REPORTED_LOST
        ),
    ),
    DemoCitizen(
        "unpaid-year", "赵敏", Gender.FEMALE, date(1972, 2, 14), "420106", 6, "土家",
        "湖北省武汉市武昌区中南路9号", "13800000006",
        _card("D42000006", "678901", 6, expires_in_days=6 * YEAR),
    ),
    DemoCitizen(
        "card-expired", "孙丽", Gender.FEMALE, date(1965, 6, 6), "370102", 8, "汉",
        "山东省济南市历下区泉城路3号", "13800000007",
        _card("D37000007", "789012", 7, expires_in_days=-200),
    ),
    DemoCitizen(
        "card-not-activated", "吴芳", Gender.FEMALE, date(1985, 4, 18), "320106", 10, "汉",
        "江苏省南京市鼓楼区湖南路20号", "13800000010",
        _card(
            "D32000010", "135790", 10, expires_in_days=CARD_VALID_YEARS * YEAR - 60,
            status=CardStatus.NOT_ACTIVATED,
        ),  # issued about two months ago
    ),
    DemoCitizen(
        "no-card", "周平", Gender.MALE, date(1990, 8, 8), "430102", 9, "汉",
        "湖南省长沙市芙蓉区五一大道18号", "13800000009", None,
    ),
)  # fmt: skip


def demo_citizen(key: str) -> DemoCitizen:
    for citizen in DEMO_CITIZENS:
        if citizen.key == key:
            return citizen
    raise KeyError(key)


def chip_data(citizen: DemoCitizen, today: date) -> SsCardData:
    """What the chip of this citizen's demo card holds (DESIGN.md, SSSE records), for a card
    looked at on `today`."""
    card = citizen.card
    if card is None:
        raise ValueError("this demo citizen has no card")
    issuing_region = citizen.region[:4] + "00"
    return SsCardData(
        card_identification_code=f"{issuing_region}D156000005{card.serial:016X}",
        card_type="3",
        spec_version="3.00",
        issuing_organisation=f"{issuing_region}{0:018X}",
        issue_date=card.issue_date(today),
        expiry_date=card.expiry_date(today),
        card_number=card.card_number,
        social_security_number=citizen.id_number,
        name=citizen.name,
        gender="1" if citizen.gender is Gender.MALE else "2",
        nation_code=NATION_CODES[citizen.nation],
        birthplace_region=citizen.region,
        birth_date=citizen.birth_date,
    )


# GB 3304 codes of the nations the demo citizens belong to.
NATION_CODES = {"汉": 1, "回": 3, "土家": 15}


def bank_pan(citizen: DemoCitizen) -> str:
    """The bank card number of the financial account behind the citizen's social security card
    (the card is also a bank card). The demo's bank PIN is the card PIN."""
    from stdnum import luhn

    body = f"621700{citizen.sequence:03d}{DEMO_CITIZENS.index(citizen):06d}"
    return body + luhn.calc_check_digit(body)
