"""Look and size: one stylesheet built from a Theme, standard or elder (适老) mode.

Sizes in points at 96 dpi (18 pt = 24 px): no text a citizen reads is under 18 pt, no title under
30 pt (issue 14); elder mode larger still. Touch targets ≥ 60 px (elder 96), contrast ≥ 4.5:1.
tests/ui/test_text_fits.py measures every screen with these fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FONT_FILES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)

# Colours: every text/background pair used below is listed in Theme.contrast_pairs.
INK = "#1A1A1A"
PAPER = "#F4F6F9"
WHITE = "#FFFFFF"
PRIMARY = "#0A4A94"
PRIMARY_DARK = "#073469"
MUTED_INK = "#44505E"
DISABLED_BG = "#E2E6EB"
DANGER = "#A1261B"
SUCCESS = "#1B6B3A"
SELECTED_BG = "#DCE8F7"
WARNING_BG = "#FFF4D6"
WARNING_INK = "#6B4500"
ONLINE_ON_DARK = "#A8F0BE"
OFFLINE_ON_DARK = "#FFD27A"


@dataclass(frozen=True)
class Theme:
    elder: bool
    keyboard: bool = False
    """A staff laptop's keyboard: the control with the focus is marked (the kiosk's touch
    screen marks none, or a touched button would stay marked)."""

    @property
    def heading_pt(self) -> int:
        return 38 if self.elder else 30

    @property
    def body_pt(self) -> int:
        return 24 if self.elder else 18

    @property
    def button_pt(self) -> int:
        return 28 if self.elder else 20

    @property
    def small_pt(self) -> int:
        """Secondary text (codes, hints, step names): never under 18 pt (24 px)."""
        return 22 if self.elder else 18

    @property
    def target_px(self) -> int:
        """Smallest side of anything a finger must hit."""
        return 96 if self.elder else 64

    @property
    def bar_target_px(self) -> int:
        """The top bar's switches: smaller than content targets, still ≥ 60 px."""
        return 72 if self.elder else 60

    @property
    def key_px(self) -> int:
        return 104 if self.elder else 80

    @property
    def contrast_pairs(self) -> tuple[tuple[str, str], ...]:
        """(foreground, background) pairs the stylesheet uses."""
        return (
            (INK, PAPER),
            (INK, WHITE),
            (MUTED_INK, PAPER),
            (MUTED_INK, WHITE),
            (WHITE, PRIMARY),
            (WHITE, PRIMARY_DARK),
            (PRIMARY, WHITE),
            (MUTED_INK, DISABLED_BG),
            (WHITE, DANGER),
            (DANGER, PAPER),
            (SUCCESS, WHITE),
            (SUCCESS, PAPER),
            (PRIMARY, SELECTED_BG),
            (INK, SELECTED_BG),
            (WARNING_INK, WARNING_BG),
            (ONLINE_ON_DARK, PRIMARY_DARK),
            (OFFLINE_ON_DARK, PRIMARY_DARK),
        )

    @property
    def hint_ink(self) -> str:
        """Hints and secondary lines: grey in standard mode, full ink in elder mode, where a
        reader with poor eyesight loses a grey line first."""
        return INK if self.elder else MUTED_INK

    def stylesheet(self) -> str:
        h, b, btn, small, t = (
            self.heading_pt, self.body_pt, self.button_pt, self.small_pt, self.target_px,
        )  # fmt: skip
        return f"""
        QWidget {{ color: {INK}; font-size: {b}pt; }}
        QMainWindow, #Screen, #Shell, #Page, QScrollArea {{ background: {PAPER}; }}
        #Heading {{ font-size: {h}pt; font-weight: bold; }}
        #Subheading {{ font-size: {b + 2}pt; font-weight: bold; }}
        #Muted {{ color: {self.hint_ink}; font-size: {small}pt; }}
        #Code {{ color: {MUTED_INK}; font-size: {small}pt; }}
        #Warning {{ color: {WARNING_INK}; background: {WARNING_BG}; padding: 12px;
                    border-radius: 8px; font-weight: bold; }}
        #Banner {{ color: {WARNING_INK}; background: {WARNING_BG}; padding: 12px;
                    border: 2px solid {WARNING_INK}; border-radius: 8px; font-weight: bold; }}
        #TopBar QLabel#Online {{ color: {ONLINE_ON_DARK}; font-weight: bold; }}
        #TopBar QLabel#Offline {{ color: {OFFLINE_ON_DARK}; font-weight: bold; }}
        #Fault {{ color: {DANGER}; font-weight: bold; }}
        #ErrorTitle {{ color: {DANGER}; font-size: {h}pt; font-weight: bold; }}
        #ErrorMark {{ color: {DANGER}; font-size: {h * 2}pt; font-weight: bold; }}
        #Big {{ font-size: {h + 6}pt; font-weight: bold; color: {PRIMARY}; }}
        #Amount {{ font-size: {b}pt; font-weight: bold; }}
        #SuccessMark {{ font-size: {h}pt; }}
        #Reminder {{ font-size: {b + 2}pt; font-weight: bold; }}
        #Typed {{ font-size: {h + 6}pt; font-weight: bold; color: {PRIMARY}; background: {WHITE};
                  border: 2px solid {PRIMARY}; border-radius: 8px; padding: 8px 16px; }}
        #TopBar {{ background: {PRIMARY_DARK}; }}
        #TopBar QLabel {{ color: {WHITE}; font-size: {b}pt; }}
        #TopBar #Brand {{ font-size: {b + 2}pt; font-weight: bold; }}
        QPushButton {{ min-height: {t}px; min-width: {t}px; font-size: {btn}pt;
                       border-radius: 10px; padding: 6px 18px;
                       background: {WHITE}; color: {PRIMARY}; border: 2px solid {PRIMARY}; }}
        QPushButton:pressed {{ background: {DISABLED_BG}; }}
        QPushButton#Primary, QPushButton:default {{ background: {PRIMARY}; color: {WHITE};
                       border: 2px solid {PRIMARY}; }}
        QPushButton#Primary:pressed {{ background: {PRIMARY_DARK}; }}
        QPushButton:disabled, QPushButton#Primary:disabled {{ background: {DISABLED_BG};
                       color: {MUTED_INK}; border: 2px solid {DISABLED_BG}; }}
        #TopBar QPushButton {{ background: {PRIMARY_DARK}; color: {WHITE};
                       border: 2px solid {WHITE}; font-size: {b}pt;
                       min-height: {self.bar_target_px}px; min-width: {self.bar_target_px}px; }}
        #TopBar QPushButton:checked {{ background: {WHITE}; color: {PRIMARY}; }}
        QPushButton#Tile {{ background: {WHITE}; border: 2px solid {PRIMARY}; }}
        QPushButton#Tile:checked {{ background: {SELECTED_BG}; border: 6px solid {PRIMARY}; }}
        QPushButton#Tile:disabled {{ background: {DISABLED_BG}; border: 2px dashed {MUTED_INK}; }}
        #TileName {{ font-size: {b + 6}pt; font-weight: bold; color: {PRIMARY}; }}
        #TileHint {{ font-size: {b}pt; color: {INK}; }}
        #TileNameOff {{ font-size: {b + 6}pt; font-weight: bold; color: {MUTED_INK}; }}
        #TileHintOff {{ font-size: {b}pt; color: {MUTED_INK}; }}
        QPushButton#Key {{ font-size: {h}pt; font-weight: bold; min-height: {self.key_px}px;
                       min-width: {self.key_px}px; }}
        QPushButton#Grade {{ font-weight: bold; min-height: {self.key_px}px; }}
        QPushButton#Segment {{ border-radius: 0px; }}
        QPushButton#Segment:checked {{ background: {PRIMARY}; color: {WHITE}; }}
        #StepBar QLabel {{ font-size: {small}pt; color: {MUTED_INK}; padding: 6px 12px; }}
        #StepBar QLabel#Current {{ color: {WHITE}; background: {PRIMARY};
                       border-radius: 14px; font-weight: bold; }}
        #Panel {{ background: {WHITE}; border: 1px solid {DISABLED_BG}; border-radius: 12px; }}
        #Overlay {{ background: rgba(0, 0, 0, 150); }}
        #Locked {{ background: {PRIMARY_DARK}; }}
        #StaffBar {{ background: {SELECTED_BG}; }}
        #Dialog {{ background: {WHITE}; border-radius: 16px; }}
        #DemoTray {{ background: {WARNING_BG}; }}
        #DemoTray QLabel {{ color: {WARNING_INK}; font-size: 12pt; }}
        #DemoTray QPushButton {{ min-height: 36px; min-width: 36px; font-size: 11pt;
                       padding: 2px 8px; }}
        #DemoTray QPushButton:checked {{ background: {PRIMARY}; color: {WHITE}; }}
        QTableWidget {{ background: {WHITE}; gridline-color: {DISABLED_BG};
                       font-size: {b}pt; }}
        QHeaderView {{ font-size: {small}pt; font-weight: bold; }}
        QHeaderView::section {{ background: {PAPER}; color: {INK}; font-size: {small}pt;
                       font-weight: bold; padding: 6px; border: none; }}
        QScrollBar:vertical {{ width: {t // 2}px; }}
        """ + (self._focus_rules() if self.keyboard else "")

    @staticmethod
    def _focus_rules() -> str:
        """A dashed ring, not a fill: a filled tile would read as chosen. The same border width
        as unfocused, so that nothing moves as the focus does."""
        return f"""
        QPushButton:focus, QPushButton#Tile:focus {{ border: 2px dashed {WARNING_INK}; }}
        QPushButton#Primary:focus {{ background: {PRIMARY_DARK}; color: {WHITE};
                       border: 2px dashed {WARNING_BG}; }}
        QTableWidget:focus {{ border: 2px solid {WARNING_INK}; }}
        """


def load_fonts(app: QApplication) -> str | None:
    """Registers a CJK font and makes it the default; None when no CJK font is installed."""
    for path in CJK_FONT_FILES:
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                app.setFont(QFont(families[0]))
                return families[0]
    return None


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
