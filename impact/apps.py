from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Engagement and impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.outage import allow_sending_again

        # Imported for what they connect: telling participants when a story is published
        # (signals), clearing what erased members told us about activities (members), and
        # the invitation and reminder messages with the page their links open (replies,
        # reminders), which must exist before any email task runs or link is opened.
        from . import members, reminders, replies, signals  # noqa: F401
        from .forms import ContributionForm

        # What was typed into the form is offered back should the database be down.
        allow_sending_again(ContributionForm)
