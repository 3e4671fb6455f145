import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from starlette.datastructures import FormData

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import FieldError, Unprocessable, problem_responses
from services.shared.exports import EXPORT_RESPONSE, FormatPath, query_download
from services.shared.jobs import JobRead
from services.shared.pagination import Page, Pagination
from services.targeting.deps import (
    ContactDetailsReader,
    ContactRecorder,
    OppositionRecorder,
    PersonReader,
    PersonWriter,
    ReferenceReader,
)
from services.targeting.registry import service
from services.targeting.registry.categories import CATEGORIES
from services.targeting.registry.models import ProfessionalGroup
from services.targeting.registry.schemas import (
    BatchReport,
    ContactRecencyBatch,
    ContactRecencyReport,
    ImportMode,
    OppositionUpdate,
    PersonBatch,
    PersonContactDetails,
    PersonFile,
    PersonName,
    PersonNamesQuery,
    PersonSearch,
    PersonSummary,
    ProfessionalCategoryRead,
    RowError,
)

router = APIRouter(tags=["registry"], responses=problem_responses(401, 403))


@router.post("/persons/search")
async def search_persons(
    criteria: PersonSearch,
    principal: PersonReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
) -> Page[PersonSummary]:
    """Find people of the caller's caisse by NIR (exact) or last name (prefix). Audited."""
    rows, total = await service.search_persons(session, scope, principal, criteria, page)
    return Page.of([PersonSummary.model_validate(r) for r in rows], total, page)


@router.get("/persons/{person_id}", responses=problem_responses(404))
async def read_person(
    person_id: int,
    principal: PersonReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    purpose: Annotated[
        str | None, Query(max_length=200, description="Why, for the audit log.")
    ] = None,
) -> PersonFile:
    """A person's whole file. Every read is written to the audit log."""
    person = await service.read_person_file(session, scope, principal, person_id, purpose)
    return PersonFile.model_validate(person)


@router.post("/persons/names")
async def read_person_names(
    body: PersonNamesQuery, principal: PersonReader, scope: CurrentCaisseScope, session: DbSession
) -> list[PersonName]:
    """First and last names of up to 500 people (ids in the body), for another service's
    lists; people outside the caller's caisse are left out. Each one is an audited read."""
    rows = await service.person_names(session, scope, principal, body)
    return [PersonName.model_validate(row) for row in rows]


@router.get("/persons/{person_id}/contact-details", responses=problem_responses(404))
async def read_person_contact_details(
    person_id: int,
    principal: ContactDetailsReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    purpose: Annotated[
        str | None, Query(max_length=200, description="Why, for the audit log.")
    ] = None,
) -> PersonContactDetails:
    """How to write to a person: name, addresses, mobile, caisse, opposition to contact; no
    NIR, no career. Every read is written to the audit log."""
    person = await service.read_person_file(session, scope, principal, person_id, purpose)
    return PersonContactDetails.model_validate(person)


@router.put("/persons/{person_id}/opposition", responses=problem_responses(404))
async def set_opposition(
    person_id: int,
    body: OppositionUpdate,
    principal: OppositionRecorder,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> PersonFile:
    """Records that the person objects to being contacted (or withdraws it)."""
    person = await service.set_opposition(
        session, scope, principal, person_id, body.contact_opt_out
    )
    return PersonFile.model_validate(person)


@router.post("/persons/batch", responses=problem_responses(413))
async def import_person_batch(
    body: PersonBatch, principal: PersonWriter, scope: CurrentCaisseScope, session: DbSession
) -> BatchReport:
    """Upsert up to 5,000 persons by NIR for other systems; row errors come back at once."""
    persons = [person.model_dump(mode="json") for person in body.persons]
    return await service.import_batch(session, scope, principal, body.mode, persons)


@router.post("/contacts/recency", responses=problem_responses(422))
async def record_contact_recency(
    body: ContactRecencyBatch, _: ContactRecorder, session: DbSession
) -> ContactRecencyReport:
    """For the interviews service: the dates people were last contacted (recency exclusion)."""
    updated = await service.record_contacts(
        session, ((c.person_id, c.contacted_on) for c in body.contacts)
    )
    return ContactRecencyReport(updated=updated)


IMPORT_FORM_FIELDS = {"file", "mode"}


def _refuse_odd_form_fields(form: FormData) -> None:
    """A form's unknown parts would be ignored, and an empty field read as "not given" (the
    default mode): both are refused, as undeclared JSON fields are."""
    if unknown := sorted(set(form) - IMPORT_FORM_FIELDS):
        raise Unprocessable(
            f"Champ de formulaire inconnu : {', '.join(repr(name) for name in unknown)}.",
            code="import.unknown_form_field",
            errors=[FieldError(field=name, location="body", message="inconnu") for name in unknown],
        )
    if form.get("mode") == "":
        raise Unprocessable(
            "mode est vide : omettez-le pour all_or_nothing, ou précisez lequel.",
            code="import.empty_mode",
            errors=[FieldError(field="mode", location="body", message="vide")],
        )


@router.post("/imports", status_code=status.HTTP_202_ACCEPTED, responses=problem_responses(413))
async def start_import(
    request: Request,
    file: Annotated[UploadFile, File(description="CSV in the registry's exchange format.")],
    principal: PersonWriter,
    scope: CurrentCaisseScope,
    session: DbSession,
    mode: Annotated[ImportMode, Form()] = ImportMode.ALL_OR_NOTHING,
) -> JobRead:
    """Start a CSV import job (upsert by NIR); poll ``/jobs/{id}`` for its progress."""
    _refuse_odd_form_fields(await request.form())
    job = await service.start_csv_import(
        session, request.app.state.storage, scope, principal, file.file, mode
    )
    return JobRead.of(job)


@router.get("/jobs/{job_id}", responses=problem_responses(404))
async def get_job(
    job_id: uuid.UUID, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> JobRead:
    """A job's progress (percent done) and, once finished, its result."""
    return JobRead.of(await service.get_job(session, scope, job_id))


@router.get("/imports/{job_id}/errors", responses=problem_responses(404))
async def list_import_errors(
    job_id: uuid.UUID,
    _: PersonWriter,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
) -> Page[RowError]:
    """The rows an import refused: line, field, why."""
    rows, total = await service.list_import_errors(session, scope, job_id, page)
    return Page.of(
        [RowError(line=r.line, field=r.field, message=r.message) for r in rows], total, page
    )


@router.get(
    "/imports/{job_id}/errors.{format}",
    response_class=Response,
    responses={**EXPORT_RESPONSE, **problem_responses(404)},
)
async def download_import_errors(
    request: Request,
    job_id: uuid.UUID,
    export_format: FormatPath,
    _: PersonWriter,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> Response:
    """The error report as a CSV or XLSX file (line, column, problem)."""
    await service.get_job(session, scope, job_id)
    return await query_download(
        request.app.state.sessionmaker,
        service.import_errors_statement(job_id),
        service.IMPORT_ERRORS_HEADER,
        f"import-{job_id}-erreurs",
        export_format,
    )


@router.get("/professional-categories")
async def list_professional_categories(_: ReferenceReader) -> list[ProfessionalCategoryRead]:
    """The reference list of professional categories (for collective meetings)."""
    return [
        ProfessionalCategoryRead(
            name=c.name,
            group=ProfessionalGroup(c.group),
            has_risk_information=c.has_risk_information,
        )
        for c in CATEGORIES
    ]
