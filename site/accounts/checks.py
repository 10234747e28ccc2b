from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_required_in_production(app_configs, **kwargs):
    if getattr(settings, "STAFF_REQUIRE_2FA", False):
        return []
    return [
        Error(
            "STAFF_REQUIRE_2FA is off: staff could sign in with a password alone.",
            hint="Only development settings may turn two-factor authentication off.",
            id="accounts.E001",
        )
    ]
