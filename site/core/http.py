from django.http import HttpResponseRedirect


class SeeOther(HttpResponseRedirect):
    """After a POST, a GET of the next page (so reloading it never sends the form again)."""

    status_code = 303
