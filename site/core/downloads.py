"""CSV downloads from the staff area: every export is made here, the same safe way.

- each cell is text a spreadsheet shows, never a formula it runs (a member's answer
  starting with "=" must not become a formula on a staff computer);
- UTF-8 with a byte order mark, so Excel reads Welsh letters right;
- a file name with the date and time of the export, so two exports never collide;
- never kept by a browser or a shared cache.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

# Excel and LibreOffice run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell value that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_download(file_stem, headings, rows):
    """(the response, how many rows it holds): `rows` is any iterable of cell lists."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow([csv_safe(heading) for heading in headings])
    count = 0
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
        count += 1
    response = HttpResponse(
        output.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{file_stem}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response, count
