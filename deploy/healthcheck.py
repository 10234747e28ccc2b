"""Exit 0 when the web process on this machine answers /healthz with 200, else 1.

For container health checks (the Dockerfile's HEALTHCHECK) and monitors without HTTP
of their own. It asks over the loopback as a proxy would: with a host name the site
accepts (the first in ALLOWED_HOSTS) and X-Forwarded-Proto set, so the HTTPS redirect
does not answer instead of the check. Uses the standard library only.
"""

import os
import sys
import urllib.error
import urllib.request


def main():
    port = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")[0].rsplit(":", 1)[-1]
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 - fixed loopback URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


if __name__ == "__main__":
    sys.exit(main())
