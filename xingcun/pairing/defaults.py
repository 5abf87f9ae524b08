"""Seed data of pairing: the honour title that makes a branch "strongest" in the proposals, as
registered in the district's honours catalogue (data, not a message)."""

STRONGEST_TITLE = "最强党支部"
