"""Place names in English (ui.i18n.places): Pinyin as China's own English signs write it."""

from __future__ import annotations

import pytest

from ui.i18n.places import english_place, english_region, pinyin


@pytest.mark.parametrize(
    ("code", "english"),
    [
        ("440304", "Futian District, Shenzhen, Guangdong"),
        ("320102", "Xuanwu District, Nanjing, Jiangsu"),
        ("110105", "Chaoyang District, Beijing"),  # a municipality: no prefecture between
        ("610113", "Yanta District, Xi'an, Shaanxi"),  # Shaanxi, not Shanxi; Xi'an, not Xian
        ("500101", "Wanzhou District, Chongqing"),
        ("440000", "Guangdong"),
    ],
)
def test_a_region_code_reads_as_its_places_smallest_first(code: str, english: str) -> None:
    assert english_region(code) == english


def test_a_code_no_table_knows_has_no_name() -> None:
    assert english_region("999999") is None
    assert english_region("44030") is None


def test_the_kind_of_place_is_said_in_english() -> None:
    assert english_place("武昌区") == "Wuchang District"
    assert english_place("勐腊县") == "Mengla County"
    assert english_place("深圳市") == "Shenzhen"
    assert english_place("兴安盟") == "Xing'an League"


def test_pinyin_marks_a_syllable_that_starts_with_a_vowel() -> None:
    assert pinyin("西安") == "Xi'an"
    assert pinyin("绿春") == "Lüchun"
