from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

SEARCH_QUERY_MAX_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """A search query safe for every database: no NUL bytes, no runaway length."""
    return " ".join(raw.replace("\x00", " ").split())[:SEARCH_QUERY_MAX_LENGTH]


@require_safe
def search(request):
    """Search the live pages of the reader's language only."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query, operator="and")
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
    return render(
        request,
        "pages/search.html",
        {"query": query, "results": page_of_results, "paginator": paginator},
    )


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not. Says nothing more."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page in the reader's language, rendered without touching the database."""
    try:
        template = loader.get_template(template_name)
    except Exception:  # the last line of defence must never fail itself
        return HttpResponseServerError(b"<h1>Server Error (500)</h1>", content_type="text/html")
    context = {"request": request, "quick_exit_url": settings.DEFAULT_QUICK_EXIT_URL}
    return HttpResponseServerError(template.render(context))


def csrf_failure(request, reason=""):
    """A form sent without a valid token: a calm page in the reader's language.

    Django's own page is English-only and technical; the reason is not shown.
    """
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response
