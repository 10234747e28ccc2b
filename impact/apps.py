from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Engagement and impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.outage import allow_sending_again

        # Imported for what they connect: telling participants when a story is published
        # (signals), clearing what erased members told us about activities (members),
        # the invitation as a kind of message to members (sending), and the page an update
        # to members opens (updates).
        from . import members, sending, signals, updates  # noqa: F401
        from .forms import ContributionForm

        # What was typed into the form is offered back should the database be down.
        allow_sending_again(ContributionForm)
