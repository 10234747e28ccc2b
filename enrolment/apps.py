from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Network membership")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.outage import allow_sending_again

        # Imported for what they register: the key checks, the kinds of message to members
        # and the pages their links open (which must exist before any email task runs or
        # any link is opened).
        from . import checks, link_requests, member_messages, my_page, renewal  # noqa: F401
        from .forms import EnrolmentForm

        # What was typed into the form is offered back should the database be down.
        allow_sending_again(EnrolmentForm)
