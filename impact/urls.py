"""Public impact addresses, inside the language prefix (English at /, Welsh at /cy/).

Included before Wagtail's catch-all in config.urls. The paths are translated through the
catalogue, so the Welsh form is at /cy/dweud-eich-dweud/<code>/. A member's reply to an
invitation lives beside enrolment's membership pages, behind their link.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import replies, updates, views

app_name = "impact_public"

urlpatterns = [
    # Translators: the address of the list of activities taking anonymous feedback.
    path(_("have-your-say/"), views.activity_list, name="contributions"),
    # Translators: the address of the page shown after sending feedback.
    path(_("have-your-say/thank-you/"), views.thank_you, name="thank_you"),
    # Translators: the address of one activity's feedback form; keep <slug:code>/.
    path(_("have-your-say/<slug:code>/"), views.contribute, name="contribute"),
    # Translators: the address a member posts to, from an update's page, to re-confirm
    # their consent under the current privacy notice.
    path(_("membership/message/reconfirm/"), updates.reconfirm, name="reconfirm_consent"),
    # Translators: the address of a member's reply to an invitation, behind their link;
    # keep <int:invitation_id>/.
    path(
        _("membership/invitation/<int:invitation_id>/"),
        replies.invitation_reply,
        name="invitation_reply",
    ),
]
