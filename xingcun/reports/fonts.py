"""Fonts of the 公文 format, and the fallback chains the PDF uses on servers without them.

The DOCX names the font offices have (`word`); the reader's Word renders it. The PDF is rendered
on the server, so its CSS lists the same font first and then fonts a Linux server is likely to
have: Noto CJK (Debian/Ubuntu `fonts-noto-cjk`), then WenQuanYi, then the generic family.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

FALLBACK = ("Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei")


@dataclass(frozen=True)
class FontRole:
    word: str  # the name written into the DOCX
    css: tuple[str, ...]  # the PDF's font-family chain, ending with a generic family

    @property
    def css_family(self) -> str:
        generic = {"serif", "sans-serif"}
        return ", ".join(name if name in generic else f'"{name}"' for name in self.css)


TITLE = FontRole("方正小标宋简体", ("方正小标宋简体", "FZXiaoBiaoSong-B05S", *FALLBACK, "serif"))
HEADING_1 = FontRole(
    "黑体", ("黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif")
)
HEADING_2 = FontRole(
    "楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312", "KaiTi", "AR PL UKai CN", *FALLBACK, "serif")
)
BODY = FontRole("仿宋_GB2312", ("FangSong_GB2312", "仿宋_GB2312", "FangSong", *FALLBACK, "serif"))
PAGE_NUMBER = FontRole("宋体", ("宋体", "SimSun", *FALLBACK, "serif"))
LATIN = "Times New Roman"  # the DOCX's font for digits and Latin letters


@cache
def cjk_fonts() -> tuple[str, ...]:
    """Families fontconfig knows that cover Chinese; empty when none (or no fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    result = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=10
    )
    names = {line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()}
    return tuple(sorted(names))
