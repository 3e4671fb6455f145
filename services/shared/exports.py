"""Tabular downloads (CSV and XLSX) in the convention French spreadsheets read without a fuss.

CSV: semicolon separated, UTF-8 with a byte-order mark (Excel's cue for UTF-8), decimal comma,
dates ``JJ/MM/AAAA``, times in Europe/Paris to the second, booleans ``oui``/``non``. XLSX: the
same rows as typed cells (numbers, dates), written by xlsxwriter in its constant-memory mode.

Every text cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised with a leading apostrophe, OWASP's rule
against CSV injection, in both formats; XLSX text is always written as a string cell, never
as a formula. A cell's format follows its Python type, so every export gets it right by
passing the values a query returns.

Rows streamed from a query are read in a session of the download's own: the request's session
has committed and closed by the time the response body is sent.
"""

import asyncio
import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

import xlsxwriter
from fastapi import Path
from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.background import BackgroundTask

from services.shared.local_time import LOCAL_TIME

ROWS_PER_CHUNK = 5000
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}}
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"
_DATE = "%d/%m/%Y"
_DATETIME = "%d/%m/%Y %H:%M:%S"
XLSX_MAX_ROWS = 1_048_576  # a worksheet's limit; a longer export goes on to another sheet

Row = Sequence[Any]


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


FormatPath = Annotated[
    ExportFormat, Path(alias="format", description="`csv` (French Excel) or `xlsx`.")
]


def neutralise(text: str) -> str:
    """A text a spreadsheet shows as typed, never evaluates (OWASP CSV injection)."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _local(moment: datetime) -> datetime:
    """Paris wall-clock time to the second (naive values are taken as already local)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return format(value, "f" if isinstance(value, Decimal) else ".4f").replace(".", ",")
    if isinstance(value, datetime):
        return _local(value).strftime(_DATETIME)
    if isinstance(value, date):
        return value.strftime(_DATE)
    return neutralise(str(value))


def _csv_text(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _attachment(filename: str, export_format: ExportFormat) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}.{export_format.value}"'}


class _XlsxFile:
    """An XLSX file being written row after row in constant memory, in a temporary file."""

    def __init__(self, header: Sequence[str]) -> None:
        handle, self.path = tempfile.mkstemp(prefix="rsi-export-", suffix=".xlsx")
        os.close(handle)
        self._book = xlsxwriter.Workbook(
            self.path, {"constant_memory": True, "strings_to_formulas": False}
        )
        self._header = header
        self._bold = self._book.add_format({"bold": True})
        self._date = self._book.add_format({"num_format": "dd/mm/yyyy"})
        self._datetime = self._book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
        self._sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._sheets += 1
        self._sheet = self._book.add_worksheet(
            "Export" if self._sheets == 1 else f"Export ({self._sheets})"
        )
        for column, title in enumerate(self._header):
            self._sheet.write_string(0, column, neutralise(title), self._bold)
        self._next_row = 1

    def write_rows(self, rows: Iterable[Row]) -> None:
        for row in rows:
            if self._next_row == XLSX_MAX_ROWS:
                self._new_sheet()
            for column, value in enumerate(row):
                self._write(self._next_row, column, value)
            self._next_row += 1

    def _write(self, row: int, column: int, value: Any) -> None:
        sheet = self._sheet
        if value is None:
            return
        if isinstance(value, bool):
            sheet.write_string(row, column, "oui" if value else "non")
        elif isinstance(value, int | float | Decimal):
            sheet.write_number(row, column, float(value))
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, _local(value), self._datetime)
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, self._date)
        else:
            sheet.write_string(row, column, neutralise(str(value)))

    def close(self) -> None:
        self._book.close()

    def response(self, filename: str) -> FileResponse:
        return FileResponse(
            self.path,
            media_type=XLSX_MEDIA_TYPE,
            headers=_attachment(filename, ExportFormat.XLSX),
            background=BackgroundTask(os.unlink, self.path),
        )

    def discard(self) -> None:
        os.unlink(self.path)


def table_download(
    header: Sequence[str], rows: Iterable[Row], filename: str, export_format: ExportFormat
) -> Response:
    """A small table computed in memory (a bilan, a consolidation) as a download."""
    if export_format is ExportFormat.CSV:
        return Response(
            _BOM + _csv_text([header, *rows]),
            media_type=CSV_MEDIA_TYPE,
            headers=_attachment(filename, export_format),
        )
    book = _XlsxFile(header)
    try:
        book.write_rows(rows)
        book.close()
    except BaseException:
        book.discard()
        raise
    return book.response(filename)


async def query_download(
    sessions: async_sessionmaker[AsyncSession],
    statement: Select[Any],
    header: Sequence[str],
    filename: str,
    export_format: ExportFormat,
) -> Response:
    """The rows of a query, however many, as a download in constant memory: CSV is streamed
    as it is read; XLSX is written to a temporary file (its zip container is only complete at
    the end), off the event loop, then sent."""
    if export_format is ExportFormat.CSV:
        return StreamingResponse(
            _csv_chunks(sessions, statement, header),
            media_type=CSV_MEDIA_TYPE,
            headers=_attachment(filename, export_format),
        )
    book = await asyncio.to_thread(_XlsxFile, header)
    try:
        async for partition in _partitions(sessions, statement):
            await asyncio.to_thread(book.write_rows, partition)
        await asyncio.to_thread(book.close)
    except BaseException:
        book.discard()
        raise
    return book.response(filename)


async def _partitions(
    sessions: async_sessionmaker[AsyncSession], statement: Select[Any]
) -> AsyncIterator[Sequence[Row]]:
    async with sessions() as session, session.begin():
        result = await session.stream(statement.execution_options(yield_per=ROWS_PER_CHUNK))
        async for partition in result.partitions():
            yield partition


async def _csv_chunks(
    sessions: async_sessionmaker[AsyncSession], statement: Select[Any], header: Sequence[str]
) -> AsyncIterator[str]:
    yield _BOM + _csv_text([header])
    async for partition in _partitions(sessions, statement):
        yield _csv_text(partition)
