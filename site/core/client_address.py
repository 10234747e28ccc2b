"""The address a request comes from: for sign-in lockout (django-axes) and the public forms'
rate limit."""

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
