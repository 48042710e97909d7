"""Which callback targets may be called: scheme, host, and the addresses the host resolves to (SSRF).

Refused always: link-local (169.254.0.0/16, fe80::/10), cloud metadata (169.254.169.254, fd00:ec2::254),
the unspecified address (0.0.0.0/8, ::), multicast and reserved ranges. Refused unless
``KUAJING_CALLBACK_ALLOW_PRIVATE``: private (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10) and loopback.
Loopback is also allowed in sandbox mode, so a developer can receive on 127.0.0.1. Every address the name
resolves to must pass, and the request then goes to the checked address (the ``Host`` header and TLS SNI keep
the name), so a DNS answer that changes between the check and the connection (DNS rebinding) cannot redirect
it. Redirects are never followed.

A loopback or private target may be another local service rather than a receiver: its answers are recorded only when
the operator listed its port in ``KUAJING_SANDBOX_CALLBACK_PORTS`` (:attr:`Target.disclosed`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from kuajing.config import Settings

MAX_URL_LENGTH = 2048
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeTarget(ValueError):
    """The URL may not be called; the message says why."""


@dataclass(frozen=True, slots=True)
class TargetPolicy:
    allow_loopback: bool = False
    allow_private: bool = False
    require_https: bool = False
    shown_local_ports: frozenset[int] = frozenset()  # local ports whose answers are recorded

    @classmethod
    def from_settings(cls, settings: Settings) -> TargetPolicy:
        return cls(
            allow_loopback=settings.sandbox or settings.callback_allow_private,
            allow_private=settings.callback_allow_private,
            require_https=settings.callback_require_https,
            shown_local_ports=settings.sandbox_callback_port_set,
        )


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL, the address to connect to, and whether the answer may be recorded."""

    url: str
    scheme: str
    host: str
    address: str
    port: int
    disclosed: bool  # False: a loopback or private address on a port not in KUAJING_SANDBOX_CALLBACK_PORTS

    @property
    def request_url(self) -> httpx.URL:
        return httpx.URL(self.url).copy_with(host=self.address)

    @property
    def host_header(self) -> str:
        return httpx.URL(self.url).netloc.decode("ascii")


def address_refusal(ip: IPAddress, policy: TargetPolicy) -> str | None:
    """Why ``ip`` may not be called under ``policy`` (None when it may)."""
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 wrapped in IPv6 (::ffff:a.b.c.d, 6to4 2002:aabb:ccdd::) is judged as the IPv4 address it reaches
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip.is_site_local:
            return f"{ip} is a (deprecated) site-local address"
    if ip in _METADATA:
        return f"{ip} is a cloud metadata address"
    if ip.is_unspecified or (isinstance(ip, ipaddress.IPv4Address) and ip in _THIS_NETWORK):
        return f"{ip} is the unspecified address"
    if ip.is_loopback:
        return None if policy.allow_loopback else f"{ip} is a loopback address (allowed in sandbox mode only)"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    private = ip.is_private or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    if private and not ip.is_reserved:
        return None if policy.allow_private else f"{ip} is a private address (set KUAJING_CALLBACK_ALLOW_PRIVATE=1)"
    if ip.is_reserved or not ip.is_global:
        return f"{ip} is in a reserved range"
    return None


def check_url(url: str, policy: TargetPolicy) -> httpx.URL:
    """Syntax rules: http(s), a host, no user:password (it would replace the signature header), bounded
    length."""
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeTarget(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise UnsafeTarget(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise UnsafeTarget("the URL must start with http:// or https://")
    if policy.require_https and parsed.scheme != "https":
        raise UnsafeTarget("the URL must use https (KUAJING_CALLBACK_REQUIRE_HTTPS)")
    if not parsed.host:
        raise UnsafeTarget("the URL has no host")
    if parsed.userinfo:
        raise UnsafeTarget("the URL must not carry a user name or password")
    return parsed


async def resolve_target(url: str, policy: TargetPolicy) -> Target:
    """Check ``url`` and every address its host resolves to; raises :class:`UnsafeTarget`."""
    parsed = check_url(url, policy)
    host = parsed.host
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, parsed.port or 0, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise UnsafeTarget(f"the host {host!r} does not resolve: {exc}") from None
        addresses = []
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if ip not in addresses:
                addresses.append(ip)
    if not addresses:
        raise UnsafeTarget(f"the host {host!r} does not resolve")
    for ip in addresses:
        reason = address_refusal(ip, policy)
        if reason:
            raise UnsafeTarget(f"refused target {host}: {reason}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    local = any(not _reaches_globally(ip) for ip in addresses)
    return Target(
        url=url,
        scheme=parsed.scheme,
        host=host,
        address=str(addresses[0]),
        port=port,
        disclosed=not local or port in policy.shown_local_ports,
    )


def _reaches_globally(ip: IPAddress) -> bool:
    """False for loopback, private and shared (100.64/10) addresses, also inside IPv4-mapped IPv6."""
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not ip.is_loopback
