"""Dates and yes/no answers as staff screens, exports and a member's file show them."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

YES = pgettext_lazy("answer", "Yes")
NO = pgettext_lazy("answer", "No")


def yes_no(value):
    return YES if value else NO


def day(value):
    return date_format(value, "j F Y") if value else ""


def moment(value):
    return date_format(timezone.localtime(value), "j F Y, H:i") if value else ""
