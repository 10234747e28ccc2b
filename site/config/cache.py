"""The shared cache (Redis), built so that the site keeps serving when Redis does not.

Everything kept in the cache can be made again from the database: kept pages, pieces
of pages, Wagtail's caches, the copy of a session. So when Redis cannot be reached,
`ResilientRedisCache` answers reads with the default ("not kept") and drops writes,
logs one warning, and leaves Redis alone for a few seconds (BACKOFF_SECONDS) instead of
trying it again on every call of every request.

The form's rate limit is the one thing that must NOT degrade that way: a count that
cannot be read is not a count of zero. It asks through `strict`, whose calls raise
`CacheUnavailable` instead (core.spam).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# A page waits at most this long for a Redis that does not answer.
CONNECT_TIMEOUT_SECONDS = 0.5
READ_TIMEOUT_SECONDS = 0.5
BACKOFF_SECONDS = 5

# What "Redis cannot be used" looks like: refused, timed out, a replica that cannot take
# writes, and every error Redis answers with (above all "OOM command not allowed when used
# memory > 'maxmemory'" from a full Redis under noeviction). Each means the cache cannot
# be relied on for now, so each degrades the same way; none of them is the page's fault.
OUTAGES = (RedisError, OSError)

# When each Redis (by its address) may be tried again, shared by every thread of the
# process so that a dead Redis costs one failed attempt per back-off, not one per request.
_down_until = {}


class CacheUnavailable(Exception):
    """Redis could not be reached. Carries no key or value."""


def forget_failures():
    """Try every Redis again on the next call (for tests, after starting Redis again)."""
    _down_until.clear()


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that degrades to "nothing is kept" while Redis is down.

    OPTIONS may set BACKOFF_SECONDS; socket timeouts default to half a second and
    redis-py's own retries are off (one attempt, then the back-off).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.backoff_seconds = float(options.pop("BACKOFF_SECONDS", BACKOFF_SECONDS))
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", READ_TIMEOUT_SECONDS)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._address = ",".join(self._servers)

    # --- the two ways of calling Redis ---------------------------------------------------

    def _attempt(self, operation, *args, respect_backoff=True, **kwargs):
        """Run one cache operation; CacheUnavailable if Redis cannot be reached."""
        if respect_backoff and time.monotonic() < _down_until.get(self._address, 0):
            raise CacheUnavailable
        try:
            result = operation(*args, **kwargs)
        except OUTAGES as error:
            _down_until[self._address] = time.monotonic() + self.backoff_seconds
            # The kind of error only: a message could quote a key, and keys can be
            # derived from what someone sent.
            logger.warning(
                "The cache (Redis) cannot be reached (%s): carrying on without it, "
                "trying again in %s seconds.",
                type(error).__name__,
                self.backoff_seconds,
            )
            raise CacheUnavailable from None
        _down_until.pop(self._address, None)
        return result

    def _safely(self, fallback, operation, *args, **kwargs):
        try:
            return self._attempt(operation, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    @property
    def strict(self):
        """This cache, but raising CacheUnavailable rather than pretending nothing is kept.

        It always tries Redis (no back-off): a person sending a form is worth one attempt,
        and a success ends the back-off for everyone.
        """
        return StrictCache(self)

    # --- reads answer "not kept", writes are dropped -------------------------------------

    def get(self, key, default=None, version=None):
        return self._safely(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._safely({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._safely(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._safely(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._safely(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._safely(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._safely(None, super().delete_many, keys, version)

    def clear(self):
        return self._safely(False, super().clear)

    def incr(self, key, delta=1, version=None):
        try:
            return self._attempt(super().incr, key, delta, version)
        except CacheUnavailable:
            # What incr() says of a key that is not kept, which callers already handle.
            raise ValueError("Key not found in the cache.") from None


class StrictCache:
    """The methods of a ResilientRedisCache, unguarded: each raises CacheUnavailable."""

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        unguarded = getattr(RedisCache, name).__get__(self._backend)

        def call(*args, **kwargs):
            return self._backend._attempt(unguarded, *args, respect_backoff=False, **kwargs)

        return call
