"""A page is created once, however many times its form is sent.

A double click, or the editor's autosave racing the button, sends the same "add page" form
twice. The second copy would fail ("slug already in use") or leave a stray draft beside the
first. The first creation is remembered for a short while under a fingerprint of what was
sent (who, where, which type, which language, which slug); an identical create within that
window lands on the first page's edit view instead.
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

# Long enough to cover a double click or a slow autosave; short enough that nobody meaning
# to make a second page of the same address is held up for long (the slug would clash anyway).
WINDOW_SECONDS = 120


def fingerprint(request, parent_page, page_class):
    """What makes two create requests "the same", or None when the request says too little."""
    user = getattr(request, "user", None)
    slug = (request.POST.get("slug") or "").strip()
    if user is None or not user.is_authenticated or not slug:
        return None
    parts = [
        str(user.pk),
        str(parent_page.pk),
        page_class._meta.label_lower,
        request.POST.get("locale") or str(parent_page.locale_id),
        slug,
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"page-create:{digest}"


def existing_creation(request, parent_page, page_class):
    """The edit view of the page an identical earlier create made, as a response, or None."""
    if request.method != "POST":
        return None
    key = fingerprint(request, parent_page, page_class)
    if key is None:
        return None
    page_id = cache.get(key)
    if page_id is None:
        return None
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.is_child_of(parent_page):
        cache.delete(key)
        return None
    messages.info(
        request,
        _("“%(title)s” was already created: here it is to go on editing.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def remember_creation(request, page):
    key = fingerprint(request, page.get_parent(), type(page))
    if key is not None:
        cache.set(key, page.pk, WINDOW_SECONDS)
