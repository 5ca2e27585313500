"""The preview card of a shared link (Open Graph / Twitter): a 1200 × 630 PNG drawn with Pillow.

Generic on purpose: a mutirão's page and a collective's page both describe themselves as a
`Card` (kicker, title, lines, badge, accent colour) and get the same picture. The fonts are the
Bitstream Vera faces that reportlab ships (a permissive licence, see its
`fonts/bitstream-vera-license.txt`): nothing is downloaded or bundled twice.
"""

import hashlib
import re
from dataclasses import astuple, dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes: every card's key (and so its URL) changes with it.
RENDER_VERSION = "1"
FONT_DIR = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD = FONT_DIR / "Vera.ttf", FONT_DIR / "VeraBd.ttf"
INK, MUTED, PAPER, BRAND = (28, 25, 23), (87, 83, 78), (250, 250, 249), (23, 112, 61)
MARGIN = 72
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, kw_only=True)
class Card:
    title: str
    kicker: str = ""  # above the title: the category, "Coletivo"…
    lines: tuple[str, ...] = ()  # under the title: date, place…
    badge: str = ""  # bottom right: spots left, "Cancelado"…
    accent: str = "#17703d"


def card_key(card: Card) -> str:
    """A digest of what the card shows: it changes exactly when the picture would."""
    return hashlib.sha256(repr((RENDER_VERSION, astuple(card))).encode()).hexdigest()[:16]


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _colour(value: str) -> tuple[int, int, int]:
    value = value if HEX_COLOUR.match(value) else "#17703d"
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text, cut with an ellipsis to fit the width."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Words in at most `lines` lines of the width; the last one cut with an ellipsis."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words:
        out[-1] = _fit(draw, f"{out[-1]} {' '.join(words)}", font, width)
    return [_fit(draw, line, font, width) for line in out]


def card_render(card: Card) -> bytes:
    """The card as PNG bytes (1200 × 630)."""
    accent = _colour(card.accent)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 18), fill=accent)
    draw.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=BRAND)
    inner = WIDTH - 2 * MARGIN
    y = 70
    if card.kicker:
        draw.text(
            (MARGIN, y), _fit(draw, card.kicker.upper(), _font(BOLD, 30), inner), font=_font(BOLD, 30), fill=accent
        )
        y += 58
    title_font = _font(BOLD, 64)
    for line in _wrap(draw, card.title, title_font, inner, 3):
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 78
    y += 18
    for line in card.lines[:3]:
        draw.text((MARGIN, y), _fit(draw, line, _font(REGULAR, 36), inner), font=_font(REGULAR, 36), fill=MUTED)
        y += 50
    draw.text((MARGIN, HEIGHT - 72), "Mutirões", font=_font(BOLD, 44), fill=PAPER)
    if card.badge:
        badge_font = _font(BOLD, 34)
        text = _fit(draw, card.badge, badge_font, inner // 2)
        width = int(draw.textlength(text, font=badge_font))
        left = WIDTH - MARGIN - width - 48
        draw.rounded_rectangle((left, HEIGHT - 80, WIDTH - MARGIN, HEIGHT - 16), radius=32, fill=PAPER)
        draw.text((left + 24, HEIGHT - 70), text, font=badge_font, fill=BRAND)
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
