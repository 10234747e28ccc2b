"""Public enrolment addresses, inside the language prefix (English at /, Welsh at /cy/).

Included before Wagtail's catch-all in config.urls. The self-referral form itself is a
Wagtail page (EnrolmentPage), so it is not here.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import link_requests, membership, my_page, renewal, withdrawal

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
    # Translators: the address of the page where a member says whether to renew.
    path(_("membership/renew/"), renewal.renew, name="renew"),
    # Translators: the address for closing a member's page.
    path(_("membership/sign-out/"), membership.sign_out, name="sign_out"),
    # Translators: the address shown after closing a member's page.
    path(_("membership/signed-out/"), membership.signed_out, name="signed_out"),
    # Translators: the address of a member's own page, behind their link.
    path(_("membership/my-details/"), my_page.my_page, name="my_page"),
    # Translators: the address for changing a member's email address.
    path(_("membership/my-details/email/"), my_page.change_email, name="my_page_email"),
    # Translators: the address for changing a member's phone number.
    path(_("membership/my-details/phone/"), my_page.change_phone, name="my_page_phone"),
    # Translators: the address for changing a member's postal address.
    path(_("membership/my-details/address/"), my_page.change_address, name="my_page_address"),
    # Translators: the address for changing a member's safe-contact plan.
    path(
        _("membership/my-details/safe-contact/"), my_page.safe_contact, name="my_page_safe_contact"
    ),
    # Translators: the address for changing a member's language, name and ways of taking part.
    path(_("membership/my-details/about-you/"), my_page.about_you, name="my_page_about_you"),
    # Translators: the address for changing a member's types of crime. It says nothing of
    # what the page is about: it stays in the browser's history.
    path(_("membership/my-details/experience/"), my_page.crime_types, name="my_page_crime_types"),
    # Translators: the address for changing a member's answers for fairness checks.
    path(_("membership/my-details/fairness/"), my_page.fairness, name="my_page_fairness"),
    # Translators: the address for giving or withdrawing a consent; keep <str:purpose>/.
    path(
        _("membership/my-details/consent/<str:purpose>/"),
        my_page.consent,
        name="my_page_consent",
    ),
    # Translators: the address for leaving the network from a member's own page.
    path(_("membership/my-details/leave/"), my_page.leave, name="my_page_leave"),
    # Translators: the address that confirms a member's new email address.
    path(_("membership/confirm-email/"), my_page.confirm_email, name="confirm_email"),
]
