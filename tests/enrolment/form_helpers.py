"""Shared by the self-referral form's tests: fill in the form as a person would."""

from django.core.cache import cache
from django.utils import translation

from enrolment.models import Area, CrimeType, DemographicOption, EngagementMethod
from tests.html import parse

FORM_URLS = {"en": "/join/", "cy": "/cy/ymuno/"}
THANK_YOU_URLS = {"en": "/join/thank-you/", "cy": "/cy/ymuno/diolch/"}
LANGUAGES = ["en", "cy"]


def prepare(settings):
    """No waiting before sending (the minimum time has tests of its own), a clean rate
    limit for each test, and no reCAPTCHA unless a test turns it on."""
    settings.ENROLMENT_MIN_SECONDS = 0
    settings.RECAPTCHA_PUBLIC_KEY = ""
    settings.RECAPTCHA_PRIVATE_KEY = ""
    cache.clear()


def finish():
    """A request to a Welsh page leaves Welsh active in this thread: do not pass it on."""
    translation.deactivate()
    cache.clear()


def hidden_fields(response):
    """The signed tokens a fresh form carries, as a browser would send them back."""
    soup = parse(response)
    return {
        name: soup.select_one(f'input[name="{name}"]')["value"]
        for name in ("rendered", "shown_notice")
    }


def open_form(client, language):
    response = client.get(FORM_URLS[language])
    assert response.status_code == 200
    return hidden_fields(response)


def demographic(kind, index=0):
    return DemographicOption.objects.canonical().filter(kind=kind, prefer_not_to_say=False)[index]


def complete_answers(**changes):
    """Every question answered, every consent given. Boxes not ticked are left out, as a
    browser leaves them out."""
    answers = {
        "name": "Siân Ŵyn ap Dafydd",
        "preferred_name": "Siân",
        "preferred_term": "own",
        "own_term": "goroeswr",
        "how_affected": "victim_survivor",
        "area": str(Area.objects.canonical()[1].pk),
        "language": "cy",
        "email": "sian.wyn@example.org",
        "phone": "07912 345678",
        "address": "1 Heol y Bryn\nCaerfyrddin",
        "preferred_contact": "email",
        "safe_channels": ["email", "text"],
        "voicemail_safe": "on",
        "may_say_opcc": "on",
        "safe_times": "Weekday mornings",
        "safe_contact_notes": "Ask for Siân.",
        "crime_types": [str(crime.pk) for crime in CrimeType.objects.canonical()[:2]],
        "age_band": str(demographic("age_band", 2).pk),
        "gender": str(demographic("gender").pk),
        "ethnicity": str(demographic("ethnicity", 3).pk),
        "disability": str(
            DemographicOption.objects.canonical().get(kind="disability", prefer_not_to_say=True).pk
        ),
        "methods": [str(method.pk) for method in EngagementMethod.objects.all()[:3]],
        "consent_contact": "on",
        "consent_crime_types": "on",
        "consent_demographics": "on",
        "website": "",
    }
    answers.update(changes)
    return {key: value for key, value in answers.items() if value is not None}


def minimal_answers(**changes):
    """Only what is needed to join: no optional question answered, no optional consent."""
    answers = {
        "name": "Alex Morgan",
        "how_affected": "asb",
        "area": str(Area.objects.canonical()[0].pk),
        "language": "en",
        "phone": "01267 226440",
        "preferred_contact": "phone",
        "safe_channels": ["phone"],
        "consent_contact": "on",
        "website": "",
    }
    answers.update(changes)
    return {key: value for key, value in answers.items() if value is not None}


def send(client, language, answers, tokens=None):
    data = {**(tokens or open_form(client, language)), **answers}
    return client.post(FORM_URLS[language], data)


def error_summary(response):
    """[(link target, text)] of the error summary, or None if there is none."""
    summary = parse(response).select_one("[data-error-summary]")
    if summary is None:
        return None
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1"
    return [(link["href"], link.get_text(strip=True)) for link in summary.select("a")]
