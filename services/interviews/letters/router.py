import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import StreamingResponse

from services.interviews.audit import audit
from services.interviews.deps import (
    CaisseStaff,
    StaffReader,
    Targeting,
    TemplateEditor,
    TemplateReader,
)
from services.interviews.invitations.models import InvitationStatus
from services.interviews.letters import service
from services.interviews.letters.merge import FIELDS, MEETING_FIELDS
from services.interviews.letters.schemas import (
    CampaignCreate,
    CampaignMessage,
    CampaignRead,
    InvitationRead,
    InvitationUpdate,
    LetterContactsCreate,
    LetterContactsStarted,
    LetterPreview,
    MergeField,
    TemplateRead,
    TemplateWrite,
)
from services.interviews.selfservice.links import Links
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.jobs import JobRead
from services.shared.messaging.outbox import MessageStatus
from services.shared.messaging.schemas import MessagePage
from services.shared.pagination import Pagination
from services.shared.stored_files import FileStore, stored_download

router = APIRouter(tags=["letters"], responses=problem_responses(401, 403))
PDF = "application/pdf"
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {PDF: {}}}}


@router.get("/letter-templates/fields")
async def merge_fields(_: TemplateReader) -> list[MergeField]:
    """The merge fields a template may use, as ``${name}``."""
    return [
        MergeField(name=name, label=label, meeting_only=name in MEETING_FIELDS)
        for name, label in FIELDS.items()
    ]


@router.get("/letter-templates")
async def list_letter_templates(
    _: TemplateReader, scope: CurrentCaisseScope, session: DbSession
) -> list[TemplateRead]:
    """The national templates and the caller's caisse's own."""
    return [TemplateRead.model_validate(t) for t in await service.list_templates(session, scope)]


@router.post(
    "/letter-templates", status_code=status.HTTP_201_CREATED, responses=problem_responses(422)
)
async def create_letter_template(
    body: TemplateWrite, principal: TemplateEditor, session: DbSession
) -> TemplateRead:
    """An unknown merge field is a 422 naming it."""
    return TemplateRead.model_validate(await service.create_template(session, principal, body))


@router.put("/letter-templates/{template_id}", responses=problem_responses(404, 422))
async def update_letter_template(
    template_id: int,
    body: TemplateWrite,
    principal: TemplateEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> TemplateRead:
    template = await service.get_template(session, scope, template_id)
    return TemplateRead.model_validate(
        await service.update_template(session, principal, template, body)
    )


@router.post("/campaigns/preview", responses=problem_responses(404, 409, 422))
async def preview_campaign(
    body: CampaignCreate,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> LetterPreview:
    """The letter the list's first person would receive, with the fields that would print
    empty: checked before launching, nothing is written."""
    preview = await service.preview_campaign(session, targeting, principal, scope, body)
    await audit(
        session,
        principal,
        AuditOperation.READ,
        "letter_campaign_preview",
        None,
        f"target list {body.target_list_id}",
    )
    return preview


@router.post(
    "/campaigns",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(404, 409, 422),
)
async def start_campaign(
    body: CampaignCreate,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> CampaignRead:
    """Write to every person of a target list: one invitation each and the merged batch
    PDF, as a job (poll the campaign or ``/jobs/{id}``). An interview proposal gives each
    person a personal booking link (on the letter, by email or SMS) and first checks that
    the free slots can absorb the expected bookings (422 with the figures, or a warning)."""
    campaign, _job = await service.start_campaign(session, targeting, principal, scope, body)
    await audit(
        session,
        principal,
        AuditOperation.CREATE,
        "letter_campaign",
        campaign.id,
        f"target list {body.target_list_id}",
    )
    return await service.campaign_read(session, campaign)


@router.get("/campaigns")
async def list_campaigns(
    _: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> list[CampaignRead]:
    return [
        await service.campaign_read(session, c)
        for c in await service.list_campaigns(session, scope)
    ]


@router.get("/campaigns/{campaign_id}", responses=problem_responses(404))
async def get_campaign(
    campaign_id: uuid.UUID, _: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> CampaignRead:
    """The campaign, its job's progress and where its invitations stand."""
    return await service.campaign_read(
        session, await service.get_campaign(session, scope, campaign_id)
    )


async def _batch_download(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    storage: FileStore,
    reminders: bool,
    volume: int | None = None,
) -> StreamingResponse:
    campaign = await service.get_campaign(session, scope, campaign_id)
    key = service.batch_key(campaign, reminders, volume)
    await audit(session, principal, AuditOperation.EXPORT, "letter_batch", campaign.id)
    part = "-relances" if reminders else f"-volume-{volume:04d}" if volume else ""
    return await stored_download(storage, key, f"campagne-{campaign.id}{part}.pdf", PDF)


@router.get(
    "/campaigns/{campaign_id}/letters.pdf",
    response_class=StreamingResponse,
    responses={**PDF_RESPONSE, **problem_responses(404, 409)},
)
async def download_campaign_letters(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    storage: FileStore,
    volume: Annotated[
        int | None,
        Query(ge=1, description="Required when the campaign has several volumes (409 else)."),
    ] = None,
) -> StreamingResponse:
    """The campaign's letters in one PDF for the print room, or one volume of them (a
    volume holds RSI_LETTERS_PER_VOLUME letters, 2,000 by default). Audited."""
    return await _batch_download(campaign_id, principal, scope, session, storage, False, volume)


@router.get(
    "/campaigns/{campaign_id}/letters.zip",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/zip": {}}}, **problem_responses(404)},
)
async def download_campaign_volumes(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    storage: FileStore,
) -> StreamingResponse:
    """Every volume of the campaign's letters in one ZIP, streamed. Audited."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    service.batch_key(campaign, reminders=False, volume=1)  # 404 while not ready
    await audit(session, principal, AuditOperation.EXPORT, "letter_batch", campaign.id)
    name = f"campagne-{campaign.id}.zip"
    return StreamingResponse(
        service.zipped_volumes(storage, campaign),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/campaigns/{campaign_id}/reminders.pdf",
    response_class=StreamingResponse,
    responses={**PDF_RESPONSE, **problem_responses(404)},
)
async def download_campaign_reminders(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    storage: FileStore,
) -> StreamingResponse:
    """The latest reminder letters in one PDF. Audited."""
    return await _batch_download(campaign_id, principal, scope, session, storage, True)


@router.post(
    "/campaigns/{campaign_id}/reminders",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(404, 409),
)
async def remind_campaign(
    campaign_id: uuid.UUID,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> JobRead:
    """Reminder letters to everyone who has not answered yet, as a job."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    job = await service.start_reminders(session, principal, campaign)
    await audit(session, principal, AuditOperation.UPDATE, "letter_campaign", campaign.id, "remind")
    return JobRead.of(job)


@router.post("/campaigns/{campaign_id}/close", responses=problem_responses(404, 409))
async def close_campaign(
    campaign_id: uuid.UUID, principal: CaisseStaff, scope: CurrentCaisseScope, session: DbSession
) -> CampaignRead:
    """After the reply date, those who did not answer are recorded as 'no answer'."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    await audit(session, principal, AuditOperation.UPDATE, "letter_campaign", campaign.id, "close")
    await service.close_campaign(session, campaign)
    return await service.campaign_read(session, campaign)


@router.get("/campaigns/{campaign_id}/invitations", responses=problem_responses(404))
async def list_invitations(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    status_filter: Annotated[InvitationStatus | None, Query(alias="status")] = None,
    after_rank: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[InvitationRead]:
    """The campaign's invitations by rank (keyset pages). Audited."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    await audit(session, principal, AuditOperation.READ, "invitations", campaign.id)
    return await service.list_invitations(session, campaign, status_filter, after_rank, limit)


@router.get("/campaigns/{campaign_id}/messages", responses=problem_responses(404))
async def list_campaign_messages(
    campaign_id: uuid.UUID,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
    status_filter: Annotated[MessageStatus | None, Query(alias="status")] = None,
) -> MessagePage[CampaignMessage]:
    """The campaign's emails and SMS, latest first (``status=failed``: those given up on,
    with the reason), and the counts of each status. Names people: audited."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    await audit(session, principal, AuditOperation.READ, "campaign_messages", campaign.id)
    return await service.list_messages(session, campaign, status_filter, page)


@router.patch("/invitations/{invitation_id}", responses=problem_responses(404, 409))
async def update_invitation(
    invitation_id: int,
    body: InvitationUpdate,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> InvitationRead:
    """Record the person's answer (declined; the letter came back: returned), or switch off
    the reminders for this person."""
    invitation = await service.get_invitation(session, scope, invitation_id)
    changes = body.model_dump_json(exclude_unset=True)
    await audit(session, principal, AuditOperation.UPDATE, "invitation", invitation.id, changes)
    return service.invitation_read(await service.update_invitation(session, invitation, body))


@router.get(
    "/invitations/{invitation_id}/letter.pdf",
    response_class=Response,
    responses={**PDF_RESPONSE, **problem_responses(404)},
)
async def invitation_letter(
    invitation_id: int,
    principal: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    issuer: Links,
) -> Response:
    """One person's letter, re-rendered as it was sent. Audited."""
    invitation = await service.get_invitation(session, scope, invitation_id)
    await audit(session, principal, AuditOperation.READ, "invitation_letter", invitation.id)
    return Response(
        await service.invitation_letter(session, invitation, issuer),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="courrier-{invitation.id}.pdf"'},
    )


@router.post(
    "/letter-contacts",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(404, 409, 422),
)
async def record_letter_contacts(
    body: LetterContactsCreate,
    principal: CaisseStaff,
    session: DbSession,
    targeting: Targeting,
) -> LetterContactsStarted:
    """Record a letter contact for every person of a letter action's list, as a job."""
    job = await service.start_letter_contacts(session, targeting, principal, body)
    purpose = f"target list {body.target_list_id}"
    await audit(session, principal, AuditOperation.CREATE, "letter_contacts", job.id, purpose)
    return LetterContactsStarted(job=JobRead.of(job))
