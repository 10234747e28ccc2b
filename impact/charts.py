"""Charts drawn on the server as inline SVG: no script, no outside request, readable in print.

Each chart is one image (role="img") with a title and a description; the same figures are
always in a table beside it. Two series are told apart by fill AND pattern (solid and
hatched), with a legend in words, and every bar carries its value as text. Hidden values
(groups too small to show) are not drawn: the row says so in words.
"""

import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 720
LABEL_X = 8
LABEL_CHARS = 30  # characters per line of a row label
BARS_X = 260
BAR_SPAN = 380  # the width of 100%
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 14
LINE_HEIGHT = 15
LEGEND_HEIGHT = 40
AXIS_HEIGHT = 26

TEXT = "#1a1a1a"
SOLID = "#1d4f91"  # 8.6:1 on white
OUTLINE = "#333333"
GRID = "#9a9a9a"


def _wrap(label):
    lines = textwrap.wrap(str(label), LABEL_CHARS) or [""]
    if len(lines) > 3:
        lines = lines[:2] + [textwrap.shorten(" ".join(lines[2:]), LABEL_CHARS, placeholder="…")]
    return lines


def _bar(x, y, value, fill, hidden_text):
    """One bar and its value, or the words for a hidden value and no bar."""
    if value is None:
        return (
            f'<text x="{x + 6}" y="{y + BAR_HEIGHT - 3}" font-size="12" font-style="italic" '
            f'fill="{TEXT}">{escape(hidden_text)}</text>'
        )
    width = round(BAR_SPAN * min(max(value, 0), 100) / 100, 1)
    parts = []
    if width:
        parts.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{BAR_HEIGHT}" fill="{fill}" '
            f'stroke="{OUTLINE}" stroke-width="1"/>'
        )
    parts.append(
        f'<text x="{x + width + 6}" y="{y + BAR_HEIGHT - 3}" font-size="12" '
        f'fill="{TEXT}">{value}%</text>'
    )
    return "".join(parts)


def paired_bar_chart(chart_id, title, description, rows, series, hidden_text):
    """Paired horizontal bars in percent.

    rows: [(label, first percent or None, second percent or None)]; None is hidden.
    series: (first series name, second series name), drawn solid and hatched.
    """
    chart_id = escape(chart_id)
    hatch = f"{chart_id}-hatch"
    body = []

    # The legend, in words and swatches of the same fill.
    legend_y = 12
    x = BARS_X
    for name, fill in zip(series, (SOLID, f"url(#{hatch})"), strict=True):
        body.append(
            f'<rect x="{x}" y="{legend_y}" width="18" height="{BAR_HEIGHT}" fill="{fill}" '
            f'stroke="{OUTLINE}" stroke-width="1"/>'
            f'<text x="{x + 24}" y="{legend_y + BAR_HEIGHT - 3}" font-size="13" '
            f'fill="{TEXT}">{escape(name)}</text>'
        )
        x += 30 + 8 * len(str(name)) + 20

    y = LEGEND_HEIGHT
    top = y
    for label, first, second in rows:
        lines = _wrap(label)
        height = max(2 * BAR_HEIGHT + BAR_GAP, len(lines) * LINE_HEIGHT)
        label_y = y + 12
        tspans = "".join(
            f'<tspan x="{LABEL_X}" y="{label_y + index * LINE_HEIGHT}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        body.append(f'<text font-size="13" fill="{TEXT}">{tspans}</text>')
        body.append(_bar(BARS_X, y, first, SOLID, hidden_text))
        body.append(_bar(BARS_X, y + BAR_HEIGHT + BAR_GAP, second, f"url(#{hatch})", hidden_text))
        y += height + ROW_GAP
    bottom = y - ROW_GAP / 2

    # The scale, every 25%, behind the bars.
    grid = []
    for tick in (0, 25, 50, 75, 100):
        tick_x = BARS_X + BAR_SPAN * tick / 100
        grid.append(
            f'<line x1="{tick_x}" y1="{top - 4}" x2="{tick_x}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="1" stroke-dasharray="{"none" if tick == 0 else "2 3"}"/>'
            f'<text x="{tick_x}" y="{bottom + 16}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT}">{tick}%</text>'
        )
    height = round(bottom + AXIS_HEIGHT)

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{OUTLINE}" stroke-width="3"/></pattern></defs>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{''.join(grid)}{''.join(body)}</svg>"
    )
    return mark_safe(svg)  # noqa: S308  (every piece of text above is escaped)


def representativeness_chart(breakdown):
    """The chart for one dimension of impact.reporting.representativeness."""
    took_part, members = _("Took part"), _("All active members")
    return paired_bar_chart(
        chart_id=f"representativeness-{breakdown.key}",
        title=_("%(dimension)s: who took part compared with all active members")
        % {"dimension": breakdown.label},
        description=_(
            "Paired bars for each answer: the percentage of the people who took part "
            "(solid) and of all active members (hatched). Groups too small to show are "
            "not drawn. The same figures are in the table."
        ),
        rows=[(row.label, row.took_part.percent, row.members.percent) for row in breakdown.rows],
        series=(took_part, members),
        hidden_text=_("hidden (small group)"),
    )
