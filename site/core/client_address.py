"""The address a request comes from, and the client it is counted as: for the sign-in
lockout (django-axes), the public forms' rate limits and the /csp-report rate limit."""

import ipaddress

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or the address the trusted proxies saw when TRUSTED_PROXY_COUNT is set.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so with N proxies the N-th entry from the right is the client.
    Anything further left was written by the client and cannot be trusted. A value
    that is not an address (a misconfigured proxy count) falls back to REMOTE_ADDR,
    since axes stores it in an address column.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


# An IPv6 network hands each subscriber (a home, a phone) a /64, and a device picks new
# addresses within it at will: counted per address, one client would have a fresh
# allowance per address.
IPV6_CLIENT_PREFIX = 64


def address_group(address):
    """The address a client is counted as: an IPv4 address as it is (an IPv4-mapped IPv6
    address as its IPv4 address), an IPv6 address as the first address of its /64. Itself
    an address, so django-axes can keep it in its address column. Anything that is not an
    address is returned unchanged."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    network = ipaddress.IPv6Network((int(parsed), IPV6_CLIENT_PREFIX), strict=False)
    return str(network.network_address)


def counted_address(request):
    """The client a request is counted against, wherever clients are counted."""
    return address_group(client_address(request))
