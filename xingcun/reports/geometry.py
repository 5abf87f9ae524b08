"""Page geometry of the 党政机关公文格式 (GB/T 9704-2012), shared by the DOCX and the PDF output.

A4 paper, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm text block that
holds 22 lines of 28 characters of 3号 (16 pt) type. Word expresses the grid as a `w:docGrid` of
type linesAndChars: `linePitch` in twentieths of a point, and `charSpace`, the difference between
the character pitch and the font size in 4096ths of a point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4
TWIPS_PER_INCH = 1440
PT_PER_INCH = 72


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_INCH / MM_PER_INCH)


@dataclass(frozen=True)
class FontSize:
    name: str  # the Chinese size name
    pt: float


SIZE_2 = FontSize("二号", 22)
SIZE_3 = FontSize("三号", 16)
SIZE_4 = FontSize("四号", 14)


@dataclass(frozen=True)
class PageGeometry:
    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 37
    bottom_mm: float = 35
    left_mm: float = 28
    right_mm: float = 26
    lines: int = 22
    chars: int = 28
    font_pt: float = SIZE_3.pt
    footer_gap_mm: float = 7  # page number: 7 mm below the text block

    @property
    def body_width_twips(self) -> int:
        return mm_to_twips(self.width_mm) - mm_to_twips(self.left_mm) - mm_to_twips(self.right_mm)

    @property
    def body_height_twips(self) -> int:
        return mm_to_twips(self.height_mm) - mm_to_twips(self.top_mm) - mm_to_twips(self.bottom_mm)

    @property
    def line_pitch_twips(self) -> int:
        """Rounded down so that `lines` lines always fit (579 twips = 28.95 pt for the standard)."""
        return self.body_height_twips // self.lines

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / 20

    @property
    def char_pitch_pt(self) -> float:
        """Rounded down to 1/100 pt so that `chars` characters always fit on a line."""
        return math.floor(self.body_width_twips / self.chars / 20 * 100) / 100

    @property
    def char_space(self) -> int:
        """`w:charSpace`: (character pitch − font size) in 4096ths of a point (−842 here)."""
        exact_pitch_pt = self.body_width_twips / self.chars / 20
        return math.floor((exact_pitch_pt - self.font_pt) * 4096)

    @property
    def char_spacing_twips(self) -> int:
        """`w:spacing` of a body run in twentieths of a point, rounded down so that `chars`
        characters always fit (−5 = −0.25 pt for the standard: 28 × 15.75 pt ≤ 156 mm)."""
        exact = (self.body_width_twips / self.chars / 20 - self.font_pt) * 20
        return math.floor(exact)

    @property
    def letter_spacing_pt(self) -> float:
        """CSS letter-spacing that gives the same character pitch in the PDF."""
        return round(self.char_pitch_pt - self.font_pt, 3)


GB9704 = PageGeometry()
