"""Accessibility numbers of DESIGN.md, checked on the theme itself."""

import re

import pytest

from ui.theme import Theme, contrast_ratio


@pytest.mark.parametrize("elder", [False, True])
def test_every_colour_pair_reaches_4_5_to_1(elder: bool) -> None:
    for foreground, background in Theme(elder).contrast_pairs:
        assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)


def test_every_colour_in_the_stylesheet_is_a_checked_pair() -> None:
    theme = Theme(False)
    sheet = theme.stylesheet()
    used = set(re.findall(r"#[0-9A-Fa-f]{6}", sheet))
    checked = {c for pair in theme.contrast_pairs for c in pair}
    assert used <= checked


def test_elder_mode_sizes() -> None:
    elder = Theme(True)
    assert elder.heading_pt >= 30
    assert elder.body_pt >= 18
    assert elder.small_pt >= 18
    assert min(elder.target_px, elder.bar_target_px, elder.key_px) >= 60
    standard = Theme(False)
    assert min(standard.target_px, standard.bar_target_px, standard.key_px) >= 60


def test_contrast_formula_on_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
