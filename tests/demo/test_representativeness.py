"""The development demo has enough members for "Who took part" to show real groups."""

import pytest
from django.core.management import call_command

from impact.models import EngagementActivity
from impact.reporting import representativeness

pytestmark = pytest.mark.django_db


def test_the_demo_shows_groups_on_who_took_part_with_some_still_hidden(settings):
    settings.DEMO_ACCOUNTS_ENABLED = True
    settings.DEMO_ACCOUNT_PASSWORD = "a-throwaway-test-password"
    call_command("load_demo_content", verbosity=0)
    activity = EngagementActivity.objects.get(public_code="demo-letters")

    report = representativeness(activity)

    assert not report.too_few
    hidden = 0
    for breakdown in report.breakdowns:
        shown = [row for row in breakdown.rows if row.took_part.count]
        assert shown, breakdown.key
        hidden += sum(row.took_part.hidden for row in breakdown.rows)
    assert hidden
