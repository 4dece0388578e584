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


def test_text_sizes_in_both_modes() -> None:
    """Issue 14: no text under 18 pt (24 px at 96 dpi), no title under 30 pt (40 px), and
    elder mode larger still; tests/ui/test_text_fits.py measures the screens themselves."""
    standard, elder = Theme(False), Theme(True)
    for theme in (standard, elder):
        assert theme.heading_pt >= 30
        assert min(theme.body_pt, theme.small_pt, theme.button_pt) >= 18
        assert min(theme.target_px, theme.bar_target_px, theme.key_px) >= 60
    for size in ("heading_pt", "body_pt", "small_pt", "button_pt", "target_px", "key_px"):
        assert getattr(elder, size) > getattr(standard, size), size


@pytest.mark.parametrize("elder", [False, True])
def test_no_font_size_in_the_stylesheet_under_18_pt(elder: bool) -> None:
    # The demo's card tray is the tester's tool, not the citizen's.
    rules = [r for r in Theme(elder).stylesheet().split("}") if "#DemoTray" not in r]
    sizes = [int(size) for rule in rules for size in re.findall(r"font-size: (\d+)pt", rule)]
    assert sizes and min(sizes) >= 18
    assert not re.search(r"font-size: \d+px", Theme(elder).stylesheet())


def test_contrast_formula_on_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_elder_mode_shows_hints_in_full_ink() -> None:
    """适老化: a grey hint is the first line a reader with poor eyesight loses."""
    from ui.theme import INK, MUTED_INK

    assert f"#Muted {{ color: {INK};" in Theme(elder=True).stylesheet()
    assert f"#Muted {{ color: {MUTED_INK};" in Theme(elder=False).stylesheet()
