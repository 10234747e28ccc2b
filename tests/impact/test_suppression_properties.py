"""The representativeness table's small-number suppression, over many columns of counts:
no shown count is below the minimum group size, and no hidden one can be worked out by
taking the shown ones from the total."""

from hypothesis import given, settings
from hypothesis import strategies as st

from impact.reporting import suppress

columns = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)
minimums = st.integers(min_value=2, max_value=20)
quick = settings(max_examples=150, deadline=None)


@quick
@given(counts=columns, minimum=minimums)
def test_a_shown_count_is_true_and_never_small(counts, minimum):
    for count, shown in zip(counts, suppress(counts, minimum), strict=True):
        assert shown is None or shown == count
        assert shown is None or shown == 0 or shown >= minimum


@quick
@given(counts=columns, minimum=minimums)
def test_every_small_count_is_hidden(counts, minimum):
    for count, shown in zip(counts, suppress(counts, minimum), strict=True):
        if 0 < count < minimum:
            assert shown is None


@quick
@given(counts=columns, minimum=minimums)
def test_no_hidden_count_follows_from_the_total(counts, minimum):
    # The table shows a column only when its total reaches the minimum (and shows that
    # total); then a single hidden cell would be the total minus the others.
    total = sum(counts)
    if total < minimum:
        return
    hidden = [
        count
        for count, shown in zip(counts, suppress(counts, minimum), strict=True)
        if shown is None
    ]
    assert len(hidden) != 1
    assert all(count > 0 for count in hidden)
