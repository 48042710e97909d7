"""IPv4 wrapped in 6to4 IPv6 and deprecated site-local IPv6 are refused like what they reach."""

from __future__ import annotations

import ipaddress

import pytest

from kuajing.delivery.safety import TargetPolicy, address_refusal


@pytest.mark.parametrize("address", ["2002:a9fe:a9fe::", "2002:7f00:1::", "fec0::1"])
def test_wrapped_and_site_local_addresses_are_refused(address: str) -> None:
    policy = TargetPolicy(allow_loopback=False, allow_private=False)
    assert address_refusal(ipaddress.ip_address(address), policy) is not None
