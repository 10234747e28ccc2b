"""Charts drawn on the server as inline SVG: no script, no outside request, readable in print.

Each chart is one image (role="img") with a title and a description; the same figures are
always in a table beside it. Two series are told apart by fill AND pattern (solid and
hatched), with a legend in words, and every bar carries its value as text. Hidden values
(groups too small to show) are not drawn: the row says so in words.
"""

import textwrap

from django.template.loader import render_to_string
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


def _bar(x, y, value, fill):
    """Where one bar and its value go; a hidden value has no bar, only words."""
    text_y = y + BAR_HEIGHT - 3
    if value is None:
        return {"hidden": True, "text_x": x + 6, "text_y": text_y}
    width = round(BAR_SPAN * min(max(value, 0), 100) / 100, 1)
    return {
        "hidden": False,
        "x": x,
        "y": y,
        "width": width,
        "fill": fill,
        "value": value,
        "text_x": x + width + 6,
        "text_y": text_y,
    }


def paired_bar_chart(chart_id, title, description, rows, series, hidden_text):
    """Paired horizontal bars in percent, as SVG markup (templates/impact/charts).

    rows: [(label, first percent or None, second percent or None)]; None is hidden.
    series: (first series name, second series name), drawn solid and hatched.
    """
    hatch = f"{chart_id}-hatch"

    # The legend, in words and swatches of the same fill.
    legend_y = 12
    legend = []
    x = BARS_X
    for name, fill in zip(series, (SOLID, f"url(#{hatch})"), strict=True):
        legend.append(
            {
                "x": x,
                "y": legend_y,
                "fill": fill,
                "name": name,
                "text_x": x + 24,
                "text_y": legend_y + BAR_HEIGHT - 3,
            }
        )
        x += 30 + 8 * len(str(name)) + 20

    y = LEGEND_HEIGHT
    top = y
    laid_out = []
    for label, first, second in rows:
        lines = _wrap(label)
        height = max(2 * BAR_HEIGHT + BAR_GAP, len(lines) * LINE_HEIGHT)
        label_y = y + 12
        laid_out.append(
            {
                "lines": [
                    {"x": LABEL_X, "y": label_y + index * LINE_HEIGHT, "text": line}
                    for index, line in enumerate(lines)
                ],
                "bars": [
                    _bar(BARS_X, y, first, SOLID),
                    _bar(BARS_X, y + BAR_HEIGHT + BAR_GAP, second, f"url(#{hatch})"),
                ],
            }
        )
        y += height + ROW_GAP
    bottom = y - ROW_GAP / 2

    # The scale, every 25%, behind the bars.
    grid = [
        {
            "x": BARS_X + BAR_SPAN * tick / 100,
            "top": top - 4,
            "bottom": bottom,
            "label_y": bottom + 16,
            "dash": "none" if tick == 0 else "2 3",
            "percent": tick,
        }
        for tick in (0, 25, 50, 75, 100)
    ]
    return render_to_string(
        "impact/charts/paired_bar_chart.svg",
        {
            "chart_id": chart_id,
            "hatch": hatch,
            "title": title,
            "description": description,
            "width": WIDTH,
            "height": round(bottom + AXIS_HEIGHT),
            "bar_height": BAR_HEIGHT,
            "colours": {"text": TEXT, "outline": OUTLINE, "grid": GRID},
            "legend": legend,
            "rows": laid_out,
            "grid": grid,
            "hidden_text": hidden_text,
        },
    )


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
