"""Every code a citizen can meet has its own words, in both languages: nobody sees the generic
"something went wrong" for a known code."""

import re

import pytest
from pytestqt.qtbot import QtBot

from kiosk.codes import Code, every_code
from ui.i18n import Language, Translations
from ui.i18n.texts import error_text

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def translations(qtbot: QtBot) -> Translations:
    words = Translations()
    yield words
    words.uninstall()


@pytest.mark.parametrize("code", sorted(every_code()))
def test_every_code_has_words_of_its_own_in_both_languages(
    code: str, translations: Translations
) -> None:
    translations.install(Language.EN)
    generic = error_text("no.such_code")
    english = error_text(code)
    if code != Code.INTERNAL_ERROR:
        assert english != generic, f"{code} falls back to the generic words"
    translations.install(Language.ZH_CN)
    chinese = error_text(code)
    assert CJK.search(chinese.title) and CJK.search(chinese.advice), f"{code} not in Chinese"


def test_the_vocabulary_is_whole() -> None:
    """The families the flows end on are all there (a walk that found nothing would pass)."""
    codes = every_code()
    for expected in (
        "card.absent",
        "printer.media_empty",
        "issuer.jammed",
        "queue.full",
        "person.not_found",
        "liveness.too_fast",
        "receipt_printer.paper_out",
    ):
        assert expected in codes


def test_printed_documents_use_the_words_the_screen_shows_in_chinese(
    translations: Translations,
) -> None:
    """What the receipt or certificate prints for an insurance, a state or a request is what
    the Chinese screen said for it."""
    from kiosk.central.codes import InsuranceKind, InsuredState
    from kiosk.documents import words
    from ui.i18n.texts import insurance, insured_state, operation_name

    translations.install(Language.ZH_CN)
    on_screen = {
        **{kind.value: insurance(kind) for kind in InsuranceKind},
        **{state.value: insured_state(state) for state in InsuredState},
        **{operation: operation_name(operation) for operation in words.OPERATION},
    }
    printed = {**words.INSURANCE, **words.INSURED_STATE, **words.OPERATION}
    assert {k: on_screen[k] for k in printed} == printed


@pytest.mark.parametrize(
    ("language", "expected_day", "expected_month"),
    [
        (Language.EN, "7 Dec 2026", "Dec 2026"),
        (Language.ZH_CN, "2026年12月7日", "2026年12月"),
    ],
)
def test_dates_read_as_the_language_writes_them(
    translations: Translations, language: Language, expected_day: str, expected_month: str
) -> None:
    """No US dates: 12/7/2026 is 7 December to some readers and 12 July to others."""
    from datetime import date

    from ui.i18n import format as fmt

    translations.install(language)
    assert fmt.day(date(2026, 12, 7)) == expected_day
    assert fmt.month(date(2026, 12, 7)) == expected_month
    assert fmt.year_month(2027, 1) == {"7 Dec 2026": "Jan 2027"}.get(expected_day, "2027年1月")


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("440304", "广东省深圳市福田区"),  # its 1983-1989 name was 上埗区办事处
        ("440300", "广东省深圳市"),
        ("110101", "北京市东城区"),  # a municipality: no '市辖区' between
        ("440000", "广东省"),
        ("440399", "440399"),  # no such county: the code, not a wrong name
        ("99999", "99999"),
    ],
)
def test_a_place_is_shown_by_its_name(code: str, shown: str) -> None:
    from ui.i18n import format as fmt

    assert fmt.region(code) == shown
