"""Error reports (the emails to ADMINS) that carry no personal data.

On this site any form may hold a survivor's details, any address may hold a withdrawal
token and any cookie may open a session, so a report says which code failed and how,
and nothing of what the person sent.
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from .logging import URL_CREDENTIALS, escaped, redact, safe_path

HIDDEN = "[hidden]"

# The only request headers and server values a report shows: none of them can hold
# anything the person typed, their address or a token.
SAFE_META_KEYS = frozenset(
    {
        "REQUEST_METHOD",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "HTTP_ACCEPT",
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_X_FORWARDED_PROTO",
        "wsgi.url_scheme",
    }
)


class ScrubbingExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hides every POST value, every cookie value, the query string, every frame's local
    variables, and all of request.META but SAFE_META_KEYS, whatever DEBUG says."""

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: HIDDEN for key in request.POST}

    def get_safe_cookies(self, request):
        return {key: HIDDEN for key in getattr(request, "COOKIES", {})}

    def get_safe_request_meta(self, request):
        meta = getattr(request, "META", {})
        return {key: meta[key] for key in sorted(SAFE_META_KEYS & meta.keys())}

    def get_traceback_frame_variables(self, request, tb_frame):
        return []

    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        if type(value) is str:
            # A cache or database URL can carry its password, whatever its setting is called.
            value = URL_CREDENTIALS.sub(r"\g<scheme>[credentials]@", value)
        return value


class ScrubbedExceptionReporter(ExceptionReporter):
    """Django's report with the address cut to its route, no query string or uploaded
    file names, and the whole text redacted (the exception's message can quote a value)."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = [(key, HIDDEN) for key in self.request.GET]
            data["request_FILES_items"] = [(key, HIDDEN) for key in self.request.FILES]
            data["request_insecure_uri"] = safe_path(self.request)
        return data

    def get_traceback_text(self):
        return self.scrub(super().get_traceback_text())

    def get_traceback_html(self):
        return self.scrub(super().get_traceback_html())

    def scrub(self, text):
        if self.request is not None:
            path = safe_path(self.request)
            for address in sorted(
                {self.request.path, self.request.path_info, escaped(self.request.path)},
                key=len,
                reverse=True,
            ):
                if address and address not in ("/", path):
                    text = text.replace(address, path)
        return redact(text)
