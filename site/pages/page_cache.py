"""The page cache: public pages for anonymous visitors, served from the shared cache.

A response is kept only when nothing in it can belong to one visitor: a GET, from a
request without a session or messages cookie, answered 200, setting no cookie, using
no CSRF token or session, and with no Cache-Control of its own (forms, the withdrawal
pages, search and the admin all say `never_cache`). Everything else is marked private,
so no shared cache in front (nginx, a CDN) keeps it either.

Pages are kept per address, and only for query strings a page says it used (see
`query_used`): `?utm=1`, `?utm=2`... are rendered afresh and never kept, so nobody can
fill the cache with variants of one page. The address says the language (English at /, Welsh
at /cy/), so the cache varies on language. Any change an editor makes to a page, a
snippet, a site setting, an image or a document starts a new generation, which empties
the cache at once. Public pages' Content Security Policy has no nonce, so a kept page
is served as the very bytes it was rendered with, to every visitor.
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import has_vary_header, patch_cache_control
from django.utils.translation import get_language, get_language_from_path

GENERATION_KEY = "page-cache:generation"
MESSAGES_COOKIE = "messages"

# The query parameters any public page reads: the story index's filters and page number.
# A request with any other is neither served from nor kept in the cache.
KEPT_QUERY_PARAMETERS = frozenset({"partner", "topic", "year", "page"})
# Longer values are not a slug, a year or a page number.
QUERY_VALUE_MAX_LENGTH = 60


def query_used(request, parameters):
    """Say which query parameters the page was drawn from ({name: value}, as the page
    understood them). The page cache keeps the page only when they are exactly the
    request's; a page that says nothing is kept only at its address without a query."""
    request._page_cache_query = {name: str(value) for name, value in parameters.items()}


def query_of(request):
    """{name: value} of the request's query string, or None if it holds anything a page
    cannot have used: an unknown name, a name twice, or a value too long to mean anything."""
    params = request.GET
    query = {}
    for name in params:
        values = params.getlist(name)
        if name not in KEPT_QUERY_PARAMETERS or len(values) != 1:
            return None
        if len(values[0]) > QUERY_VALUE_MAX_LENGTH:
            return None
        query[name] = values[0]
    return query


def new_generation():
    """Empty the page cache: every page kept so far belongs to an older generation."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def current_generation(request=None):
    """The published state of the site's content, as a token (once per request).

    A missing token (a fresh or emptied cache) is replaced by a new one rather than
    read as "none", so nothing kept before it was lost can ever match again. When the
    cache cannot be reached, every request gets a token of its own: nothing is reused.
    """
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
    if request is not None:
        request._content_generation = generation
    return generation


# Pieces of pages kept by `kept_until_content_changes` live at most this long.
PIECE_SECONDS = 24 * 60 * 60


def kept_until_content_changes(request, name, load):
    """`load()` once per state of the published content, language and host, kept in the
    shared cache; and once per request. `load` must return plain, picklable data.

    For the parts of pages that many requests share (menus, the help strip, a story's
    partner, the join form's lists), so that a page the page cache does not keep still
    takes few queries. Without a request, nothing in `load` may depend on the host.
    """
    memo = request.__dict__.setdefault("_kept_pieces", {}) if request is not None else {}
    host = request.get_host() if request is not None else ""
    parts = (current_generation(request), get_language(), host, name)
    if parts not in memo:
        key = "page-piece:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        kept = cache.get(key)
        if kept is None:
            kept = (load(),)
            cache.set(key, kept, PIECE_SECONDS)
        memo[parts] = kept[0]
    return memo[parts]


def is_public_content(instance):
    """Whether a saved or deleted object can change what a public page shows."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, Page, Site
    from wagtail.snippets.models import get_snippet_models

    return (
        isinstance(
            instance,
            (
                Page,
                Site,
                Locale,
                BaseSiteSetting,
                BaseGenericSetting,
                AbstractImage,
                AbstractDocument,
            ),
        )
        or type(instance) in get_snippet_models()
        or instance._meta.label in settings.PAGE_CACHE_ALSO_CHANGED_BY
    )


def content_changed(sender, instance, **kwargs):
    if is_public_content(instance):
        new_generation()
        # Again once the change is committed: a request that read the old content while
        # the change was being saved may have kept it under the first new generation.
        transaction.on_commit(new_generation)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_serve_shared(request):
            return self.mark_private(self.get_response(request))
        query = query_of(request)
        if query is None:
            return self.mark_private(self.get_response(request))

        key = self.key_for(request, query) if settings.PAGE_CACHE_SECONDS > 0 else None
        generation = None
        if key:
            found = cache.get_many([key, GENERATION_KEY])
            generation = found.get(GENERATION_KEY) or current_generation()
            request._content_generation = generation
            kept = found.get(key)
            if kept is not None and kept["generation"] == generation:
                return self.replay(kept)

        response = self.get_response(request)
        if not self.may_keep(request, response):
            return self.mark_private(response)
        if getattr(request, "_page_cache_query", {}) != query:
            # The page ignored part of the query (a stray name, a filter it does not know,
            # "?page=01"): this is the same page as another address, not worth keeping.
            return self.mark_private(response)
        # Only the address chooses the language, so Accept-Language (which Django's
        # LocaleMiddleware adds to English pages) must not split shared caches.
        self.drop_vary(response, "Accept-Language")
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.FRONTEND_CACHE_SECONDS
        )
        if key:
            cache.set(key, self.snapshot(response, generation), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def may_serve_shared(request):
        """Whether the answer to this request may come from, or go into, a shared cache."""
        if request.method != "GET" or not (
            settings.PAGE_CACHE_SECONDS > 0 or settings.FRONTEND_CACHE_SECONDS > 0
        ):
            return False
        if request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies

    @staticmethod
    def key_for(request, query):
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # Django answers it with its own 400
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        address = f"{host}|{language}|{request.path}?{urlencode(sorted(query.items()))}"
        return "page-cache:" + hashlib.sha256(address.encode()).hexdigest()

    @staticmethod
    def may_keep(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.has_header("Cache-Control")
            and not response.cookies
            # A CSRF token or the session was used: the page is someone's own.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not has_vary_header(response, "Cookie")
        )

    @staticmethod
    def mark_private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def drop_vary(response, header):
        if response.has_header("Vary"):
            kept = [
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() != header.lower()
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]

    @staticmethod
    def snapshot(response, generation):
        return {
            "generation": generation,
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
        }

    @staticmethod
    def replay(kept):
        response = HttpResponse(kept["content"], status=kept["status"], headers=kept["headers"])
        response["X-Page-Cache"] = "hit"
        return response
