"""What people type into import cells and what exports write back: part of the file format, the
same in every language, so that a file exported in one language imports in the other (yes/no
cells, dates written the Chinese way). Not messages, hence kept out of the catalogue."""

from __future__ import annotations

import re

YES, NO = "是", "否"
YES_WORDS = frozenset({YES, "Y", "y", "1", "TRUE", "true", "True", "yes", "Yes", "YES"})
NO_WORDS = frozenset({NO, "N", "n", "0", "FALSE", "false", "False", "no", "No", "NO"})

CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
