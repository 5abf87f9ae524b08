"""The client's address, as far as it can be trusted.

Behind a reverse proxy every request comes from the proxy, so REMOTE_ADDR names the proxy, not the
villager. The proxy's header (X-Forwarded-For by default) is believed only when the request comes
from a configured proxy (`TRUSTED_PROXIES`), and is then read from the right: each trusted proxy
appends the address it saw, so the first address from the right that is not a trusted proxy is
the client's. Anything to the left of it was written by the client and proves nothing.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent `request` (never blindly X-Forwarded-For)."""
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    networks = _trusted(tuple(settings.XINGCUN_TRUSTED_PROXIES))
    if not networks or not _is_trusted(remote, networks):
        return remote
    chain = str(request.META.get(_meta_key(settings.XINGCUN_CLIENT_IP_HEADER), ""))
    hops = [hop.strip() for hop in chain.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: fall back to the proxy, never to client text
    return hops[0] if hops else remote
