"""Members reached by each channel, and sending an activity's invitation as staff do."""

from django.urls import reverse

from tests.factories import MemberFactory

ADDRESS = "1 Heol y Bont\nCaerfyrddin\nSA31 1AA"


def url(name, activity, *more):
    return reverse(f"impact_activities:{name}", args=[activity.pk, *more])


def by_email(**fields):
    return MemberFactory(**fields)


def by_letter(**fields):
    return MemberFactory(
        **{
            "email": "",
            "email_safe": False,
            "address": ADDRESS,
            "letter_safe": True,
            "preferred_contact": "post",
            **fields,
        }
    )


def by_phone(**fields):
    return MemberFactory(
        **{
            "email": "",
            "email_safe": False,
            "phone": "07700 900123",
            "phone_safe": True,
            "preferred_contact": "phone",
            **fields,
        }
    )


def by_text_only(**fields):
    """Safe only by text message, which the product cannot send."""
    return MemberFactory(
        **{
            "email": "",
            "email_safe": False,
            "phone": "07700 900124",
            "text_safe": True,
            "preferred_contact": "text",
            **fields,
        }
    )


def send_invitation(client, activity, members, capture=None):
    """Post the send screen with `members` ticked; with `capture` (pytest-django's
    django_capture_on_commit_callbacks), the queued emails go out too."""
    data = {"member": [member.pk for member in members]}
    if capture is None:
        return client.post(url("send_invitation", activity), data)
    with capture(execute=True):
        return client.post(url("send_invitation", activity), data)
