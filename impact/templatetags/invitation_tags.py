"""The invitation's details in one language, for every page that shows them: the member's
reply page, the staff preview, printed letters and the call list."""

from django import template
from django.utils import translation
from wagtail.models import Locale

from ..models import Partner

register = template.Library()


@register.simple_tag
def invitation_details(activity, language):
    """The text staff wrote in `language`, with who asked (the partner's name in that
    language, or in the other where it has no translation yet), the methods and the
    closing date."""
    locale = Locale.objects.filter(language_code=language).first()
    partners = Partner.names_in_language([activity.partner_id], locale)
    with translation.override(language):
        methods = [str(method.get_code_display()) for method in activity.methods.all()]
    return {
        **activity.invitation_in(language),
        "partner": partners.get(activity.partner_id, ""),
        "methods": methods,
        "closes_on": activity.closes_on,
    }
