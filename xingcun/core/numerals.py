"""Chinese numerals of report headings (一、 二、 … 十一、): part of the document's numbering
scheme (GB/T 9704), not a message, so kept out of the catalogue."""

CHINESE_NUMERALS = "一二三四五六七八九十"
TEN = "十"
