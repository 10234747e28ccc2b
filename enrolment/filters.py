"""Filters for the member list and the export, on fields that are stored in clear.

Personal identifiers are encrypted and never filtered: finding one person by email or
phone goes through the exact look-up (a POST form, so the address never sits in a URL).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from core.dates import NO, YES

from .models import Area, CrimeType, Member
from .permissions import VIEW_SENSITIVE, can

# Withdrawn members asked not to be contacted and erased ones hold nothing: the list
# leaves them out unless staff ask for them by status.
HIDDEN_UNLESS_CHOSEN = (Member.Status.WITHDRAWN, Member.Status.ERASED)


def default_members(queryset):
    return queryset.exclude(status__in=HIDDEN_UNLESS_CHOSEN)


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Member.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice: pending, active and lapsed members."),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        queryset=lambda request: Area.objects.canonical(),
        empty_label=_("All"),
        blank=True,
        widget=forms.RadioSelect,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Member.Language.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    preferred_contact = django_filters.ChoiceFilter(
        label=_("Preferred contact method"),
        choices=Member.ContactMethod.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    crime_type = django_filters.ModelChoiceFilter(
        label=_("Crime type"),
        field_name="crime_types",
        queryset=lambda request: CrimeType.objects.canonical(),
        empty_label=_("All"),
        blank=True,
        widget=forms.RadioSelect,
    )
    how_affected = django_filters.ChoiceFilter(
        label=_("How affected"),
        choices=Member.HowAffected.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    term_ending_soon = django_filters.ChoiceFilter(
        label=_("Term ends within 60 days"),
        choices=[("yes", YES), ("no", NO)],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_term_ending_soon",
    )

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Crime types are sensitive: without the permission the filter does not exist,
        # so a hand-made URL cannot use it to learn who has which crime type.
        if request is None or not can(request.user, VIEW_SENSITIVE):
            del self.filters["crime_type"]

    def filter_term_ending_soon(self, queryset, name, value):
        ending = Member.objects.term_ending_soon().values("pk")
        if value == "yes":
            return queryset.filter(pk__in=ending)
        return queryset.exclude(pk__in=ending)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = default_members(queryset)
        if self.form.cleaned_data.get("crime_type"):
            queryset = queryset.distinct()
        return queryset

    def describe(self):
        """The chosen filters as {name: readable value}, for the audit log (never personal)."""
        chosen = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []):
                continue
            if isinstance(value, list | tuple):
                chosen[name] = [str(item) for item in value]
            else:
                chosen[name] = str(value)
        return chosen
