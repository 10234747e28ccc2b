from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.views import ProtectedFormView
from pages.models.pages import BasePage

from ..forms import EnrolmentForm, notice_token
from .membership_settings import MembershipSettings
from .notices import PrivacyNotice

# The thank-you page's route in each language: /join/thank-you/, /cy/ymuno/diolch/.
THANK_YOU_ROUTES = {"en": "thank_you_en", "cy": "thank_you_cy"}


class JoinFormView(ProtectedFormView):
    """The join form on its page; the page gives the templates and its own context."""

    def __init__(self, request, page):
        super().__init__(request, language=page.locale.language_code)
        self.page = page

    def get_form(self, data=None):
        return EnrolmentForm(data, language=self.language)

    def get_template(self, rate_limited):
        return (
            "enrolment/rate_limited.html" if rate_limited else self.page.get_template(self.request)
        )

    def get_context(self, form):
        notice = PrivacyNotice.current(self.page.locale)
        return {
            **self.page.get_context(self.request),
            "notice": notice,
            # Fresh on every showing: consent is recorded against the notice shown this time.
            "notice_token": notice_token(notice),
            "contact": MembershipSettings.load(request_or_site=self.request),
        }

    def get_success_url(self):
        return self.page.thank_you_url(self.request)


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

    def serve(self, request, view=None, args=None, kwargs=None):
        response = super().serve(request, view, args, kwargs)
        # Every answer from this page can hold a CSRF token or someone's answers:
        # no browser or shared cache may keep it.
        add_never_cache_headers(response)
        return response

    # --- the form ----------------------------------------------------------------------

    @path("")
    def enrolment_form(self, request):
        return JoinFormView(request, self).respond()

    # --- thank you ---------------------------------------------------------------------

    def thank_you_route(self):
        return THANK_YOU_ROUTES.get(self.locale.language_code, THANK_YOU_ROUTES["en"])

    def thank_you_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage(self.thank_you_route())

    @path("thank-you/", name="thank_you_en")
    def thank_you_en(self, request):
        return self.thank_you(request, "thank_you_en")

    @path("diolch/", name="thank_you_cy")
    def thank_you_cy(self, request):
        return self.thank_you(request, "thank_you_cy")

    def thank_you(self, request, route):
        # Each language has its own address; the other language's is not a page here.
        if route != self.thank_you_route():
            raise Http404
        # Nothing from the submission is shown: whoever sees this screen learns nothing.
        return TemplateResponse(request, "enrolment/thank_you.html", self.get_context(request))
