"""The CJK font every document embeds (Debian fonts-wqy-microhei, a TrueType collection)."""

from __future__ import annotations

from pathlib import Path

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILES = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)


class FontMissing(Exception):
    code = "documents.font_missing"


def cjk_font_file() -> Path:
    for path in FONT_FILES:
        if path.exists():
            return path
    raise FontMissing("install fonts-wqy-microhei")


def register_cjk_font() -> str:
    """Registers the font with reportlab once; its subset is embedded in every PDF."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path in FONT_FILES:
        if path.exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            return FONT_NAME
    raise FontMissing("install fonts-wqy-microhei")
