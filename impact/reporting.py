"""Counts about people, with small groups hidden so that nobody can be singled out.

Every figure about members that leaves the database (admin reports, breakdowns, public
story pages) goes through this module, which hides any count below the minimum group
size set in Engagement settings.

Representativeness compares the members who took part in an activity with the whole
active membership. Each column of a breakdown is protected twice: counts below the
minimum are hidden (0 may show: it singles nobody out), and when exactly one count in a
column is hidden, the next smallest is hidden too, so the hidden one cannot be worked out
from the total minus the others. With fewer participants than the minimum, there is no
breakdown at all.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant

from enrolment.models import Area, ConsentRecord, DemographicOption, Member, Purpose

# The modules themselves, not impact.models: the story page reads its counts from here.
from .models.activities import EngagementActivity, PartnerUpdate, Recommendation
from .models.impact_settings import ImpactSettings


def minimum_group_size():
    return ImpactSettings.load().minimum_group_size


def shown_count(count, minimum=None):
    """The count if it may be shown, else None (below the minimum group size, but not 0)."""
    minimum = minimum_group_size() if minimum is None else minimum
    return count if count == 0 or count >= minimum else None


def public_participation(activity):
    """What a public story may say about its activity: the methods, and how many took part
    (None when fewer than the minimum group size did, so the page says "fewer than N")."""
    if activity is None:
        return None
    minimum = minimum_group_size()
    took_part = activity.participants().count()
    return {
        "methods": [str(method) for method in activity.methods.all()],
        "count": took_part if took_part >= minimum else None,
        "minimum": minimum,
    }


# --- representativeness ------------------------------------------------------------------

# (key, heading). Demographic ones are kept only with their own consent.
DIMENSIONS = {
    "area": _("Area"),
    "language": _("Language"),
    "age_band": _("Age band"),
    "gender": _("Gender"),
    "ethnicity": _("Ethnic group"),
}
DEMOGRAPHIC_DIMENSIONS = ("age_band", "gender", "ethnicity")

ANSWER = "answer"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
NOT_RECORDED = "not_recorded"


def percent(count, total):
    """A whole percentage, rounded half up (2 of 8 is 25, 1 of 8 is 13)."""
    return (200 * count + total) // (2 * total) if total else 0


def suppress(counts, minimum):
    """The counts of one column with small ones hidden (None), then one more if needed.

    A count below the minimum is hidden, except 0. If exactly one is hidden, the smallest
    other count above 0 is hidden too, otherwise the total minus the shown counts gives
    the hidden one away.
    """
    shown = [shown_count(count, minimum) for count in counts]
    hidden = [index for index, value in enumerate(shown) if value is None]
    if len(hidden) == 1:
        others = [
            index for index, count in enumerate(counts) if shown[index] is not None and count > 0
        ]
        if others:
            shown[min(others, key=lambda index: (counts[index], index))] = None
    return shown


@dataclass
class Cell:
    count: int | None  # None: hidden
    percent: int | None

    @property
    def hidden(self):
        return self.count is None


@dataclass
class Row:
    key: str
    label: str
    kind: str
    took_part: Cell
    members: Cell

    @property
    def cells(self):
        return (self.took_part, self.members)


@dataclass
class Breakdown:
    key: str
    label: str
    rows: list
    took_part_total: int
    members_total: int | None  # None: too few active members to show
    chart: str = ""


@dataclass
class Representativeness:
    minimum: int
    took_part: int
    members: int
    breakdowns: list = field(default_factory=list)

    @property
    def too_few(self):
        """Fewer took part than the minimum group size: no breakdown may be shown."""
        return self.took_part < self.minimum

    @property
    def nobody(self):
        return self.took_part == 0


def _tally(members, dimensions):
    """{dimension: {answer or None: count}} for a set of members, in one grouped query.

    Demographic answers count only while the member's newest demographics consent is given;
    without it (or without an answer) they are "not recorded".
    """
    consent = ConsentRecord.objects.filter(member=OuterRef("pk"), purpose=Purpose.DEMOGRAPHICS)
    columns = {
        "area": "area_id",
        "language": "language",
        "age_band": "age_band_id",
        "gender": "gender_id",
        "ethnicity": "ethnicity_id",
    }
    groups = (
        members.annotate(
            demographics_consent=Subquery(
                consent.order_by("-recorded_at", "-pk").values("granted")[:1]
            )
        )
        .order_by()
        .values(*(columns[name] for name in dimensions), "demographics_consent")
        .annotate(number=Count("pk", distinct=True))
    )
    tally = {name: {} for name in dimensions}
    total = 0
    for group in groups:
        total += group["number"]
        for name in dimensions:
            answer = group[columns[name]]
            if name in DEMOGRAPHIC_DIMENSIONS and group["demographics_consent"] is not True:
                answer = None
            if answer == "":
                answer = None
            tally[name][answer] = tally[name].get(answer, 0) + group["number"]
    return tally, total


def _answers(dimensions, tallies):
    """{dimension: [(answer, label, kind)]} in list order, labels in the reader's language.

    Every entry in the default language, plus any other entry someone points at."""

    def seen(names):
        return {
            answer
            for tally in tallies
            for name in names
            for answer in tally.get(name, {})
            if answer is not None
        }

    answers = {}
    if "language" in dimensions:
        answers["language"] = [
            (value, str(label), ANSWER) for value, label in Member.Language.choices
        ]
    if "area" in dimensions:
        default = Q(locale__language_code=_default_language())
        areas = list(Area.objects.filter(default | Q(pk__in=seen(["area"]))))
        versions = Area.in_language([area.translation_key for area in areas])
        answers["area"] = [
            (area.pk, versions.get(area.translation_key, area).name, ANSWER) for area in areas
        ]
    wanted = [name for name in dimensions if name in DEMOGRAPHIC_DIMENSIONS]
    if wanted:
        options = list(
            DemographicOption.objects.filter(kind__in=wanted).filter(
                Q(locale__language_code=_default_language()) | Q(pk__in=seen(wanted))
            )
        )
        versions = DemographicOption.in_language([option.translation_key for option in options])
        options.sort(key=lambda option: (option.prefer_not_to_say, option.sort_order, option.pk))
        for name in wanted:
            answers[name] = [
                (
                    option.pk,
                    versions.get(option.translation_key, option).name,
                    PREFER_NOT_TO_SAY if option.prefer_not_to_say else ANSWER,
                )
                for option in options
                if option.kind == name
            ]
    return answers


def _default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _column(counts, total, minimum):
    """Cells for one column; a column whose total is below the minimum shows nothing."""
    if shown_count(total, minimum) is None:
        return [Cell(None, None) for _count in counts]
    return [
        Cell(value, None if value is None else percent(value, total))
        for value in suppress(counts, minimum)
    ]


def representativeness(activity, dimensions=tuple(DIMENSIONS)):
    """Who took part in an activity compared with all active members, dimension by dimension.

    Rows nobody in either group gave are left out. When fewer than the minimum group size
    took part, ``breakdowns`` is empty and ``too_few`` is true.
    """
    minimum = minimum_group_size()
    took_part, took_part_total = _tally(activity.participants(), dimensions)
    report = Representativeness(minimum=minimum, took_part=took_part_total, members=0)
    members, members_total = _tally(Member.objects.filter(status=Member.Status.ACTIVE), dimensions)
    report.members = members_total
    if report.too_few:
        return report

    answers = _answers(dimensions, (took_part, members))
    for name in dimensions:
        rows = [
            (key, label, kind, took_part[name].get(key, 0), members[name].get(key, 0))
            for key, label, kind in answers[name]
        ]
        rows.append(
            (
                None,
                str(_("Not recorded")),
                NOT_RECORDED,
                took_part[name].get(None, 0),
                members[name].get(None, 0),
            )
        )
        rows = [row for row in rows if row[3] or row[4]]
        took_part_cells = _column([row[3] for row in rows], took_part_total, minimum)
        members_cells = _column([row[4] for row in rows], members_total, minimum)
        report.breakdowns.append(
            Breakdown(
                key=name,
                label=str(DIMENSIONS[name]),
                rows=[
                    Row(
                        key=f"{name}-{'none' if key is None else key}",
                        label=label,
                        kind=kind,
                        took_part=took_part_cell,
                        members=members_cell,
                    )
                    for (key, label, kind, _a, _b), took_part_cell, members_cell in zip(
                        rows, took_part_cells, members_cells, strict=True
                    )
                ],
                took_part_total=took_part_total,
                members_total=shown_count(members_total, minimum),
            )
        )
    return report


# --- outcomes ----------------------------------------------------------------------------


def recommendations_awaiting_update(activities=None):
    """Recommendations whose partner has not yet said what came of them: no update yet, or
    the newest one accepted or in progress. By default, in closed and reported activities."""
    if activities is None:
        activities = EngagementActivity.objects.filter(
            status__in=(EngagementActivity.Status.CLOSED, EngagementActivity.Status.REPORTED)
        )
    newest = PartnerUpdate.objects.filter(recommendation=OuterRef("pk")).order_by(
        "-date", "-recorded_at", "-pk"
    )
    return (
        Recommendation.objects.filter(activity__in=activities)
        .annotate(newest_status=Subquery(newest.values("status")[:1]))
        .filter(Q(newest_status__isnull=True) | Q(newest_status__in=PartnerUpdate.OPEN_STATUSES))
        .select_related("activity")
        # Oldest activities first: their partners have been waited on longest.
        .order_by("activity__financial_year", "activity__quarter", "activity_id", "sort_order")
    )
