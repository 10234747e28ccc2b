"""Ports and polling for tests that start real servers on 127.0.0.1."""

import socket
import time


def free_port():
    """A port nothing listens on now (the OS picks it, so parallel runs do not collide)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def wait_until(check, what, seconds=30):
    """Poll until check() is true: services and log writers take a moment.

    Bounded, so a thing that never happens fails the test with `what` in the message
    instead of hanging the run.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {seconds} seconds")
