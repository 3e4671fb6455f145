"""Uploaded registry tables: a CSV (UTF-8 with or without BOM, or Windows-1252; semicolon or
comma separated) or an Excel workbook (.xlsx, its first sheet, read by calamine).

:func:`inspect_table` runs at upload, on the file's first MiB: a file that is not a readable
table (compressed, binary, an encoding that is neither UTF-8 nor Windows-1252, a field or a
header out of all proportion, a row longer than the header) is refused at once, in French,
naming the line. :func:`table_rows` reads the whole file in the job; the same faults met
further down stop the import with the same kind of message.
"""

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from services.shared.errors import Unprocessable
from services.targeting.registry.columns import IMPORT_COLUMNS, REQUIRED_COLUMNS

SNIFF_BYTES = 1024 * 1024
MAX_FIELD_CHARS = csv.field_size_limit()  # the csv module's limit (131,072; a column holds 200)
MAX_COLUMNS = 100
_READ_BYTES = 1024 * 1024
# Signatures of files people send by mistake, and what to tell them.
_SIGNATURES = (
    (b"\x1f\x8b", "est compressé (gzip) : envoyez le fichier CSV lui-même ou un classeur .xlsx"),
    (b"BZh", "est compressé (bzip2) : envoyez le fichier CSV lui-même ou un classeur .xlsx"),
    (b"\xfd7zXZ", "est compressé (xz) : envoyez le fichier CSV lui-même ou un classeur .xlsx"),
    (b"7z\xbc\xaf", "est une archive 7-Zip : envoyez le fichier CSV lui-même"),
    (b"\xd0\xcf\x11\xe0", "est un classeur Excel 97-2003 (.xls) : enregistrez-le en .xlsx ou CSV"),
    (b"%PDF", "est un PDF, pas un tableau : envoyez un fichier CSV ou un classeur .xlsx"),
    (b"\xff\xfe", "est en UTF-16 : enregistrez-le en CSV UTF-8 ou Windows-1252"),
    (b"\xfe\xff", "est en UTF-16 : enregistrez-le en CSV UTF-8 ou Windows-1252"),
)
_ZIP = b"PK\x03\x04"
# C0 controls other than tab, line feed and carriage return: never in a text table.
_CONTROLS = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_CONTROL_TABLE = str.maketrans("", "", "".join(_CONTROLS))


class TableKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class TableFormat:
    kind: TableKind
    encoding: str = "utf-8-sig"
    delimiter: str = ","

    @property
    def description(self) -> str:
        if self.kind is TableKind.XLSX:
            return "classeur Excel (.xlsx)"
        encoding = "Windows-1252" if self.encoding == "cp1252" else "UTF-8"
        separator = "point-virgule" if self.delimiter == ";" else "virgule"
        return f"CSV {encoding}, séparateur {separator}"


class UnreadableTable(Unprocessable):
    """The upload is not a table the import can read; the detail names the line."""

    code = "import.unreadable_file"

    def __init__(self, line: int | None, problem: str) -> None:
        where = f"Ligne {line} : " if line is not None else "Le fichier "
        super().__init__(f"{where}{problem}.")
        self.line = line


def inspect_table(path: Path) -> TableFormat:
    """The upload's format, after checking its beginning reads as a registry table."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        complete = not handle.read(1)
    if not head.strip():
        raise UnreadableTable(None, "est vide : la première ligne doit nommer les colonnes")
    for signature, problem in _SIGNATURES:
        if head.startswith(signature):
            raise UnreadableTable(None, problem)
    if head.startswith(_ZIP):
        _check_workbook(path)
        for _ in table_rows(path, TableFormat(TableKind.XLSX)):
            break  # the header is checked before the first row
        return TableFormat(TableKind.XLSX)
    encoding = _encoding(head, complete)
    text = codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    table = TableFormat(TableKind.CSV, encoding, delimiter)
    for _ in _csv_rows(iter(text.splitlines(keepends=True)), table):
        pass
    return table


def _check_workbook(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise UnreadableTable(None, "est une archive ZIP illisible") from exc
    if "xl/workbook.xml" not in names:
        raise UnreadableTable(
            None,
            "est une archive ZIP, pas un classeur Excel (.xlsx) : envoyez le fichier CSV "
            "lui-même ou un classeur .xlsx",
        )


def _encoding(head: bytes, complete: bool) -> str:
    """UTF-8 (BOM or not) if the bytes read as such, else Windows-1252, else refused."""
    if b"\x00" in head:
        line = head[: head.index(b"\x00")].count(b"\n") + 1
        raise UnreadableTable(line, "octet nul : le fichier est binaire, pas un tableau")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
        except UnicodeDecodeError as exc:
            if encoding == "cp1252":
                line = head[: exc.start].count(b"\n") + 1
                raise UnreadableTable(
                    line, "encodage non reconnu (ni UTF-8 ni Windows-1252) ou fichier binaire"
                ) from exc
            continue
        _refuse_controls(text)
        return encoding
    raise AssertionError("unreachable")


def _refuse_controls(text: str) -> None:
    if len(text.translate(_CONTROL_TABLE)) == len(text):
        return
    position = next(i for i, char in enumerate(text) if char in _CONTROLS)
    line = text.count("\n", 0, position) + 1
    raise UnreadableTable(line, "caractère de contrôle : le fichier est binaire, pas un tableau")


def count_rows(path: Path, table: TableFormat) -> int:
    """The data rows to expect (for the job's percent): lines, or the sheet's height."""
    if table.kind is TableKind.XLSX:
        return max(_first_sheet(path).height - 1, 0)
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(_READ_BYTES):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def table_rows(path: Path, table: TableFormat) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row by column name) for every data row; the header is checked first."""
    if table.kind is TableKind.XLSX:
        return _xlsx_rows(path)
    return _csv_file_rows(path, table)


def _csv_file_rows(path: Path, table: TableFormat) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as handle:
        yield from _csv_rows(_decoded_lines(handle, table.encoding), table)


def _decoded_lines(handle: BinaryIO, encoding: str) -> Iterator[str]:
    """Each physical line decoded on its own, so a fault names its line exactly (the BOM
    stays on the first line: the header's reading drops it)."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    for line, raw in enumerate(handle, start=1):
        try:
            yield raw.decode(codec)
        except UnicodeDecodeError as exc:
            name = "Windows-1252" if codec == "cp1252" else "UTF-8"
            problem = f"octets illisibles en {name}, l'encodage du début du fichier"
            raise UnreadableTable(line, problem) from exc


def _header(cells: Sequence[Any]) -> list[str]:
    names = [str(cell).strip().lower().lstrip("\ufeff") for cell in cells]
    while names and not names[-1]:
        names.pop()  # empty trailing columns (a spreadsheet's habit)
    if len(names) > MAX_COLUMNS:
        raise UnreadableTable(1, f"{len(names)} colonnes, au plus {MAX_COLUMNS} sont lues")
    missing = REQUIRED_COLUMNS - set(names)
    if missing:
        raise UnreadableTable(
            1, f"il manque les colonnes obligatoires {', '.join(sorted(missing))}"
        )
    unknown = sorted(set(names) - set(IMPORT_COLUMNS))
    if unknown:
        raise UnreadableTable(1, f"colonnes inconnues : {', '.join(unknown)[:200]}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UnreadableTable(1, f"colonnes en double : {', '.join(repeated)}")
    return names


def _row(header: list[str], line: int, cells: Sequence[Any]) -> dict[str, Any] | None:
    """The row by column name; None for an empty row; too many cells stop the import."""
    if len(cells) > len(header) and any(cell not in ("", None) for cell in cells[len(header) :]):
        raise UnreadableTable(
            line,
            f"{len(cells)} valeurs pour {len(header)} colonnes d'en-tête "
            "(séparateur ou guillemets mal placés ?)",
        )
    if all(cell in ("", None) for cell in cells):
        return None
    return dict(zip(header, cells, strict=False))


def _csv_rows(lines: Iterator[str], table: TableFormat) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.reader(lines, delimiter=table.delimiter)
    try:
        header = _header(next(reader, []))
        for cells in reader:
            # line_num counts physical lines (quoted newlines included), the header's first
            row = _row(header, reader.line_num, cells)
            if row is not None:
                yield reader.line_num, row
    except csv.Error as exc:
        problem = (
            f"une valeur dépasse {MAX_FIELD_CHARS:_} caractères".replace("_", "\u202f")
            if "field limit" in str(exc)
            else "ligne CSV illisible (guillemets mal fermés ?)"
        )
        raise UnreadableTable(reader.line_num, problem) from exc


def _first_sheet(path: Path) -> CalamineSheet:
    try:
        book = CalamineWorkbook.from_path(str(path))
        return book.get_sheet_by_index(0)
    except (CalamineError, IndexError, ValueError) as exc:
        raise UnreadableTable(None, "est un classeur Excel illisible") from exc


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # Excel keeps every number as a float: 2.0 quarters, a NIR
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str | int | date | None):
        return value
    return str(value)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = iter(_first_sheet(path).iter_rows())
    header = _header(next(rows, []))
    for line, cells in enumerate(rows, start=2):
        row = _row(header, line, [_xlsx_cell(cell) for cell in cells])
        if row is not None:
            yield line, row
