"""The face of a social security card as the issuer prints it: CR80 at 300 dpi (1012×638),
the photo on the left, name, social security number, card number and validity on the right.

Pillow draws it (the printer takes an image); the text uses the same embedded CJK font as the
certificates. Nothing is written to disk: the picture goes straight to the issuer."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kiosk.documents.fonts import cjk_font_file

if TYPE_CHECKING:  # Pillow loads with the first card face, not with the window
    from PIL.Image import Image as Picture

WIDTH, HEIGHT = 1012, 638
PHOTO_BOX = (60, 150, 300, 470)
"""Left, top, right, bottom: a 3:4 frame, 240×320 px (20×27 mm)."""
BLUE = (0, 82, 155)


@dataclass(frozen=True)
class CardFace:
    name: str = field(repr=False)
    social_security_number: str = field(repr=False)
    card_number: str = field(repr=False)
    valid_from: date
    valid_until: date
    photo_jpeg: bytes = field(repr=False)


def render_card_face(face: CardFace) -> bytes:
    """The card face as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    font_file = str(cjk_font_file())
    title = ImageFont.truetype(font_file, 56)
    label = ImageFont.truetype(font_file, 30)
    value = ImageFont.truetype(font_file, 38)
    card = Image.new("RGB", (WIDTH, HEIGHT), (250, 250, 246))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, WIDTH, 110), fill=BLUE)
    draw.text((60, 24), "中华人民共和国社会保障卡", font=title, fill="white")
    photo = Image.open(io.BytesIO(face.photo_jpeg)).convert("RGB")
    left, top, right, bottom = PHOTO_BOX
    card.paste(_fit(photo, right - left, bottom - top), (left, top))
    rows = (
        ("姓名", face.name),
        ("社会保障号码", face.social_security_number),
        ("社会保障卡号", face.card_number),
        ("有效期限", f"{face.valid_from:%Y.%m.%d}—{face.valid_until:%Y.%m.%d}"),
    )
    y = 150
    for caption, text in rows:
        draw.text((350, y), caption, font=label, fill=(90, 90, 90))
        draw.text((350, y + 36), text, font=value, fill="black")
        y += 96
    out = io.BytesIO()
    card.save(out, "PNG", optimize=False)
    return out.getvalue()


def _fit(photo: Picture, width: int, height: int) -> Picture:
    """Crops the photo to the frame's 3:4 around its centre and scales it in."""
    from PIL import Image

    w, h = photo.size
    target = width / height
    if w / h > target:
        new_w = int(h * target)
        photo = photo.crop(((w - new_w) // 2, 0, (w - new_w) // 2 + new_w, h))
    else:
        new_h = int(w / target)
        photo = photo.crop((0, (h - new_h) // 2, w, (h - new_h) // 2 + new_h))
    return photo.resize((width, height), Image.Resampling.LANCZOS)
