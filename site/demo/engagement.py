"""Partners, topics and engagement activities (content/partners.yaml, topics.yaml,
activities.yaml), and, in development, the demo members' invitations.

Partners and topics have fixed translation keys, activities fixed public codes: a second
run finds what the first made. Nothing that exists is changed.
"""

from enrolment.models import EngagementMethod, Member
from impact.audit import audit
from impact.models import (
    EngagementActivity,
    Invitation,
    Partner,
    PartnerUpdate,
    Recommendation,
    Topic,
)
from impact.models.activities import financial_year_of, quarter_of

from .content import demo_key, moment, on, read
from .people import crowd_numbers, member_email

LIST_FILES = {"partner": (Partner, "partners"), "topic": (Topic, "topics")}


def load_lists(locales):
    """{"partner": {language: {key: entry}}, "topic": {...}}, made where missing."""
    return {kind: load_list(kind, *LIST_FILES[kind], locales) for kind in LIST_FILES}


def load_list(kind, model, name, locales):
    """An entry an editor already made with the same slug is used as it is."""
    entries = {language: {} for language in locales}
    for order, (key, spec) in enumerate(read(name).items()):
        translation_key = demo_key(kind, key)
        for language, locale in locales.items():
            text = spec[language]
            entry = (
                model.objects.filter(translation_key=translation_key, locale=locale).first()
                or model.objects.filter(slug=text["slug"], locale=locale).first()
            )
            if entry is None:
                entry = model(
                    translation_key=translation_key, locale=locale, sort_order=order, **text
                )
                if "website" in spec:
                    entry.website = spec["website"]
                entry.full_clean()
                entry.save()
            entries[language][key] = entry
            # The Welsh entry is the translation of the English one, whoever made it.
            translation_key = entries["en"][key].translation_key
    return entries


def load_activities(partners, topics, today):
    """{public code: activity}, each made (with its outcomes) if missing."""
    return {
        spec["code"]: load_activity(spec, partners, topics, today) for spec in read("activities")
    }


def load_activity(spec, partners, topics, today):
    activity = EngagementActivity.objects.filter(public_code=spec["code"]).first()
    if activity is not None:
        return activity
    opens, closes = on(today, spec["opens"]), on(today, spec["closes"])
    # The quarter it runs in: today's for an open one, else the nearest end of its dates.
    runs = min(max(today, opens), closes)
    public = spec.get("public", {})
    activity = EngagementActivity(
        public_code=spec["code"],
        title=spec["title"],
        partner=partners[spec["partner"]],
        topic=topics[spec["topic"]],
        financial_year=financial_year_of(runs),
        quarter=quarter_of(runs),
        status=EngagementActivity.Status(spec["status"]),
        description=spec.get("description", ""),
        channels=[Member.ContactMethod(channel) for channel in spec["channels"]],
        opens_on=opens,
        closes_on=closes,
        findings=spec.get("findings", ""),
        allow_anonymous=bool(public),
    )
    if public:
        activity.public_title = public["en"]["title"]
        activity.public_question = public["en"]["question"]
        activity.public_title_cy = public["cy"]["title"]
        activity.public_question_cy = public["cy"]["question"]
    invitation = spec.get("invitation")
    if invitation:
        for part in ("purpose", "involves", "when", "support"):
            setattr(activity, f"invitation_{part}", invitation["en"][part])
            setattr(activity, f"invitation_{part}_cy", invitation["cy"][part])
    activity.full_clean()
    activity.save()
    activity.methods.set(EngagementMethod.objects.filter(code__in=spec["methods"]))
    for order, item in enumerate(spec.get("recommendations", [])):
        recommendation = Recommendation.objects.create(
            activity=activity, text=item["text"], sort_order=order
        )
        for update in item.get("updates", []):
            day = on(today, update["day"])
            update = PartnerUpdate(
                recommendation=recommendation,
                date=day,
                status=PartnerUpdate.Status(update["status"]),
                note=update.get("note", ""),
                recorded_at=moment(day),
            )
            update.full_clean()
            update.save()
    return activity


def invite_members(activities, today):
    """Development only: the demo members' missing invitations, each by a safe channel.

    Made before the stories are published: publishing a story tells the members who took
    part (impact.notify), the last step of the loop the demo shows.
    """
    for position, spec in enumerate(read("activities")):
        activity = activities[spec["code"]]
        invited_on = on(today, spec.get("invited", 0))
        answered_on = on(today, min(spec["closes"], 0))
        invitations = dict(spec.get("invitations", {}))
        if spec.get("crowd"):
            for number in crowd_numbers():
                invitations[number] = "took_part" if (number + position) % 3 else "no_reply"
        for number, state in invitations.items():
            state = Invitation.State(state)
            member = Member.objects.with_email(member_email(number)).first()
            if member is None or member.status != Member.Status.ACTIVE:
                continue
            if activity.invitations.filter(member=member).exists():
                continue
            allowed = [channel for channel in member.safe_channels if channel in activity.channels]
            if not allowed:
                continue
            channel = (
                member.preferred_contact if member.preferred_contact in allowed else allowed[0]
            )
            reply = spec.get("replies", {}).get(number, {})
            Invitation.objects.create(
                activity=activity,
                member=member,
                channel=channel,
                state=state,
                invited_at=moment(invited_on),
                state_changed_at=moment(
                    answered_on if state != Invitation.State.INVITED else invited_on
                ),
                replied_at=moment(answered_on) if reply else None,
                method=EngagementMethod.objects.filter(code=reply.get("method", "")).first(),
                access_needs=reply.get("access_needs", ""),
                topic_affects_me=bool(reply.get("topic_affects_me")),
            )
            audit(member, "impact.invite", data={"activity": activity.pk, "channel": channel})
            if state != Invitation.State.INVITED:
                audit(
                    member,
                    "impact.invitation_state",
                    data={"activity": activity.pk, "state": state},
                )
