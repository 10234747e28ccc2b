"""Public enrolment addresses, inside the language prefix (English at /, Welsh at /cy/).

Included before Wagtail's catch-all in config.urls. The self-referral form itself is a
Wagtail page (EnrolmentPage), so it is not here.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import link_requests, membership, withdrawal

app_name = "enrolment_public"

urlpatterns = [
    # Translators: the address of the page for leaving the network; keep <str:token>/.
    path(_("leave/<str:token>/"), withdrawal.withdraw, name="withdraw"),
    # Translators: the address of the page where members ask for a link to their page.
    path(_("membership/"), link_requests.request_link, name="request_link"),
    # Translators: the address shown after asking for a link.
    path(_("membership/check-your-messages/"), link_requests.link_requested, name="link_requested"),
    # Translators: the address that opens a member's link; keep <str:token>/.
    path(_("membership/open/<str:token>/"), membership.open_link, name="open_link"),
    # Translators: the address of a message to a member, behind their link.
    path(_("membership/message/"), membership.message, name="message"),
    # Translators: the address for closing a member's page.
    path(_("membership/sign-out/"), membership.sign_out, name="sign_out"),
    # Translators: the address shown after closing a member's page.
    path(_("membership/signed-out/"), membership.signed_out, name="signed_out"),
]
