"""The public wish form as a villager fills it in: a valid submission of the form just served."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse


def public_form(
    client: Any, code: str, *, headers: dict[str, str] | None = None, **overrides: str
) -> dict[str, str]:
    """GET the village's public form (with `headers`, e.g. the proxy's) and answer it: the sum
    it asks for, its signed token, the honeypot left empty; `overrides` replace any field."""
    response = client.get(reverse("wishes:public", args=[code]), **(headers or {}))
    a, b = (int(x) for x in re.findall(r"\d+", response.context["question"]))
    return {
        "wisher_name": "赵大伯",
        "phone": "13912345678",
        "title": "想学用智能手机",
        "content": "希望有人教我用手机视频通话",
        "category": "care",
        "answer": str(a + b),
        "token": response.context["form"].initial["token"],
        "website": "",
        **overrides,
    }
