"""The towns of 临安区 (330112) and which of them are neighbours: the built-in default of the
相邻镇街 list (approximate, read from the map; district staff correct it in the registry)."""

from __future__ import annotations

LINAN_TOWNS: tuple[str, ...] = tuple(
    f"330112{c}"
    for c in ("002", "005", "006", "007", "008", "102", "103", "104", "106", "107", "108",
              "109", "111", "112", "113", "115", "116", "117")
)  # fmt: skip

# Neighbouring towns of 临安区 (approximate, from the map; district staff edit them as 相邻镇街).
LINAN_NEIGHBOURS: tuple[tuple[str, str], ...] = tuple(
    (f"330112{a}", f"330112{b}")
    for a, b in (
        ("006", "005"), ("006", "007"), ("006", "002"), ("006", "008"), ("006", "103"),
        ("007", "008"), ("007", "102"), ("007", "103"), ("005", "002"), ("005", "008"),
        ("005", "115"), ("002", "115"), ("002", "103"), ("002", "104"), ("008", "102"),
        ("102", "103"), ("103", "104"), ("103", "116"), ("115", "104"), ("104", "116"),
        ("104", "106"), ("104", "107"), ("116", "106"), ("106", "107"), ("106", "108"),
        ("107", "108"), ("108", "109"), ("108", "111"), ("108", "117"), ("109", "111"),
        ("109", "113"), ("111", "112"), ("111", "113"), ("112", "117"), ("112", "113"),
    )
)  # fmt: skip
