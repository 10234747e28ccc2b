"""Hostile text for property tests of the public forms, and how each example is kept apart.

The text mixes every Unicode category hypothesis draws from (control characters and NUL
bytes included, surrogates left out: no browser can send one), Welsh letters, right-to-left
scripts and their direction marks, emoji sequences, markup and template syntax, odd
whitespace, and strings long enough to cross each box's limit.
"""

import contextlib
import unicodedata

from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each example runs inside apart(): a fresh client, a savepoint rolled back, an empty
# cache. The function-scoped fixtures (the database, pytest-django's settings) are
# meant to be shared by the examples, and examples that save long strings through the
# database are slow by design.
_SHARED_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
# Validating a form, without HTTP: many examples.
form_examples = settings(max_examples=75, deadline=None, suppress_health_check=_SHARED_FIXTURES)
# The staff forms nearest the public ones, each example making a member: fewer.
staff_examples = settings(form_examples, max_examples=40)
# Through the test client (two requests an example): fewer still.
http_examples = settings(max_examples=20, deadline=None, suppress_health_check=_SHARED_FIXTURES)

LANGUAGES = ["en", "cy"]

WELSH = "ŵŷâêîôûẁẃẅỳŴŶÂÊÎÔÛẀẂẄỲ"
RIGHT_TO_LEFT = "שלום عربي فارسی ܐܪܡܝܐ \u200f\u200e\u202b\u202e\u2066\u2069"
EMOJI = ["🙏", "👍🏽", "🏳️‍🌈", "👩‍👩‍👧", "❤️", "🇬🇧", "🏴󠁧󠁢󠁷󠁬󠁳󠁿"]
SPACES = " \t\r\n\u00a0\u1680\u2000\u2028\u2029\u202f\u3000\ufeff\u200b"
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><b>",
    "'\"&amp;&lt;&#0;&#x0;",
    "{{ request.META }}{% debug %}",
    "<!-- -->]]>",
    "'; DROP TABLE enrolment_member; --",
    "\x00",
    "\x07\x1b[0m\x7f\x85\x9f",
]

pieces = st.one_of(
    st.text(),  # any category hypothesis knows, surrogates excluded
    st.text(alphabet=st.sampled_from(WELSH + RIGHT_TO_LEFT + SPACES + "abc 123")),
    st.sampled_from(EMOJI),
    st.sampled_from(MARKUP),
)
short_text = st.lists(pieces, max_size=6).map("".join)
# Around every limit (100, 200, 500, 2000, 5000 characters) and well past them.
long_text = st.builds(
    lambda piece, times, tail: piece * times + tail,
    st.sampled_from(["a", "ŵ", "ش", "🙏", "ab ", "\x00", " "]),
    st.one_of(
        st.sampled_from([99, 100, 101, 199, 200, 201, 499, 500, 501, 1999, 2000, 2001]),
        st.sampled_from([4999, 5000, 5001, 60_000]),
    ),
    short_text,
)
hostile_text = st.one_of(short_text, short_text, short_text, long_text)
# For pages: always some markup among the text, to check it is shown escaped.
MARKER = '<i data-hostile="1">'
marked_text = st.builds(lambda before, after: before + MARKER + after, hostile_text, short_text)


def cleaned(typed):
    """What the clean-text rules make of what was typed: NUL bytes dropped, then the
    whitespace around it trimmed (as Django's CharField trims it)."""
    return typed.replace("\x00", "").strip()


def has_control_characters(text):
    """Characters the forms refuse: C0 and C1 controls and DEL, except tab and line breaks."""
    return any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in text)


@contextlib.contextmanager
def apart():
    """One example's database writes, cached pieces, rate limit counts and language, all
    undone before the next example starts."""
    cache.clear()
    try:
        with transaction.atomic():
            try:
                yield
            finally:
                transaction.set_rollback(True)
    finally:
        cache.clear()
        translation.activate("en")
