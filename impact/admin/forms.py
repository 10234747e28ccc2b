"""The activity form: plain choices for the lists kept as JSON, panels grouped by purpose."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList

from enrolment.models import Member

from ..models.activities import Channel
from ..permissions import SENSITIVE_CRITERIA, may_target_sensitive


class ActivityForm(WagtailAdminModelForm):
    channels = forms.TypedMultipleChoiceField(
        label=_("Ways we will contact members about it"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members whose safe-contact plan rules out all of these are left out."),
    )
    target_how_affected = forms.TypedMultipleChoiceField(
        label=_("How affected"),
        choices=Member.HowAffected.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        widgets = {
            "methods": forms.CheckboxSelectMultiple,
            "target_areas": forms.CheckboxSelectMultiple,
            "target_crime_types": forms.CheckboxSelectMultiple,
            "target_demographics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without the right to see crime types and demographic details, those criteria are
        # not on the form at all: anything posted for them is ignored, and whatever the
        # activity already has is kept (a field not on a model form is left as it was).
        if not may_target_sensitive(self.for_user):
            for name in SENSITIVE_CRITERIA:
                self.fields.pop(name, None)


activity_edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("partner"), FieldPanel("topic")]),
                FieldRowPanel(
                    [FieldPanel("financial_year"), FieldPanel("quarter"), FieldPanel("status")]
                ),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("description"),
                FieldPanel("methods"),
                FieldPanel("channels"),
            ],
            heading=_("The activity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("invitation_purpose"), FieldPanel("invitation_purpose_cy")]
                ),
                FieldRowPanel(
                    [FieldPanel("invitation_involves"), FieldPanel("invitation_involves_cy")]
                ),
                FieldRowPanel([FieldPanel("invitation_when"), FieldPanel("invitation_when_cy")]),
                FieldRowPanel(
                    [FieldPanel("invitation_support"), FieldPanel("invitation_support_cy")]
                ),
                FieldPanel("send_reminder"),
            ],
            heading=_("The invitation"),
            help_text=_(
                "What members read before deciding, in English and in Welsh: the invitation "
                "cannot be sent until both are written and the activity has a closing date. "
                "Who asked, the methods and the closing date are added from the activity, with "
                "a line saying nobody has to take part. Never name anyone."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_areas"),
                FieldPanel("target_language"),
                FieldPanel("target_how_affected"),
                FieldPanel("target_crime_types"),
                FieldPanel("target_demographics"),
                FieldPanel("match_methods"),
            ],
            heading=_("Who to invite"),
            help_text=_(
                "Leave a question empty to include everyone. Withdrawn, lapsed and pending "
                "members, members without consent to be contacted, members with no safe way "
                "to reach them, and members invited recently are always left out."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allow_anonymous"),
                FieldRowPanel([FieldPanel("public_title"), FieldPanel("public_title_cy")]),
                FieldRowPanel([FieldPanel("public_question"), FieldPanel("public_question_cy")]),
            ],
            heading=_("Anonymous contributions"),
        ),
        MultiFieldPanel(
            [FieldPanel("findings"), InlinePanel("recommendations", label=_("Recommendation"))],
            heading=_("Findings and recommendations"),
        ),
    ],
    base_form_class=ActivityForm,
)
