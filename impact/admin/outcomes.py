"""Outcomes: the activity's recommendations and what each partner said it did about them.

Recommendations are written in the activity form. Staff record each partner update here
(a dated status, and the partner's reason when a recommendation is not adopted); the
activity page shows the whole timeline, newest update first.
"""

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.widgets import AdminDateInput

from ..audit import audit
from ..models import MemberUpdate, PartnerUpdate
from ..permissions import can
from .base import ActivityPageMixin, activity_url
from .member_updates import tell_participants_url

NOTE_MAX_LENGTH = 4000


def activity_page_url(activity):
    return activity_url("inspect", activity, anchor="outcomes")


def add_update_url(activity, recommendation=None):
    url = activity_url("add_partner_update", activity)
    return f"{url}?recommendation={recommendation.pk}" if recommendation else url


class RecommendationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return Truncator(obj.text).chars(160)


class PartnerUpdateForm(forms.ModelForm):
    """One update from the partner on one of THIS activity's recommendations."""

    recommendation = RecommendationChoiceField(
        label=gettext_lazy("Recommendation"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("What the partner said"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Required when the recommendation was not adopted: give the reason. "
            "Never anything that could identify a member."
        ),
    )

    class Meta:
        model = PartnerUpdate
        fields = ["recommendation", "date", "status", "note"]
        widgets = {"date": AdminDateInput, "status": forms.RadioSelect}

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = activity.recommendations.all()
        self.fields["status"].choices = PartnerUpdate.Status.choices

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date of the update cannot be in the future."))
        return date


class PartnerUpdateView(ActivityPageMixin, FormView):
    model = PartnerUpdate
    permission_required = "add"
    template_name = "impact/admin/outcomes/update_form.html"
    form_class = PartnerUpdateForm
    page_title = gettext_lazy("Record a partner update")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["activity"] = self.activity
        kwargs["instance"] = PartnerUpdate(recorded_by=self.request.user)
        return kwargs

    def get_initial(self):
        initial = {"date": timezone.localdate()}
        chosen = self.request.GET.get("recommendation", "")
        if chosen.isdigit() and self.activity.recommendations.filter(pk=chosen).exists():
            initial["recommendation"] = int(chosen)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "has_recommendations": self.activity.recommendations.exists(),
                "edit_url": activity_url("edit", self.activity),
                "cancel_url": activity_page_url(self.activity),
            }
        )
        return context

    def form_valid(self, form):
        with transaction.atomic():
            update = form.save(commit=False)
            update.recorded_by = self.request.user
            update.recorded_at = timezone.now()
            update.save()
            # The note stays out of the log: only which recommendation, the status and date.
            audit(
                self.activity,
                "impact.partner_update",
                user=self.request.user,
                data={
                    "recommendation": update.recommendation_id,
                    "status": update.status,
                    "date": update.date.isoformat(),
                },
            )
        messages.success(
            self.request,
            _("Partner update recorded: %(status)s.") % {"status": update.get_status_display()},
        )
        return redirect(activity_page_url(self.activity))


urlpatterns = [
    path(
        "<int:pk>/updates/add/",
        PartnerUpdateView.as_view(),
        name="add_partner_update",
    ),
]


def page_context(request, activity):
    recommendations = list(activity.recommendations.prefetch_related("updates"))
    can_record = can(request.user, "add", PartnerUpdate)
    can_tell = can(request.user, "add", MemberUpdate)
    for recommendation in recommendations:
        for update in recommendation.updates.all():
            # "Tell the participants" starts an update to those who took part.
            update.tell_url = tell_participants_url(activity, update) if can_tell else ""
    timeline = [
        {
            "recommendation": recommendation,
            "updates": list(recommendation.updates.all()),
            "latest": recommendation.latest_update,
            "awaiting": recommendation.awaiting_update,
            "add_url": add_update_url(activity, recommendation) if can_record else "",
        }
        for recommendation in recommendations
    ]
    return {
        "outcomes": {
            "timeline": timeline,
            "awaiting": sum(1 for item in timeline if item["awaiting"]),
            "add_url": add_update_url(activity) if can_record and timeline else "",
            "can_tell": can_tell,
            "edit_url": activity_url("edit", activity),
        }
    }
