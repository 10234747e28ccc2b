from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict public policy everywhere, except the Wagtail admin.

    The admin (and its page previews) relies on inline scripts and styles, so
    it gets CONTENT_SECURITY_POLICY_ADMIN instead. Public pages never do.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
