"""Spreadsheets written by the app: Dutch dates, real dates in Excel, and text that starts like a
formula stays text (a decision's "=HYPERLINK(...)" must not run in the reader's Excel)."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from bestuurstafel.core.imports import read_table
from bestuurstafel.core.tables import csv_bytes, xlsx_bytes

COLUMNS = ["tekst", "datum", "bedrag"]
ROWS = [
    ['=HYPERLINK("https://elders.invalid","klik")', date(2025, 10, 9), 1500],
    ["- eerste punt", None, -5],
    ["+31 30 123 4567", date(2026, 1, 2), 0],
    ["@iedereen", None, None],
    ["Gewone tekst", None, None],
]


def test_csv_keeps_formulas_as_text_and_reads_back_the_same() -> None:
    data = csv_bytes(COLUMNS, ROWS)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ['\'=HYPERLINK("https://elders.invalid","klik")', "09-10-2025", "1500"]
    assert [r[0] for r in rows[2:]] == [
        "'- eerste punt",
        "'+31 30 123 4567",
        "'@iedereen",
        "Gewone tekst",
    ]
    assert rows[2][2] == "-5"  # a number is a number, not text to guard
    # Our own import reads it back as it was written.
    table = read_table(io.BytesIO(data), "lijst.csv")
    assert [row["tekst"] for _, row in table.rows] == [r[0] for r in ROWS]


def test_excel_has_text_cells_for_formulas_and_real_dates() -> None:
    sheet = load_workbook(io.BytesIO(xlsx_bytes(COLUMNS, ROWS, sheet="Lijst"))).active
    assert sheet is not None
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == ROWS[0][0]
    assert [sheet[f"A{n}"].value for n in range(3, 7)] == [r[0] for r in ROWS[1:]]
    assert sheet["B2"].value.date() == date(2025, 10, 9)
    assert sheet["B2"].number_format == "DD-MM-YYYY"
    assert sheet["C3"].value == -5
