"""Public enrolment addresses, inside the language prefix (English at /, Welsh at /cy/).

Included before Wagtail's catch-all in config.urls. The self-referral form itself is a
Wagtail page (EnrolmentPage), so it is not here.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import withdrawal

app_name = "enrolment_public"

urlpatterns = [
    # Translators: the address of the page for leaving the network; keep <str:token>/.
    path(_("leave/<str:token>/"), withdrawal.withdraw, name="withdraw"),
]
