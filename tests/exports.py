"""Reading the exports back as a French spreadsheet would (CSV) and as Excel would (XLSX)."""

import csv
import io
from typing import Any

import httpx
from python_calamine import CalamineWorkbook

from services.shared.exports import XLSX_MEDIA_TYPE


def csv_table(response: httpx.Response) -> list[list[str]]:
    """The rows of a French-Excel CSV: UTF-8 with a BOM, semicolon separated."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def csv_dicts(response: httpx.Response) -> list[dict[str, str]]:
    header, *rows = csv_table(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_table(response: httpx.Response) -> list[list[Any]]:
    """Every sheet's rows of an XLSX download, the header row of each included."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX_MEDIA_TYPE
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return [row for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()]
