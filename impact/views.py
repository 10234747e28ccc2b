"""Anonymous contributions from the public: /have-your-say/ (Welsh: /cy/dweud-eich-dweud/).

The list of activities taking contributions, one form per activity (found by its public
code, never its id) and a thank-you page. Nothing about the sender is kept: not the
address, not the browser, not a session, not the time of day. The words are never logged.

Every answer is never_cache: a form page holds a CSRF token and, when sent back, someone's
words. The spam defence is the self-referral form's, with its own rate limit count.
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale

from core.views import ProtectedFormView
from enrolment.models import EnrolmentPage, MembershipSettings
from pages.models import SupportPage

from .forms import ContributionForm
from .models import EngagementActivity

# Contributions are counted apart from self-referrals: see core.spam's rate limit.
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


def _frame(request):
    """What every contributions page shows around its content."""
    return {
        "support_url": _live_page_url(request, SupportPage),
        "list_url": reverse("impact_public:contributions"),
    }


def _render(request, template, context=None, status=200):
    context = {**_frame(request), **(context or {})}
    return TemplateResponse(request, f"impact/contributions/{template}", context, status=status)


class ContributionFormView(ProtectedFormView):
    rate_limit_scope = RATE_LIMIT_SCOPE

    def __init__(self, request, activity):
        super().__init__(request, language=_language())
        self.activity = activity

    def get_form(self, data=None):
        return ContributionForm(data, activity=self.activity, language=self.language)

    def get_template(self, rate_limited):
        return f"impact/contributions/{'rate_limited' if rate_limited else 'form'}.html"

    def get_context(self, form):
        return {
            **_frame(self.request),
            **public_text(self.activity, self.language),
            "contact": MembershipSettings.load(request_or_site=self.request),
        }

    def get_success_url(self):
        return reverse("impact_public:thank_you")


@never_cache
@require_safe
def activity_list(request):
    """Every activity taking contributions now, named in the reader's language."""
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
@require_http_methods(["GET", "HEAD", "POST"])
def contribute(request, code):
    """The form for one activity. GET shows it; POST checks it and stores the words."""
    activity = EngagementActivity.objects.taking_contributions().filter(public_code=code).first()
    if activity is None:
        # Closed, never open to the public, or a mistyped address: the same kind answer.
        # Words sent to a form that closed while they were being written are shown back,
        # not stored, so the person can keep a copy.
        kept = request.POST.get("text", "").replace("\x00", "") if request.method == "POST" else ""
        return _render(request, "closed.html", {"kept_text": kept.strip()}, status=404)
    return ContributionFormView(request, activity).respond()


@never_cache
@require_safe
def thank_you(request):
    """Repeats nothing that was sent, and names no activity: the screen tells nobody anything."""
    return _render(request, "thank_you.html", {"join_url": _live_page_url(request, EnrolmentPage)})
