"""Anonymous contributions from the public: /have-your-say/ (Welsh: /cy/dweud-eich-dweud/).

The list of activities taking contributions, one form per activity (found by its public
code, never its id) and a thank-you page. Nothing about the sender is kept: not the
address, not the browser, not a session, not the time of day. The words are never logged.

Every answer is never_cache: a form page holds a CSRF token and, when sent back, someone's
words. The spam defence is the self-referral form's, with its own rate limit count.
"""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from enrolment import spam
from enrolment.models import EnrolmentPage, MembershipSettings
from enrolment.models.pages import SeeOther
from pages.models import SupportPage

from .forms import ContributionForm
from .models import EngagementActivity

# Contributions are counted apart from self-referrals: see enrolment.spam's rate limit.
RATE_LIMIT_SCOPE = "contributions"


def _language():
    language = translation.get_language() or "en"
    return "cy" if language.startswith("cy") else "en"


def _live_page_url(request, model):
    """The URL of a live page of this type in the reader's language, if there is one."""
    locale = Locale.objects.filter(language_code=_language()).first()
    page = model.objects.live().filter(locale=locale).first() if locale else None
    return page.get_url(request) if page else ""


def public_text(activity, language):
    """{title, question, lang}: the activity in the reader's language.

    An activity taking contributions must have both languages (EngagementActivity.clean);
    should one be missing, the other is shown marked with its own language, rather than
    a blank page.
    """
    title, question = activity.public_text(language)
    lang = language
    if not title or not question:
        other = "en" if language == "cy" else "cy"
        other_title, other_question = activity.public_text(other)
        if other_title and other_question:
            title, question, lang = other_title, other_question, other
    return {"title": title or activity.public_title, "question": question, "lang": lang}


def _render(request, template, context=None, status=200):
    context = {
        "support_url": _live_page_url(request, SupportPage),
        "list_url": reverse("impact_public:contributions"),
        **(context or {}),
    }
    return TemplateResponse(request, f"impact/contributions/{template}", context, status=status)


def _only(request, methods):
    if request.method not in methods:
        return HttpResponseNotAllowed([m for m in methods if m != "HEAD"])
    return None


@never_cache
def activity_list(request):
    """Every activity taking contributions now, named in the reader's language."""
    refused = _only(request, ("GET", "HEAD"))
    if refused:
        return refused
    language = _language()
    activities = [
        {
            **public_text(activity, language),
            "url": reverse("impact_public:contribute", kwargs={"code": activity.public_code}),
            "closes_on": activity.closes_on,
        }
        for activity in EngagementActivity.objects.taking_contributions().order_by(
            "closes_on", "public_title", "pk"
        )
    ]
    return _render(request, "list.html", {"activities": activities})


@never_cache
def contribute(request, code):
    """The form for one activity. GET shows it; POST checks it and stores the words."""
    refused = _only(request, ("GET", "HEAD", "POST"))
    if refused:
        return refused
    activity = EngagementActivity.objects.taking_contributions().filter(public_code=code).first()
    if activity is None:
        # Closed, never open to the public, or a mistyped address: the same kind answer.
        # Words sent to a form that closed while they were being written are shown back,
        # not stored, so the person can keep a copy.
        kept = request.POST.get("text", "").replace("\x00", "") if request.method == "POST" else ""
        return _render(request, "closed.html", {"kept_text": kept.strip()}, status=404)

    language = _language()
    if request.method != "POST":
        return _render_form(
            request, activity, ContributionForm(activity=activity, language=language)
        )

    form = ContributionForm(request.POST, activity=activity, language=language)
    if spam.is_rate_limited(request, scope=RATE_LIMIT_SCOPE):
        # Shown again with the words kept, unchecked: nothing is stored, nothing is lost.
        form.keep_answers_unchecked()
        return _render_form(
            request,
            activity,
            form,
            template="rate_limited.html",
            status=spam.refusal_status(request),
        )
    if form.is_valid():
        form.save()
        spam.count_submission(request, scope=RATE_LIMIT_SCOPE)
        return SeeOther(reverse("impact_public:thank_you"))
    if form.caught_robot:
        spam.count_submission(request, scope=RATE_LIMIT_SCOPE)
    return _render_form(request, activity, form)


def _render_form(request, activity, form, template="form.html", status=200):
    captcha = "captcha" in form.fields
    response = _render(
        request,
        template,
        {
            **public_text(activity, _language()),
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            # Fresh on every showing: a form sent back for checking starts its clock again.
            "render_token": spam.render_token(),
            "contact": MembershipSettings.load(request_or_site=request),
            "captcha_script": spam.captcha_script_url(_language()) if captcha else "",
        },
        status=status,
    )
    if captcha:
        # Google's hosts are allowed on this page only, never site-wide.
        response._csp_update = spam.captcha_csp_update()
    return response


@never_cache
def thank_you(request):
    """Repeats nothing that was sent, and names no activity: the screen tells nobody anything."""
    refused = _only(request, ("GET", "HEAD"))
    if refused:
        return refused
    return _render(request, "thank_you.html", {"join_url": _live_page_url(request, EnrolmentPage)})
