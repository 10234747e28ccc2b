from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from pages.models.pages import BasePage

from .membership_settings import MembershipSettings
from .notices import PrivacyNotice

# The thank-you page's route in each language: /join/thank-you/, /cy/ymuno/diolch/.
THANK_YOU_ROUTES = {"en": "thank_you_en", "cy": "thank_you_cy"}


class SeeOther(HttpResponseRedirect):
    """After a POST, a GET of the next page (so reloading it never sends the form again)."""

    status_code = 303


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
        from .. import spam
        from ..forms import EnrolmentForm

        language = self.locale.language_code
        if request.method != "POST":
            return self.render_form(request, EnrolmentForm(language=language))

        form = EnrolmentForm(request.POST, language=language)
        if spam.is_rate_limited(request):
            # Shown again with everything typed, unchecked, beside the phone and email
            # routes: nothing is sent, and nothing is lost.
            form.keep_answers_unchecked()
            return self.render_form(
                request,
                form,
                template="enrolment/rate_limited.html",
                status=spam.refusal_status(request),
            )
        if form.is_valid():
            form.save()
            spam.count_submission(request)
            return SeeOther(self.thank_you_url(request))
        if form.caught_robot:
            spam.count_submission(request)
        return self.render_form(request, form)

    def render_form(self, request, form, template=None, status=200):
        from .. import spam

        notice = PrivacyNotice.current(self.locale)
        captcha = "captcha" in form.fields
        context = self.get_context(request)
        context.update(
            {
                "form": form,
                "errors": form.error_summary() if form.is_bound else [],
                "notice": notice,
                # Fresh on every showing: a form sent back for checking starts its clock
                # again, and consent is recorded against the notice shown this time.
                "render_token": spam.render_token(),
                "notice_token": spam.notice_token(notice),
                "contact": MembershipSettings.load(request_or_site=request),
                "captcha_script": (
                    spam.captcha_script_url(self.locale.language_code) if captcha else ""
                ),
            }
        )
        response = TemplateResponse(
            request, template or self.get_template(request), context, status=status
        )
        if captcha:
            # Google's hosts are allowed on this page only, never site-wide.
            response._csp_update = spam.captcha_csp_update()
        return response

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
