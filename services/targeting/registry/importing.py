"""Bulk upsert of insured persons by NIR, shared by the CSV import job and the JSON batch API.

Rows are validated in Python as they stream in (constant memory), the valid ones copied into a
temporary staging table with COPY, then checks that need the whole file or the registry
(a NIR twice in the file, a NIR that belongs to a caisse outside the importer's scope) run in
SQL, and one ``INSERT … ON CONFLICT (nir) DO UPDATE … WHERE … IS DISTINCT FROM …`` writes only
what changed, so re-importing the same file changes nothing and says so.
"""

import csv
import io
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, BinaryIO

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope
from services.shared.errors import Unprocessable
from services.shared.french import plural
from services.targeting.registry.columns import IMPORT_COLUMNS, REQUIRED_COLUMNS
from services.targeting.registry.nir import NirError, normalize_nir, validate_nir
from services.targeting.registry.schemas import ImportMode, ImportReport, RowError

CHUNK_ROWS = 5000
STAGING = "import_staging"
_TRUE = {"true", "1", "oui", "o", "yes", "y", "vrai"}
_FALSE = {"false", "0", "non", "n", "no", "faux", ""}
_GROUPS = {"artisan", "commercant", "liberal"}
_STATUSES = {"active", "retired", "struck_off"}
_MAX_LENGTHS = {
    "last_name": 100,
    "first_name": 100,
    "email": 200,
    "phone": 20,
    "address_line": 200,
    "postcode": 10,
    "city": 100,
    "activity_code": 6,
    "professional_category": 60,
}
_COPIED = ("line", *IMPORT_COLUMNS)
_UPDATED = [c for c in IMPORT_COLUMNS if c != "nir"]

# Statements built once from constant names (no user input reaches them).
_COLUMNS = ", ".join(IMPORT_COLUMNS)
_CREATE_STAGING = text(
    f"CREATE TEMP TABLE {STAGING} ON COMMIT DROP AS "  # noqa: S608
    f"SELECT 0 AS line, {_COLUMNS} FROM targeting_insured_person WITH NO DATA"
)
_DELETE_DUPLICATES = text(
    f"DELETE FROM {STAGING} s USING "  # noqa: S608
    f"(SELECT line, min(line) OVER (PARTITION BY nir) AS first FROM {STAGING}) d "
    "WHERE s.line = d.line AND d.line <> d.first RETURNING s.line, d.first"
)
_DELETE_FOREIGN_NIRS = text(
    f"DELETE FROM {STAGING} s USING targeting_insured_person p "  # noqa: S608
    "WHERE p.nir = s.nir AND p.caisse_code <> s.caisse_code "
    "AND NOT (p.caisse_code = ANY(:scope)) RETURNING s.line"
)
# Plain statements rather than INSERT … ON CONFLICT (whose speculative insertion costs more
# per row on a bulk load): update the rows that changed, drop every known NIR from staging,
# insert what is left. Imports serialise on a lock that leaves readers alone, so no NIR can
# appear in between. (An INSERT … WHERE NOT EXISTS would re-scan the rows it is inserting.)
_LOCK_REGISTRY = text("LOCK TABLE targeting_insured_person IN SHARE ROW EXCLUSIVE MODE")
_UPDATE_CHANGED = text(
    "UPDATE targeting_insured_person AS t SET "  # noqa: S608
    + ", ".join(f"{c} = s.{c}" for c in _UPDATED)
    + f", updated_at = now() FROM {STAGING} s WHERE t.nir = s.nir AND ("
    + ", ".join(f"t.{c}" for c in _UPDATED)
    + ") IS DISTINCT FROM ("
    + ", ".join(f"s.{c}" for c in _UPDATED)
    + ")"
)
_DROP_KNOWN = text(
    f"DELETE FROM {STAGING} s USING targeting_insured_person t WHERE t.nir = s.nir"  # noqa: S608
)
_INSERT_NEW = text(
    f"INSERT INTO targeting_insured_person ({_COLUMNS}) SELECT {_COLUMNS} FROM {STAGING}"  # noqa: S608
)

ErrorSink = Callable[[list[RowError]], Awaitable[None]]
ProgressCallback = Callable[[int], Awaitable[None]]


class _FieldInvalid(ValueError):
    pass


def _text(value: Any, name: str, required: bool) -> str | None:
    result = value.strip() if isinstance(value, str) else (None if value is None else str(value))
    if not result:
        if required:
            raise _FieldInvalid("est obligatoire")
        return None
    if len(result) > _MAX_LENGTHS.get(name, 20):
        raise _FieldInvalid(f"dépasse {_MAX_LENGTHS.get(name, 20)} caractères")
    return result


def _date(value: Any, required: bool) -> date | None:
    if isinstance(value, date):
        return value
    if value is None or not str(value).strip():
        if required:
            raise _FieldInvalid("est obligatoire")
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise _FieldInvalid("doit être une date AAAA-MM-JJ") from exc


def _int(value: Any, low: int, high: int) -> int:
    try:
        number = value if isinstance(value, int) else int(str(value).strip())
    except ValueError as exc:
        raise _FieldInvalid("doit être un nombre entier") from exc
    if not low <= number <= high:
        raise _FieldInvalid(f"doit être compris entre {low} et {high}")
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = ("" if value is None else str(value)).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise _FieldInvalid("doit valoir oui ou non (true, false, 1, 0)")


def _choice(value: Any, allowed: set[str]) -> str:
    lowered = ("" if value is None else str(value)).strip().lower()
    if lowered not in allowed:
        raise _FieldInvalid(f"doit valoir {' ou '.join(sorted(allowed))}")
    return lowered


_TEXT_FIELDS = (
    "last_name",
    "first_name",
    "email",
    "phone",
    "address_line",
    "postcode",
    "city",
    "activity_code",
    "professional_category",
)
_FLAG_FIELDS = (
    "auto_entrepreneur",
    "conjoint_collaborateur",
    "cross_border",
    "eirl",
    "invalidity_pension",
    "contact_opt_out",
)
Parser = Callable[[Any], Any]
_PARSERS: tuple[tuple[str, Parser], ...] = (
    *(
        (name, partial(_text, name=name, required=name in REQUIRED_COLUMNS))
        for name in _TEXT_FIELDS
    ),
    ("sex", partial(_int, low=1, high=2)),
    ("birth_date", partial(_date, required=True)),
    ("business_created_on", partial(_date, required=False)),
    ("affiliated_on", partial(_date, required=False)),
    ("professional_group", partial(_choice, allowed=_GROUPS)),
    ("status", partial(_choice, allowed=_STATUSES)),
    ("validated_quarters", partial(_int, low=0, high=400)),
    ("required_quarters", partial(_int, low=1, high=400)),
    *((name, _bool) for name in _FLAG_FIELDS),
)


@dataclass
class RowValidator:
    """Validates one row (strings from a CSV, or typed values from JSON) into a staging record."""

    known_caisses: frozenset[str]
    scope: CaisseScope

    def validate(
        self, line: int, raw: Mapping[str, Any]
    ) -> tuple[tuple[Any, ...] | None, list[RowError]]:
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        parsers: tuple[tuple[str, Parser], ...] = (
            *_PARSERS,
            ("caisse_code", self._caisse),
            ("nir", lambda v: self._nir(v, values.get("sex"), values.get("birth_date"))),
        )
        for name, parse in parsers:
            try:
                values[name] = parse(raw.get(name))
            except _FieldInvalid as exc:
                errors.append(
                    RowError(line=line, field=name, message=f"Colonne « {name} » : {exc}.")
                )
        if errors:
            return None, errors
        return (line, *(values[name] for name in IMPORT_COLUMNS)), []

    def _caisse(self, value: Any) -> str:
        code = ("" if value is None else str(value)).strip().upper()
        if code not in self.known_caisses or not self.scope.allows(code):
            # Outside the scope reads like unknown: the importer learns nothing of other caisses.
            raise _FieldInvalid("n'est pas une caisse où vous pouvez importer")
        return code

    @staticmethod
    def _nir(value: Any, sex: int | None, birth_date: date | None) -> str:
        nir = normalize_nir("" if value is None else str(value))
        try:
            validate_nir(nir, sex=sex, birth_date=birth_date)
        except NirError as exc:
            raise _FieldInvalid(str(exc)) from exc
        return nir


def csv_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yields (line number, row) from CSV text lines; the header names the columns."""
    iterator = iter(lines)
    header_line = next(iterator, "")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [
        name.strip().lower().lstrip("\ufeff")
        for name in next(csv.reader([header_line], delimiter=delimiter))
    ]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise Unprocessable(
            f"Colonnes manquantes dans l'en-tête du CSV : {', '.join(sorted(missing))}.",
            code="import.missing_columns",
        )
    unknown = set(header) - set(IMPORT_COLUMNS)
    if unknown:
        raise Unprocessable(
            f"Colonnes inconnues dans l'en-tête du CSV : {', '.join(sorted(unknown))}.",
            code="import.unknown_columns",
        )
    reader = csv.reader(iterator, delimiter=delimiter)
    for row in reader:
        if row:  # line_num counts physical lines, quoted newlines included; +1 for the header
            yield reader.line_num + 1, dict(zip(header, row, strict=False))


@dataclass
class _Counts:
    rows: int = 0
    valid: int = 0
    rejected_lines: set[int] = field(default_factory=set)


async def _create_staging(session: AsyncSession) -> None:
    await session.execute(text(f"DROP TABLE IF EXISTS {STAGING}"))
    await session.execute(_CREATE_STAGING)


async def _copy(session: AsyncSession, records: list[tuple[Any, ...]]) -> None:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    assert raw.driver_connection is not None
    await raw.driver_connection.copy_records_to_table(
        STAGING, records=records, columns=list(_COPIED)
    )


async def upsert_persons(
    session: AsyncSession,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    validator: RowValidator,
    mode: ImportMode,
    report_errors: ErrorSink,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Runs in the caller's transaction; in all-or-nothing mode with a bad row, nothing of it
    is written (the caller's transaction is left as it was)."""
    await _create_staging(session)
    counts = _Counts()
    chunk: list[tuple[Any, ...]] = []
    refused: list[RowError] = []
    for line, raw in rows:
        counts.rows += 1
        record, errors = validator.validate(line, raw)
        if record is None:
            counts.rejected_lines.add(line)
            refused.extend(errors)
        else:
            chunk.append(record)
        if len(chunk) >= CHUNK_ROWS:
            await _copy(session, chunk)
            counts.valid += len(chunk)
            chunk = []
        # Every CHUNK_ROWS lines read, good or bad: the refusals go in one batch, and the
        # progress moves as much for a file of bad rows as for a file of good ones.
        if counts.rows % CHUNK_ROWS == 0:
            if refused:
                await report_errors(refused)
                refused = []
            if progress:
                await progress(counts.rows)
    if chunk:
        await _copy(session, chunk)
        counts.valid += len(chunk)
    if refused:
        await report_errors(refused)
    await session.execute(_LOCK_REGISTRY)
    await _reject_in_sql(session, validator.scope, counts, report_errors)
    rejected = len(counts.rejected_lines)
    if rejected and mode is ImportMode.ALL_OR_NOTHING:
        return ImportReport(
            mode=mode,
            rows=counts.rows,
            valid=counts.rows - rejected,
            rejected=rejected,
            inserted=0,
            updated=0,
            unchanged=0,
            written=False,
            message=f"{plural(rejected, 'ligne refusée', 'lignes refusées')} : rien n'a été "
            "écrit (tout ou rien).",
        )
    inserted, updated = await _merge(session)
    unchanged = counts.rows - rejected - inserted - updated
    if inserted + updated == 0:
        message = "Rien n'a changé : chaque ligne valide figurait déjà telle quelle au registre."
    else:
        message = (
            f"{plural(inserted, 'ajoutée')}, {plural(updated, 'mise à jour', 'mises à jour')}, "
            f"{plural(unchanged, 'inchangée')}, {plural(rejected, 'refusée')}."
        )
    return ImportReport(
        mode=mode,
        rows=counts.rows,
        valid=counts.rows - rejected,
        rejected=rejected,
        inserted=inserted,
        updated=updated,
        unchanged=unchanged,
        written=True,
        message=message,
    )


async def _reject_in_sql(
    session: AsyncSession, scope: CaisseScope, counts: _Counts, report_errors: ErrorSink
) -> None:
    """Checks that need the whole file or the registry; rejected rows leave the staging table."""
    duplicates = await session.execute(_DELETE_DUPLICATES)
    errors = [
        RowError(line=line, field="nir", message=f"Colonne « nir » : déjà donné ligne {first}.")
        for line, first in duplicates
    ]
    if scope.caisse_codes is not None:
        foreign = await session.execute(_DELETE_FOREIGN_NIRS, {"scope": list(scope.caisse_codes)})
        errors += [
            RowError(
                line=line,
                field="nir",
                message="Colonne « nir » : appartient à une personne d'une autre caisse.",
            )
            for (line,) in foreign
        ]
    if errors:
        counts.rejected_lines.update(error.line for error in errors)
        await report_errors(sorted(errors, key=lambda error: error.line))


async def _merge(session: AsyncSession) -> tuple[int, int]:
    updated = (await session.execute(_UPDATE_CHANGED)).rowcount  # type: ignore[attr-defined]
    await session.execute(_DROP_KNOWN)
    inserted = (await session.execute(_INSERT_NEW)).rowcount  # type: ignore[attr-defined]
    await session.execute(text(f"DROP TABLE {STAGING}"))
    return int(inserted), int(updated)


def decode_lines(binary: BinaryIO) -> Iterator[str]:
    """Text lines of an uploaded file, UTF-8 (with or without BOM)."""
    return iter(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""))
