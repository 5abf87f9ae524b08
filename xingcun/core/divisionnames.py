"""Pieces of official division names (data, the same in every language): what the reports and
the display names build from a division's Chinese name."""

# The last character of a division name that names its kind (全区, 全镇: the whole of it).
LEVEL_SUFFIXES = "省市区县镇乡村"
COMMUNITY = "社区"  # a village-level node named …社区 is an urban community
LONG_SUFFIXES = ("街道", COMMUNITY)
WHOLE = "全"
# Official names shortened for display: 某某村民委员会 → 某某村, 某某社区居委会 → 某某社区.
DISPLAY_SUFFIXES = (("村委会", "村"), ("村民委员会", "村"), ("居委会", ""))
