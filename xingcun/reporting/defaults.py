"""The district's starting quality rules for the village profile (`services.rules_ensure_default`):
seed rows saved as the district's own data, in its language, then edited there; not messages."""

from __future__ import annotations

DEFAULT_RULES: tuple[tuple[str, str, str, str, str, str | None, str], ...] = (
    (
        "经营性收入不超过集体经济总收入",
        "compare",
        "operating_like_income",
        "<=",
        "collective_income",
        None,
        "block",
    ),
    (
        "党员数不超过户籍人口",
        "compare",
        "party_members",
        "<=",
        "population",
        None,
        "block",
    ),
    (
        "户数不超过户籍人口",
        "compare",
        "households",
        "<=",
        "population",
        None,
        "block",
    ),
    (
        "集体经济总收入同比变化不超过50%",
        "yoy",
        "collective_income",
        "",
        "",
        "50",
        "explain",
    ),
    ("村级债务同比变化不超过100%", "yoy", "debt", "", "", "100", "explain"),
    (
        "人均可支配收入偏离本镇中位数不超过3倍",
        "outlier",
        "per_capita_income",
        "",
        "",
        "3",
        "explain",
    ),
)
