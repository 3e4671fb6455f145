"""Letter templates, invitation campaigns and letter contacts.

A campaign reads its target list from targeting page by page, records one invitation per
person (name and address as printed) and writes the merged batch PDF, in one job. Letters
are re-rendered on demand from what was recorded, so a person's letter can be reprinted
identically.
"""

import asyncio
import io
import tempfile
import uuid
import zipfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.gateways import ListMember, TargetingGateway, TargetListRef
from services.interviews.invitations.models import (
    OPEN_INVITATION,
    Campaign,
    CampaignPurpose,
    Invitation,
    InvitationStatus,
)
from services.interviews.jobs import InterviewsJob
from services.interviews.letters import pdf
from services.interviews.letters.merge import (
    BOOKING_FIELDS,
    FIELDS,
    MEETING_FIELDS,
    check_fields,
    empty_fields,
    merge,
    merge_known,
)
from services.interviews.letters.models import LetterTemplate
from services.interviews.letters.schemas import (
    CampaignCreate,
    CampaignMessage,
    CampaignRead,
    EmptyField,
    InvitationCounts,
    InvitationRead,
    InvitationUpdate,
    LetterContactsCreate,
    LetterPreview,
    TemplateWrite,
)
from services.interviews.letters.volumes import VolumeWriter, volume_key
from services.interviews.meetings.models import Meeting
from services.interviews.selfservice import booking, capacity
from services.interviews.selfservice import messages as link_messages
from services.interviews.selfservice.links import LinkIssuer
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.shared.jobs import JobRead, Progress
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.outbox import MessageStatus
from services.shared.messaging.schemas import MessagePage, MessageRead
from services.shared.pagination import PageParams
from services.shared.queue import QueueTask, enqueue
from services.shared.storage import Storage

_SET_BY_HAND = (
    InvitationStatus.DECLINED.value,
    InvitationStatus.NO_ANSWER.value,
    InvitationStatus.RETURNED.value,
)
MEMBERS_PAGE = 500
LETTERS_PER_VOLUME = 2_000  # the default of RSI_LETTERS_PER_VOLUME
PERSON_IDS_PAGE = 50_000
CAMPAIGN_JOB = "letter_campaign"
REMINDER_JOB = "letter_reminders"
LETTER_CONTACTS_JOB = "letter_contacts"

# A letter contact's source is its target list: recording a list twice adds nothing.
_INSERT_LETTER_CONTACTS = text(
    "INSERT INTO interviews_contact "
    "(kind, caisse_code, person_id, action_id, channel, occurred_at, source_id) "
    "SELECT 'letter', :caisse, person_id, :action, 'letter', :at, :source "
    "FROM unnest(CAST(:ids AS bigint[])) AS person_id "
    "ON CONFLICT ON CONSTRAINT one_per_source DO NOTHING"
)
_DRAW_INVITATION_IDS = text(
    "SELECT nextval(pg_get_serial_sequence('interviews_invitation', 'id')) "
    "FROM generate_series(1, :count)"
)
_INVITATIONS_AS_LETTER_CONTACTS = text(
    "INSERT INTO interviews_contact "
    "(kind, caisse_code, person_id, action_id, channel, occurred_at, source_id) "
    "SELECT 'letter', caisse_code, person_id, action_id, 'letter', sent_at, :source "
    "FROM interviews_invitation WHERE campaign_id = :campaign "
    "ON CONFLICT ON CONSTRAINT one_per_source DO NOTHING"
)


# Templates ----------------------------------------------------------------------------


def _visible(scope: CaisseScope) -> Any:
    national = LetterTemplate.caisse_code.is_(None)
    if scope.caisse_codes is None:
        return True
    return or_(national, LetterTemplate.caisse_code.in_(scope.caisse_codes))


async def list_templates(session: AsyncSession, scope: CaisseScope) -> Sequence[LetterTemplate]:
    return (
        await session.scalars(
            select(LetterTemplate).where(_visible(scope)).order_by(LetterTemplate.name)
        )
    ).all()


async def get_template(
    session: AsyncSession, scope: CaisseScope, template_id: int
) -> LetterTemplate:
    template = await session.get(LetterTemplate, template_id)
    if template is None or not (template.caisse_code is None or scope.allows(template.caisse_code)):
        raise NotFound("Modèle de courrier introuvable.", code="letter.template_not_found")
    return template


def _check_template(body: TemplateWrite) -> None:
    check_fields(body.subject, "subject")
    check_fields(body.body, "body")


def _owner(principal: Principal, national: bool) -> str | None:
    """National templates belong to the national office; a caisse's to its manager."""
    if national:
        if principal.role not in (Role.NATIONAL, Role.ADMIN):
            raise Forbidden(
                "Seul le national écrit les modèles nationaux.",
                code="letter.national_template_forbidden",
            )
        return None
    if principal.caisse_code is None:
        raise Unprocessable(
            "Un modèle de caisse a besoin d'une caisse : mettez national à true.",
            code="letter.template_needs_caisse",
            errors=[FieldError(field="national", location="body", message="doit valoir true")],
        )
    return principal.caisse_code


async def create_template(
    session: AsyncSession, principal: Principal, body: TemplateWrite
) -> LetterTemplate:
    _check_template(body)
    template = LetterTemplate(
        caisse_code=_owner(principal, body.national),
        name=body.name,
        subject=body.subject,
        body=body.body,
        updated_by=principal.subject,
    )
    session.add(template)
    await session.flush()
    await session.refresh(template)
    return template


async def update_template(
    session: AsyncSession, principal: Principal, template: LetterTemplate, body: TemplateWrite
) -> LetterTemplate:
    if _owner(principal, template.caisse_code is None) != template.caisse_code:
        raise Forbidden(
            "Ce modèle appartient au national.", code="letter.national_template_forbidden"
        )
    _check_template(body)
    template.name, template.subject, template.body = body.name, body.subject, body.body
    template.updated_by = principal.subject
    await session.flush()
    await session.refresh(template)
    return template


# Campaigns ----------------------------------------------------------------------------


def _french_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _civility(sex: int) -> str:
    return "Monsieur" if sex == 1 else "Madame"


def recipient_of(member: ListMember) -> dict[str, Any]:
    return {
        "civility": _civility(member.sex),
        "first_name": member.first_name,
        "last_name": member.last_name,
        "address_line": member.address_line or "",
        "postcode": member.postcode or "",
        "city": member.city or "",
    }


def _display_name(recipient: dict[str, Any]) -> str:
    return f"{recipient['civility']} {recipient['first_name']} {recipient['last_name'].upper()}"


@dataclass(frozen=True)
class _Mailing:
    """What every letter of a campaign shares."""

    subject: str
    body: str
    context: dict[str, str]

    @property
    def title(self) -> str:
        """The subject with the campaign's own fields resolved (for lists and PDF titles)."""
        return merge_known(self.subject, self.context)

    def letter(
        self, recipient: dict[str, Any], reminder: bool = False, link: str | None = None
    ) -> pdf.Letter:
        values = {**self.context, **{f"person.{k}": str(v) for k, v in recipient.items()}}
        if link is not None:
            values["booking.url"] = link
        return pdf.Letter(
            sender=self.context["caisse.name"],
            recipient=(
                _display_name(recipient),
                recipient["address_line"],
                f"{recipient['postcode']} {recipient['city']}".strip(),
            ),
            place_and_date=f"Le {self.context['letter.date']}",
            subject=merge(self.subject, values),
            body=merge(self.body, values),
            reminder=reminder,
            link=link,
        )


def _mailing(campaign: Campaign) -> _Mailing:
    return _Mailing(campaign.subject, campaign.body, dict(campaign.context))


async def _meeting_context(
    session: AsyncSession, caisse: str, meeting_id: int | None, action_id: int
) -> dict[str, str]:
    if meeting_id is None:
        raise Unprocessable(
            "Une invitation à une rencontre nomme sa rencontre.",
            code="letter.meeting_required",
            errors=[FieldError(field="meeting_id", location="body", message="obligatoire")],
        )
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or meeting.caisse_code != caisse:
        raise NotFound("Rencontre introuvable.", code="meeting.not_found")
    if meeting.action_id != action_id:
        raise Unprocessable(
            "La rencontre relève d'une autre action que la liste.",
            code="letter.meeting_other_action",
            errors=[FieldError(field="meeting_id", location="body", message="autre action")],
        )
    starts = meeting.starts_at.astimezone(LOCAL_TIME)
    return {
        "meeting.title": meeting.title,
        "meeting.date": _french_date(starts.date()),
        "meeting.time": starts.strftime("%H:%M").replace(":", " h "),
        "meeting.place": meeting.place,
    }


PREVIEW_LINK = "https://rendez-vous.exemple/votre-lien-personnel"
CAMPAIGN_TASK = QueueTask("interviews.mail_campaign", queue="interviews")
REMINDERS_TASK = QueueTask("interviews.remind_campaign", queue="interviews")
LETTER_CONTACTS_TASK = QueueTask("interviews.record_letter_contacts", queue="interviews")


async def _ready_list(
    targeting: TargetingGateway, principal: Principal, list_id: uuid.UUID
) -> TargetListRef:
    target_list = await targeting.target_list(principal, list_id)
    if target_list.status != "ready":
        raise Conflict("La liste cible n'est pas encore prête.", code="target_list.not_ready")
    return target_list


@dataclass(frozen=True)
class _Setup:
    """What starting a campaign and previewing its letter both need."""

    template: LetterTemplate
    target_list: TargetListRef
    action: Any
    context: dict[str, str]


async def _campaign_setup(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    scope: CaisseScope,
    body: CampaignCreate,
) -> _Setup:
    """Checks the template against the campaign's purpose and builds the shared context."""
    template = await get_template(session, scope, body.template_id)
    target_list = await _ready_list(targeting, principal, body.target_list_id)
    caisse, action_id = target_list.caisse_code, target_list.action_id
    action = await targeting.action(principal, action_id)
    caisse_row = await targeting.caisse(principal, caisse)

    meeting = body.purpose is CampaignPurpose.MEETING
    allowed = (
        frozenset(FIELDS)
        - (BOOKING_FIELDS if meeting else MEETING_FIELDS)
        - (BOOKING_FIELDS if body.purpose is CampaignPurpose.INFORMATION else frozenset())
    )
    check_fields(template.subject, "subject", allowed)
    check_fields(template.body, "body", allowed)
    if not meeting and body.meeting_id is not None:
        raise Unprocessable(
            "Seule une invitation à une rencontre nomme une rencontre.",
            code="letter.meeting_not_allowed",
            errors=[FieldError(field="meeting_id", location="body", message="non permis")],
        )
    context = {
        "caisse.name": caisse_row.name,
        "action.title": action.title,
        "campaign.contact_phone": body.contact_phone,
        "campaign.reply_by": _french_date(body.reply_by) if body.reply_by else "",
        "letter.date": _french_date(datetime.now(LOCAL_TIME).date()),
    }
    if meeting:
        context |= await _meeting_context(session, caisse, body.meeting_id, action_id)
    return _Setup(template, target_list, action, context)


async def preview_campaign(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    scope: CaisseScope,
    body: CampaignCreate,
) -> LetterPreview:
    """The letter the list's first person would receive, and the fields that would print
    empty outside a conditional block (a reply date left out, a person without a first
    name…), before anything is sent."""
    setup = await _campaign_setup(session, targeting, principal, scope, body)
    first = await targeting.members(principal, body.target_list_id, 0, 1)
    if not first.items:
        raise Conflict(
            "La liste cible est vide : aucun courrier à prévisualiser.", code="target_list.empty"
        )
    recipient = recipient_of(first.items[0])
    link = PREVIEW_LINK if body.purpose is CampaignPurpose.INTERVIEW else None
    letter = _Mailing(setup.template.subject, setup.template.body, setup.context).letter(
        recipient, link=link
    )
    values = {**setup.context, **{f"person.{k}": str(v) for k, v in recipient.items()}}
    if link is not None:
        values["booking.url"] = link
    template_text = f"{setup.template.subject}\n{setup.template.body}"
    return LetterPreview(
        subject=letter.subject,
        body=letter.body,
        recipient=list(letter.recipient),
        empty_fields=[
            EmptyField(name=name, label=FIELDS[name])
            for name in empty_fields(template_text, values)
        ],
    )


async def start_campaign(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    scope: CaisseScope,
    body: CampaignCreate,
) -> tuple[Campaign, InterviewsJob]:
    setup = await _campaign_setup(session, targeting, principal, scope, body)
    template, target_list, action = setup.template, setup.target_list, setup.action
    context = dict(setup.context)
    caisse, action_id = target_list.caisse_code, target_list.action_id
    settings = booking.action_settings(action)
    warning = None
    if body.purpose is CampaignPurpose.INTERVIEW:
        expires = datetime.now(UTC) + timedelta(days=settings["booking_link_days"])
        context["booking.expires"] = _french_date(expires.astimezone(LOCAL_TIME).date())
        if body.capacity_check != "off":
            figures = await capacity.capacity(session, caisse, settings, target_list.size)
            if not figures.enough:
                if body.capacity_check == "refuse":
                    raise capacity.not_enough_slots(figures)
                warning = figures.model_dump(mode="json")

    job = InterviewsJob(
        kind=CAMPAIGN_JOB,
        caisse_code=caisse,
        created_by=principal.subject,
        total=target_list.size,
    )
    session.add(job)
    await session.flush()
    campaign = Campaign(
        id=uuid.uuid4(),
        caisse_code=caisse,
        action_id=action_id,
        target_list_id=body.target_list_id,
        job_id=job.id,
        purpose=body.purpose.value,
        meeting_id=body.meeting_id,
        template_id=template.id,
        subject=template.subject,
        body=template.body,
        context=context,
        action_settings=settings,
        capacity_warning=warning,
        reply_by=body.reply_by,
        created_by=principal.subject,
    )
    session.add(campaign)
    await session.flush()
    await session.refresh(job)
    await session.refresh(campaign)
    await enqueue(session, CAMPAIGN_TASK, job_id=str(job.id), campaign_id=str(campaign.id))
    return campaign, job


async def mail_campaign(
    sessions: async_sessionmaker[AsyncSession],
    storage: Storage,
    progress: Progress,
    targeting: TargetingGateway,
    caller: Principal,
    campaign_id: uuid.UUID,
    issuer: LinkIssuer,
    letters_per_volume: int = LETTERS_PER_VOLUME,
) -> dict[str, Any]:
    """The campaign's job: reads the list by pages (as ``caller``, the service's own client),
    records invitations (with their personal links and messages, for interview proposals)
    and draws their letters, in volumes of ``letters_per_volume`` (:mod:`.volumes`). The
    invitations commit only once every volume is stored: a run that is interrupted leaves
    no invitation (volumes it stored are overwritten by the next run, which starts afresh)."""
    async with sessions() as session, session.begin():
        campaign = await session.get_one(Campaign, campaign_id)
        if campaign.batch_file is not None:  # done by a run whose end was not recorded
            return {"letters": campaign.letters, "without_address": None}
        key = f"letters/campaign-{campaign_id}.pdf"
        with tempfile.TemporaryDirectory(prefix="rsi-letters-") as folder:
            writer = VolumeWriter(
                storage, Path(folder), key, _mailing(campaign).title, letters_per_volume
            )
            try:
                letters, without_address = await _mail(
                    session, progress, targeting, caller, campaign, writer, issuer
                )
                volumes = await writer.close()
            finally:
                writer.shutdown()
        campaign.letters = letters
        campaign.volumes = volumes
        campaign.batch_file = key
    return {"letters": letters, "without_address": without_address, "volumes": volumes}


async def _mail(
    session: AsyncSession,
    progress: Progress,
    targeting: TargetingGateway,
    caller: Principal,
    campaign: Campaign,
    writer: VolumeWriter,
    issuer: LinkIssuer,
) -> tuple[int, int]:
    """Writes the campaign's invitations and hands their letters to ``writer``; returns how
    many letters, and how many people had no postal address."""
    mailing = _mailing(campaign)
    campaign_id = campaign.id
    letters = without_address = 0
    expires_at = datetime.now(UTC) + timedelta(
        days=campaign.action_settings.get("booking_link_days", 10)
    )
    after_rank: int | None = 0
    while after_rank is not None:
        page = await targeting.members(caller, campaign.target_list_id, after_rank, MEMBERS_PAGE)
        rows: list[dict[str, Any]] = []
        for member in page.items:
            recipient = recipient_of(member)
            if not (recipient["address_line"] and recipient["postcode"]):
                without_address += 1
                continue
            rows.append(
                {
                    "campaign_id": campaign_id,
                    "caisse_code": campaign.caisse_code,
                    "action_id": campaign.action_id,
                    "person_id": member.person_id,
                    "rank": member.rank,
                    "recipient": recipient,
                    "email": member.email,
                    "phone": member.phone,
                }
            )
        if rows:
            # Ids drawn first: the links derive from them, and go in with the rows.
            ids = await session.scalars(_DRAW_INVITATION_IDS, {"count": len(rows)})
            for row, invitation_id in zip(rows, ids, strict=True):
                row["id"] = invitation_id
            links: dict[int, str] = {}
            messages: list[dict[str, Any]] = []
            if campaign.purpose == CampaignPurpose.INTERVIEW.value:
                links, messages = link_messages.issue_links(issuer, campaign, rows, expires_at)
            await session.execute(insert(Invitation), rows)
            await link_messages.queue_messages(session, messages)
            await writer.add(
                [mailing.letter(r["recipient"], link=links.get(r["id"])) for r in rows]
            )
        letters += len(rows)
        await progress.advance(letters + without_address)
        after_rank = page.next_after_rank
    if campaign.purpose == CampaignPurpose.INFORMATION.value:
        await _record_letter_contacts(session, campaign)
    return letters, without_address


async def _record_letter_contacts(session: AsyncSession, campaign: Campaign) -> None:
    await session.execute(
        _INVITATIONS_AS_LETTER_CONTACTS,
        {"campaign": campaign.id, "source": str(campaign.target_list_id)},
    )


async def get_campaign(
    session: AsyncSession, scope: CaisseScope, campaign_id: uuid.UUID
) -> Campaign:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None or not scope.allows(campaign.caisse_code):
        raise NotFound("Campagne introuvable.", code="letter.campaign_not_found")
    return campaign


async def list_campaigns(session: AsyncSession, scope: CaisseScope) -> Sequence[Campaign]:
    statement = select(Campaign).order_by(Campaign.created_at.desc()).limit(200)
    if scope.caisse_codes is not None:
        statement = statement.where(Campaign.caisse_code.in_(scope.caisse_codes))
    return (await session.scalars(statement)).all()


async def campaign_read(session: AsyncSession, campaign: Campaign) -> CampaignRead:
    counts = dict(
        (
            await session.execute(
                select(Invitation.status, func.count())
                .where(Invitation.campaign_id == campaign.id)
                .group_by(Invitation.status)
            )
        ).all()
    )
    job = await session.get_one(InterviewsJob, campaign.job_id)
    return CampaignRead(
        id=campaign.id,
        caisse_code=campaign.caisse_code,
        action_id=campaign.action_id,
        target_list_id=campaign.target_list_id,
        purpose=CampaignPurpose(campaign.purpose),
        meeting_id=campaign.meeting_id,
        template_id=campaign.template_id,
        subject=_mailing(campaign).title,
        reply_by=campaign.reply_by,
        letters=campaign.letters,
        has_batch=campaign.batch_file is not None,
        volumes=campaign.volumes,
        has_reminders=campaign.reminder_file is not None,
        counts=InvitationCounts(**counts),
        messages=await link_messages.message_counts(session, campaign),
        capacity_warning=campaign.capacity_warning,
        job=JobRead.of(job),
        created_by=campaign.created_by,
        created_at=campaign.created_at,
    )


def batch_key(campaign: Campaign, reminders: bool, volume: int | None = None) -> str:
    """Where the campaign's letters (volume ``volume`` of them) or its latest reminders are
    stored."""
    key = campaign.reminder_file if reminders else campaign.batch_file
    if key is None:
        raise NotFound(
            "Les courriers de cette campagne ne sont pas prêts.", code="letter.not_ready"
        )
    if reminders:
        return key
    if volume is None:
        if campaign.volumes > 1:
            raise Conflict(
                f"Les courriers de cette campagne sont en {campaign.volumes} volumes : "
                "téléchargez-les un par un (volume=1, 2…) ou ensemble (letters.zip).",
                errors=[FieldError(field="volume", location="query", message="obligatoire")],
                code="letter.volume_required",
            )
        return key
    if volume > campaign.volumes:
        raise NotFound(
            f"Cette campagne a {campaign.volumes} volume(s).", code="letter.volume_not_found"
        )
    return volume_key(key, volume, campaign.volumes)


async def zipped_volumes(storage: Storage, campaign: Campaign) -> AsyncIterator[bytes]:
    """Every volume of the campaign in one ZIP, streamed as it is read from storage (stored,
    not compressed: a PDF is compressed already). Check :func:`batch_key` first: once the
    response has started, an error can no longer be a problem document."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for volume in range(1, campaign.volumes + 1):
            key = volume_key(campaign.batch_file or "", volume, campaign.volumes)
            name = f"campagne-{campaign.id}-volume-{volume:04d}.pdf"
            async with await storage.open_stream(key) as stream:
                with archive.open(name, "w", force_zip64=True) as entry:
                    async for chunk in stream:
                        entry.write(chunk)
                        yield sink.take()
            yield sink.take()
    yield sink.take()


class _Sink(io.RawIOBase):
    """A stream the ZIP writer writes into and the response takes from (not seekable, so
    ``zipfile`` writes data descriptors instead of going back)."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


async def list_invitations(
    session: AsyncSession,
    campaign: Campaign,
    status: InvitationStatus | None,
    after_rank: int,
    limit: int,
) -> list[InvitationRead]:
    statement = (
        select(Invitation)
        .where(Invitation.campaign_id == campaign.id, Invitation.rank > after_rank)
        .order_by(Invitation.rank)
        .limit(limit)
    )
    if status is not None:
        statement = statement.where(Invitation.status == status.value)
    return [invitation_read(i) for i in await session.scalars(statement)]


async def list_messages(
    session: AsyncSession, campaign: Campaign, status: MessageStatus | None, page: PageParams
) -> MessagePage[CampaignMessage]:
    rows, total = await link_messages.campaign_messages(session, campaign, status, page)
    items = [
        CampaignMessage(
            **MessageRead.fields_of(message),
            invitation_id=invitation.id,
            person_id=invitation.person_id,
            name=_display_name(invitation.recipient),
        )
        for message, invitation in rows
    ]
    counts = await link_messages.message_counts(session, campaign)
    return MessagePage[CampaignMessage].of_messages(items, total, page, counts)


def invitation_read(invitation: Invitation) -> InvitationRead:
    return InvitationRead(
        id=invitation.id,
        campaign_id=invitation.campaign_id,
        person_id=invitation.person_id,
        rank=invitation.rank,
        name=_display_name(invitation.recipient),
        status=InvitationStatus(invitation.status),
        reminders_enabled=invitation.reminders_enabled,
        reminders=invitation.reminders,
        sent_at=invitation.sent_at,
        updated_at=invitation.updated_at,
    )


async def get_invitation(
    session: AsyncSession, scope: CaisseScope, invitation_id: int
) -> Invitation:
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None or not scope.allows(invitation.caisse_code):
        raise NotFound("Invitation introuvable.", code="invitation.not_found")
    return invitation


async def update_invitation(
    session: AsyncSession, invitation: Invitation, body: InvitationUpdate
) -> Invitation:
    if body.status is not None:
        if invitation.status not in (*OPEN_INVITATION, *_SET_BY_HAND):
            raise Conflict(
                f"L'invitation est {invitation.status} : elle suit désormais son entretien.",
                code="invitation.follows_interview",
            )
        invitation.status = body.status
    if body.reminders_enabled is not None:
        invitation.reminders_enabled = body.reminders_enabled
    await session.flush()
    await session.refresh(invitation)
    return invitation


async def invitation_letter(
    session: AsyncSession, invitation: Invitation, issuer: LinkIssuer
) -> bytes:
    campaign = await session.get_one(Campaign, invitation.campaign_id)
    link = issuer.url(invitation.id) if invitation.link_token_hash else None
    mailing = _mailing(campaign)
    return await asyncio.to_thread(
        pdf.render_one, mailing.letter(invitation.recipient, link=link), mailing.title
    )


async def close_campaign(session: AsyncSession, campaign: Campaign) -> None:
    """After the reply date: those who did not answer are recorded as such."""
    if campaign.reply_by is not None and campaign.reply_by >= datetime.now(LOCAL_TIME).date():
        raise Conflict(
            f"Les personnes peuvent répondre jusqu'au {_french_date(campaign.reply_by)}.",
            code="letter.reply_period_open",
        )
    await session.execute(
        update(Invitation)
        .where(
            Invitation.campaign_id == campaign.id,
            Invitation.status == InvitationStatus.SENT.value,
        )
        .values(status=InvitationStatus.NO_ANSWER.value)
    )


async def start_reminders(
    session: AsyncSession, principal: Principal, campaign: Campaign
) -> InterviewsJob:
    """A reminder letter to everyone who has not answered yet (status sent)."""
    if campaign.batch_file is None:
        raise Conflict(
            "Les courriers de la campagne ne sont pas encore prêts.", code="letter.not_ready"
        )
    pending = await session.scalar(
        select(func.count()).where(
            Invitation.campaign_id == campaign.id,
            Invitation.status == InvitationStatus.SENT.value,
        )
    )
    if not pending:
        raise Conflict(
            "Tout le monde a répondu : personne à relancer.", code="letter.nobody_to_remind"
        )
    job = InterviewsJob(
        kind=REMINDER_JOB,
        caisse_code=campaign.caisse_code,
        created_by=principal.subject,
        total=pending,
    )
    session.add(job)
    await session.flush()
    await session.refresh(job)
    await enqueue(session, REMINDERS_TASK, job_id=str(job.id), campaign_id=str(campaign.id))
    return job


async def remind_campaign(
    sessions: async_sessionmaker[AsyncSession],
    storage: Storage,
    progress: Progress,
    job_id: uuid.UUID,
    campaign_id: uuid.UUID,
) -> dict[str, Any]:
    """The reminders' job, in one transaction. Those reminded since the job was asked for
    are not reminded again: a run whose end was not recorded is not repeated."""
    async with sessions() as session, session.begin():
        asked_at = (await session.get_one(InterviewsJob, job_id)).created_at
        campaign = await session.get_one(Campaign, campaign_id)
        mailing = _mailing(campaign)
        pending = (
            await session.scalars(
                select(Invitation)
                .where(
                    Invitation.campaign_id == campaign_id,
                    Invitation.status == InvitationStatus.SENT.value,
                    or_(
                        Invitation.last_reminded_at.is_(None),
                        Invitation.last_reminded_at < asked_at,
                    ),
                )
                .order_by(Invitation.rank)
                .with_for_update()
            )
        ).all()
        if not pending:
            return {"reminded": 0}
        with tempfile.TemporaryDirectory(prefix="rsi-reminders-") as folder:
            batch = Path(folder) / "reminders.pdf"
            canvas = pdf.open_batch(batch, f"Relance — {mailing.title}")
            reminded = 0
            for start in range(0, len(pending), MEMBERS_PAGE):
                chunk = pending[start : start + MEMBERS_PAGE]
                await asyncio.to_thread(
                    pdf.add_letters,
                    canvas,
                    [mailing.letter(i.recipient, reminder=True) for i in chunk],
                )
                for invitation in chunk:
                    invitation.reminders += 1
                    invitation.last_reminded_at = datetime.now(UTC)
                reminded += len(chunk)
                await progress.advance(reminded)
            await asyncio.to_thread(canvas.save)
            key = f"letters/campaign-{campaign_id}-reminders.pdf"
            await storage.put_file(key, batch, "application/pdf")
        campaign.reminder_file = key
    return {"reminded": reminded}


# Letter contacts ----------------------------------------------------------------------


async def start_letter_contacts(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    body: LetterContactsCreate,
) -> InterviewsJob:
    target_list = await _ready_list(targeting, principal, body.target_list_id)
    action = await targeting.action(principal, target_list.action_id)
    if action.contact_type != "letter":
        raise Unprocessable(
            "Les contacts par courrier ne concernent que les actions de courrier.",
            code="letter.not_a_letter_action",
            errors=[
                FieldError(
                    field="target_list_id", location="body", message="pas une action de courrier"
                )
            ],
        )
    job = InterviewsJob(
        kind=LETTER_CONTACTS_JOB,
        caisse_code=target_list.caisse_code,
        created_by=principal.subject,
        total=target_list.size,
    )
    session.add(job)
    await session.flush()
    await session.refresh(job)
    await enqueue(
        session,
        LETTER_CONTACTS_TASK,
        job_id=str(job.id),
        target_list=_letter_list(target_list),
        sent_on=body.sent_on.isoformat(),
    )
    return job


def _letter_list(target_list: TargetListRef) -> dict[str, Any]:
    """What recording a list's letter contacts needs of it (the job's argument, as JSON)."""
    return target_list.model_dump(mode="json", include={"id", "caisse_code", "action_id"})


async def record_letter_contacts(
    sessions: async_sessionmaker[AsyncSession],
    progress: Progress,
    targeting: TargetingGateway,
    caller: Principal,
    target_list: dict[str, Any],
    sent_on: date,
) -> dict[str, Any]:
    """The letter contacts' job: reads the list's person ids in large pages and inserts them
    with ``unnest`` — one statement per page, in one transaction. Recording a list again
    adds nothing."""
    sent_at = datetime.combine(sent_on, datetime.min.time(), LOCAL_TIME)
    recorded = read = 0
    list_id = uuid.UUID(target_list["id"])
    async with sessions() as session, session.begin():
        after_rank: int | None = 0
        while after_rank is not None:
            page = await targeting.person_ids(caller, list_id, after_rank, PERSON_IDS_PAGE)
            ids = page.person_ids
            if ids:
                result = await session.execute(
                    _INSERT_LETTER_CONTACTS,
                    {
                        "ids": ids,
                        "caisse": target_list["caisse_code"],
                        "action": target_list["action_id"],
                        "at": sent_at,
                        "source": str(list_id),
                    },
                )
                recorded += result.rowcount  # type: ignore[attr-defined]
            read += len(ids)
            await progress.advance(read)
            after_rank = page.next_after_rank
    return {"recorded": recorded}
