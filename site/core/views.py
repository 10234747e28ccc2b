"""The life of a protected public form, the same for every such form on the site.

GET shows the form. A POST is first counted against the client's allowance, before
anything else: over it (or when the count cannot be made), the answers are shown again
unchecked beside the team's other routes, and nothing is sent. Otherwise a valid form
whose showing was not sent before is saved and answered with a 303 to the thank-you
page. An invalid one, or one already sent, is shown again with its answers and a fresh
token, and its place in the allowance given back (a caught robot keeps its place).
reCAPTCHA's hosts are allowed only on a page that shows it.
"""

from csp.decorators import csp_update
from django.template.response import TemplateResponse

from config.cache import CacheUnavailable

from . import spam
from .http import SeeOther


class ProtectedFormView:
    """One form, one request. Subclasses give the form, the templates, what the page shows
    beside the form (including `contact`: the team's other routes, for the rate limit
    notice) and where a sent form goes next."""

    # Each form counts its own submissions against its own allowance.
    rate_limit_scope = spam.DEFAULT_SCOPE

    def __init__(self, request, *, language):
        self.request = request
        self.language = language

    # --- what each form provides -----------------------------------------------------

    def get_form(self, data=None):
        raise NotImplementedError

    def get_template(self, rate_limited):
        raise NotImplementedError

    def get_context(self, form):
        """What the page shows beside the form, with `contact`."""
        raise NotImplementedError

    def get_success_url(self):
        raise NotImplementedError

    # --- the flow ----------------------------------------------------------------------

    def respond(self):
        if self.request.method != "POST":
            return self.render(self.get_form())

        form = self.get_form(self.request.POST)
        allowance = spam.take_allowance(self.request, scope=self.rate_limit_scope)
        if not allowance.granted:
            return self.refuse(form)
        try:
            return self.respond_within_allowance(form, allowance)
        except BaseException:
            # Not saved (the database failing, most likely): not a sending either.
            allowance.give_back()
            raise

    def respond_within_allowance(self, form, allowance):
        if not form.is_valid():
            if not form.caught_robot:
                # A mistake to correct is not a sending.
                allowance.give_back()
            return self.render(form)
        token_id = form.render_token_id
        try:
            first_sending = spam.use_render_token(token_id)
        except CacheUnavailable:
            allowance.give_back()
            self.request.rate_limit_unavailable = True
            return self.refuse(form)
        if not first_sending:
            allowance.give_back()
            form.refuse_as_already_sent()
            return self.render(form)
        try:
            form.save()
        except BaseException:
            # The same form may then be sent again (the database outage page offers it).
            spam.release_render_token(token_id)
            raise
        return SeeOther(self.get_success_url())

    def refuse(self, form):
        """Shown again with everything typed, unchecked, beside the phone and email
        routes: nothing is sent, and nothing is lost."""
        form.keep_answers_unchecked()
        return self.render(form, rate_limited=True, status=spam.refusal_status(self.request))

    def render(self, form, *, rate_limited=False, status=200):
        captcha = "captcha" in form.fields
        context = {
            **self.get_context(form),
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            # Fresh on every showing: a form sent back for checking starts its clock again.
            "render_token": spam.render_token(),
            "captcha_script": spam.captcha_script_url(self.language) if captcha else "",
        }

        def response():
            return TemplateResponse(
                self.request, self.get_template(rate_limited), context, status=status
            )

        if captcha:
            # Google's hosts are allowed on this page only, never site-wide.
            response = csp_update(spam.captcha_csp_update())(response)
        return response()
