"""The site's URLconf plus a view that fails (/fail/<token>/ and /cy/fail/<token>/) and one
that refuses (/forbidden/, /cy/forbidden/), for the error report, log and error page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import LocalePrefixPattern, path
from django.views.decorators.csrf import csrf_exempt

from config import urls as site_urls

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler500 = site_urls.handler500


class SavingFailed(Exception):
    pass


@csrf_exempt
def fail(request, token):
    # As careless code might: the message quotes what was sent.
    raise SavingFailed(
        f"could not save {request.POST.get('email', '')} {request.POST.get('phone', '')}"
    )


def forbidden(request):
    raise PermissionDenied


urlpatterns = []
for entry in site_urls.urlpatterns:
    if isinstance(getattr(entry, "pattern", None), LocalePrefixPattern):
        urlpatterns += i18n_patterns(
            path("fail/<str:token>/", fail, name="fail"),
            path("forbidden/", forbidden, name="forbidden"),
            *entry.url_patterns,
            prefix_default_language=False,
        )
    else:
        urlpatterns.append(entry)
