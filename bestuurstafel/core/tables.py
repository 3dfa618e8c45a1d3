"""Lists as spreadsheets: CSV (any program) and XLSX (Excel), with the same columns and rows.

Every export goes through the selector of the page it comes from; this module only writes.
Dates become Dutch dates (``9-10-2025`` in CSV, real dates shown ``dd-mm-jjjj`` in Excel).
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DATE_FORMAT = "DD-MM-YYYY"

# Text that starts like a formula is written as text: a spreadsheet would otherwise run a
# decision's text "=HYPERLINK(...)" as a formula (CSV injection). In CSV the cell gets a leading
# apostrophe, which Excel hides and `core.imports` removes again; in XLSX it is a text cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _text(value: Any) -> Any:
    if isinstance(value, Promise):  # a translatable label
        value = str(value)
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else value


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return buffer.getvalue().encode()


def xlsx_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])  # Excel's limit for a sheet's name

    def cell(value: Any) -> Any:
        if isinstance(value, Promise):  # a translatable label
            value = str(value)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            text = WriteOnlyCell(worksheet, value=value)
            text.data_type = "s"  # openpyxl makes "=..." a formula otherwise
            return text
        if isinstance(value, datetime):
            value = timezone.localtime(value).replace(tzinfo=None)
        if isinstance(value, date):
            written = WriteOnlyCell(worksheet, value=value)
            written.number_format = (
                f"{DATE_FORMAT} HH:MM" if isinstance(value, datetime) else DATE_FORMAT
            )
            return written
        return "" if value is None else value

    worksheet.append(list(columns))
    for row in rows:
        worksheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(
    *,
    fmt: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filename: str,
    sheet: str,
) -> HttpResponse:
    """``filename`` without its extension; ``fmt`` one of ``FORMATS``."""
    body = csv_bytes(columns, rows) if fmt == "csv" else xlsx_bytes(columns, rows, sheet=sheet)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
