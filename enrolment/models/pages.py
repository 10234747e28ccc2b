from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField

from pages.models.pages import BasePage


class EnrolmentPage(RoutablePageMixin, BasePage):
    """The self-referral form (/join/, /cy/ymuno/) and its thank-you page.

    The form itself is code (enrolment.forms), not Wagtail's form builder: the builder
    stores submissions as plain JSON, and these answers must be encrypted.
    """

    before_you_start = RichTextField(
        _("before you start"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Who can join and what joining means. Shown above the form."),
    )
    thank_you_title = models.CharField(_("thank-you heading"), max_length=120, default="Thank you")
    thank_you_body = RichTextField(
        _("what happens next"),
        features=["bold", "link", "ul", "ol"],
        help_text=_("Shown after someone sends the form."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("before_you_start"),
        FieldPanel("thank_you_title"),
        FieldPanel("thank_you_body"),
    ]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    template = "enrolment/enrolment_page.html"

    class Meta:
        verbose_name = _("enrolment form page")
