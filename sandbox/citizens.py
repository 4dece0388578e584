"""The demo citizens: what the sandbox seeds (the demo makes their cards of it, demo/cards.py).

Names and numbers are invented; ID numbers follow GB 11643 so that validation passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric

from devices.smartcard.records import SsCardData
from kiosk.central.codes import CardStatus, Gender


@dataclass(frozen=True)
class DemoCard:
    card_number: str
    pin: str
    status: CardStatus
    issue_date: date
    expiry_date: date
    serial: int


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
    issued: date,
    serial: int,
    *,
    status: CardStatus = CardStatus.ACTIVE,
    expiry: date | None = None,
) -> DemoCard:
    expiry = expiry or date(issued.year + 10, issued.month, issued.day)
    return DemoCard(number, pin, status, issued, expiry, serial)


DEMO_CITIZENS: tuple[DemoCitizen, ...] = (
    DemoCitizen(
        "pensioner-due", "王秀兰", Gender.FEMALE, date(1948, 3, 12), "510104", 2, "汉",
        "四川省成都市锦江区春熙路88号", "13800000001",
        _card("D51000001", "123456", date(2019, 6, 1), 1),
    ),
    DemoCitizen(
        "pensioner-authenticated", "李建国", Gender.MALE, date(1952, 7, 1), "110105", 1, "汉",
        "北京市朝阳区建国路12号", "13800000002",
        _card("D11000002", "234567", date(2020, 3, 15), 2),
    ),
    DemoCitizen(
        "contributor", "张伟", Gender.MALE, date(1988, 5, 20), "440304", 3, "汉",
        "广东省深圳市福田区深南大道1001号", "13800000003",
        _card("D44000003", "345678", date(2021, 9, 1), 3),
    ),
    DemoCitizen(
        "not-enrolled", "陈静", Gender.FEMALE, date(2001, 9, 9), "320102", 4, "汉",
        "江苏省南京市玄武区中山路5号", "13800000004", None,
    ),
    DemoCitizen(
        "card-lost", "刘洋", Gender.MALE, date(1979, 11, 30), "330106", 5, "回",
        "浙江省杭州市西湖区文三路77号", "13800000005",
        _card("D33000005", "567890", date(2018, 4, 20), 5, status=CardStatus.REPORTED_LOST),
    ),
    DemoCitizen(
        "unpaid-year", "赵敏", Gender.FEMALE, date(1972, 2, 14), "420106", 6, "土家",
        "湖北省武汉市武昌区中南路9号", "13800000006",
        _card("D42000006", "678901", date(2022, 1, 10), 6),
    ),
    DemoCitizen(
        "card-expired", "孙丽", Gender.FEMALE, date(1965, 6, 6), "370102", 8, "汉",
        "山东省济南市历下区泉城路3号", "13800000007",
        _card("D37000007", "789012", date(2014, 5, 1), 7, expiry=date(2024, 5, 1)),
    ),
    DemoCitizen(
        "card-not-activated", "吴芳", Gender.FEMALE, date(1985, 4, 18), "320106", 10, "汉",
        "江苏省南京市鼓楼区湖南路20号", "13800000010",
        _card("D32000010", "135790", date(2026, 10, 8), 10, status=CardStatus.NOT_ACTIVATED),
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


def chip_data(citizen: DemoCitizen) -> SsCardData:
    """What the chip of this citizen's demo card holds (DESIGN.md, SSSE records)."""
    card = citizen.card
    if card is None:
        raise ValueError("this demo citizen has no card")
    issuing_region = citizen.region[:4] + "00"
    return SsCardData(
        card_identification_code=f"{issuing_region}D156000005{card.serial:016X}",
        card_type="3",
        spec_version="3.00",
        issuing_organisation=f"{issuing_region}{0:018X}",
        issue_date=card.issue_date,
        expiry_date=card.expiry_date,
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
