"""Reading uploaded tables (CSV or XLSX) for imports, with errors that name row and column.

An import first reads and validates every row, collecting ``RowError``s; only when there are none
does the caller write, in one transaction. Row numbers are the ones the user sees in their
spreadsheet program: the header is row 1, the first data row is row 2.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from .tables import FORMULA_START


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None and not self.column:
            return self.message
        if self.row is None:
            return _("Column “%(column)s”: %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def normalise(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


# Limits on what an import reads: far above any real import (a region has hundreds of
# organisations), far below what would keep a web worker busy.
MAX_ROWS = 10_000
MAX_UNPACKED = 20_000_000


def _check_row_number(number: int) -> None:
    if number > MAX_ROWS + 1:
        raise ImportFailed(
            [
                RowError(
                    None,
                    "",
                    _("The file has more than %(max)s rows: split it into smaller files.")
                    % {"max": MAX_ROWS},
                )
            ]
        )


def _check_characters(number: int, row: dict[str, str]) -> None:
    """A NUL character cannot be stored (PostgreSQL refuses it): named with row and column."""
    bad = [column for column, value in row.items() if "\x00" in value]
    if bad:
        raise ImportFailed(
            [
                RowError(number, column, _("contains a NUL character, which is not allowed"))
                for column in bad
            ]
        )


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([RowError(None, "", _("The file is not readable text (UTF-8)."))])


def _unquote(value: str) -> str:
    """Text our own exports wrote with a leading apostrophe (``core.tables.csv_text``)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if not text.strip():
        raise ImportFailed([RowError(None, "", _("The file is empty."))])
    first_line = text.splitlines()[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ImportFailed([RowError(None, "", _("The file is empty."))]) from None
    columns = [normalise(c) for c in header]
    table = Table(columns=columns)
    try:
        for number, values in enumerate(reader, start=2):
            _check_row_number(number)
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(columns):
                raise ImportFailed(
                    [
                        RowError(
                            number, "", _("This row has more values than the header has columns.")
                        )
                    ]
                )
            row = {
                c: (_unquote(values[i].strip()) if i < len(values) else "")
                for i, c in enumerate(columns)
            }
            _check_characters(number, row)
            table.rows.append((number, row))
    except csv.Error as exc:
        raise ImportFailed(
            [RowError(None, "", _("The CSV file cannot be read: %s") % exc)]
        ) from None
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if hasattr(value, "date") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unpacked_size(data: bytes) -> int | None:
    """What the .xlsx (a zip file) holds unpacked, as its directory says; None if not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return None


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    unpacked = _unpacked_size(data)
    if unpacked is None:
        raise ImportFailed([RowError(None, "", _("The Excel file cannot be read."))])
    if unpacked > MAX_UNPACKED:
        # A few kilobytes can unpack to gigabytes (a "zip bomb"); a real import is small.
        raise ImportFailed(
            [
                RowError(
                    None,
                    "",
                    _("The Excel file is too large unpacked (more than %(mb)s MB).")
                    % {"mb": MAX_UNPACKED // 1_000_000},
                )
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportFailed([RowError(None, "", _("The Excel file cannot be read."))]) from None
    try:
        sheet = workbook.worksheets[0]
        # The size the sheet claims is not trusted (a tiny file may claim 16,384 columns and
        # a million rows): only the columns of the header are read, and rows up to the limit.
        sheet.reset_dimensions()
        header = next(sheet.iter_rows(max_row=1, values_only=True), None)
        if not header or not any(_cell(c) for c in header):
            raise ImportFailed([RowError(None, "", _("The file is empty."))])
        columns = [normalise(_cell(c)) for c in header]
        while columns and not columns[-1]:
            columns.pop()
        table = Table(columns=columns)
        rows = sheet.iter_rows(min_row=2, max_col=len(columns), values_only=True)
        for number, values in enumerate(rows, start=2):
            _check_row_number(number)
            cells = [_cell(v) for v in values]
            if not any(cells):
                continue
            row = {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns) if c}
            _check_characters(number, row)
            table.rows.append((number, row))
    finally:
        workbook.close()
    return table


def read_table(file: IO[bytes], filename: str) -> Table:
    suffix = Path(filename).suffix.lower()
    data = file.read()
    if suffix in (".csv", ".txt"):
        return _read_csv(data)
    if suffix == ".xlsx":
        return _read_xlsx(data)
    raise ImportFailed(
        [RowError(None, "", _("Unsupported file type “%s”: upload a CSV or XLSX file.") % suffix)]
    )


def resolve_columns(
    table: Table, columns: dict[str, tuple[str, ...]], required: set[str]
) -> dict[str, str]:
    """Map each canonical column to the file's column (any alias), or report what is missing."""
    found: dict[str, str] = {}
    for canonical, aliases in columns.items():
        for alias in (canonical, *aliases):
            if normalise(alias) in table.columns:
                found[canonical] = normalise(alias)
                break
    missing = [c for c in columns if c in required and c not in found]
    if missing:
        raise ImportFailed(
            [RowError(None, c, _("this required column is missing from the file")) for c in missing]
        )
    return found
