from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.password_reset import PasswordResetDoneView, PasswordResetView
from pages import views as page_views
from pages.sitemap import BilingualSitemap

# Outside the language prefix: the admin, documents, the sitemap, robots.txt, the favicon
# and health.
urlpatterns = [
    # Before the admin's own: the reset email is sent in the background, and rate limited.
    path(
        "admin/password_reset/",
        PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        PasswordResetDoneView.as_view(),
        name="wagtailadmin_password_reset_done",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("healthz", page_views.healthz, name="healthz"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("favicon.ico", page_views.favicon, name="favicon"),
    path("csp-report", page_views.csp_report, name="csp_report"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SERVE_MEDIA_FROM_DJANGO", False):
    # The browser tests' server (test settings) shows image renditions without nginx.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# English at /, Welsh at /cy/. Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    path(_("search/"), page_views.search, name="search"),
    path("", include("enrolment.urls")),
    path("", include("impact.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler500 = "pages.views.server_error"
