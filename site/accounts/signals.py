import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .sessions import SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="accounts_record_sign_in_time")
def record_sign_in_time(sender, request, user, **kwargs):
    # The absolute session limit counts from here, however active the session stays.
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())
