"""What the tests share: signing staff in, waiting for services, free ports.

Fixtures built on these are in tests/conftest.py (and tests/browser/conftest.py for the
browser's own).
"""
