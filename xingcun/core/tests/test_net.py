"""The client's address is read from a proxy header only when a trusted proxy sent it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from xingcun.core.net import client_ip


def request(remote: str, forwarded: str | None = None):
    if forwarded is None:
        return RequestFactory().get("/", REMOTE_ADDR=remote)
    return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.XINGCUN_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_header_from_an_untrusted_sender_is_ignored(settings):
    settings.XINGCUN_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own prefix proves nothing
        ("198.51.100.7, 10.0.0.2", "198.51.100.7"),  # a second trusted proxy is skipped
        ("not-an-ip", "127.0.0.1"),
        ("", "127.0.0.1"),
    ],
)
def test_trusted_proxy_chain_is_read_from_the_right(settings, chain, expected):
    settings.XINGCUN_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request("127.0.0.1", chain)) == expected


def test_configured_header_name_is_used(settings):
    settings.XINGCUN_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.XINGCUN_CLIENT_IP_HEADER = "X-Real-IP"
    req = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.8")
    assert client_ip(req) == "198.51.100.8"
