"""A person's whole history with the caisse, and the per-action activity figures reporting
consolidates: read across interviews, meetings, invitations and contacts."""

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.activity.schemas import ActionActivity, ChannelStats, HistoryEntry
from services.interviews.contacts.models import Contact, ContactChannel, ContactKind
from services.interviews.invitations.models import Campaign, CampaignPurpose, Invitation
from services.interviews.meetings.models import Meeting, MeetingStatus, Registration
from services.interviews.scheduling.models import Interview, InterviewStatus
from services.shared.auth import CaisseScope

_INTERVIEW_TITLES = {
    "booked": "Entretien individuel prévu",
    "done": "Entretien individuel tenu",
    "no_show": "Entretien individuel manqué",
    "cancelled": "Entretien individuel annulé",
}
_LETTER_TITLES = {
    CampaignPurpose.INTERVIEW.value: "Courrier de proposition d'entretien",
    CampaignPurpose.MEETING.value: "Invitation à une rencontre",
    CampaignPurpose.INFORMATION.value: "Courrier d'information",
}


async def person_history(
    session: AsyncSession, scope: CaisseScope, person_id: int
) -> list[HistoryEntry]:
    """Everything the caisse did with a person, most recent first."""
    allowed = scope.caisse_codes
    entries: list[HistoryEntry] = []

    interviews = select(Interview).where(Interview.person_id == person_id)
    if allowed is not None:
        interviews = interviews.where(Interview.caisse_code.in_(allowed))
    for interview in await session.scalars(interviews):
        assert interview.during.lower is not None
        entries.append(
            HistoryEntry(
                kind="interview",
                at=interview.during.lower,
                action_id=interview.action_id,
                status=interview.status,
                channel=ContactChannel(interview.channel),
                title=_INTERVIEW_TITLES[interview.status],
                reference=str(interview.id),
            )
        )

    registrations = (
        select(Registration, Meeting)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(Registration.person_id == person_id)
    )
    if allowed is not None:
        registrations = registrations.where(Meeting.caisse_code.in_(allowed))
    for registration, meeting in await session.execute(registrations):
        entries.append(
            HistoryEntry(
                kind="meeting",
                at=meeting.starts_at,
                action_id=meeting.action_id,
                status="attended" if registration.checked_in_at else registration.status,
                channel=ContactChannel.COLLECTIVE,
                title=meeting.title,
                reference=str(meeting.id),
            )
        )

    letters = (
        select(Invitation, Campaign.purpose)
        .join(Campaign, Campaign.id == Invitation.campaign_id)
        .where(Invitation.person_id == person_id)
    )
    if allowed is not None:
        letters = letters.where(Invitation.caisse_code.in_(allowed))
    for invitation, purpose in await session.execute(letters):
        entries.append(
            HistoryEntry(
                kind="letter",
                at=invitation.sent_at,
                action_id=invitation.action_id,
                status=invitation.status,
                channel=ContactChannel.LETTER,
                title=_LETTER_TITLES[purpose],
                reference=str(invitation.campaign_id),
            )
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)


async def activity(
    session: AsyncSession,
    scope: CaisseScope,
    caisse_code: str | None,
    action_ids: list[int],
) -> list[ActionActivity]:
    """Counts per caisse and action, in a handful of grouped queries."""

    def scoped(statement: Any, caisse_column: Any, action_column: Any) -> Any:
        if caisse_code is not None:
            statement = statement.where(caisse_column == caisse_code)
        if scope.caisse_codes is not None:
            statement = statement.where(caisse_column.in_(scope.caisse_codes))
        if action_ids:
            statement = statement.where(action_column.in_(action_ids))
        return statement.group_by(*statement.selected_columns[:2])

    items: dict[tuple[str, int], dict[str, Any]] = defaultdict(
        lambda: {
            "invited": 0,
            "funnel": {},
            "channels": {},
            "meetings_held": 0,
            "meeting_registrations": 0,
            "meeting_attendance": 0,
            "letters_sent": 0,
        }
    )

    i = Interview
    not_cancelled = i.status != InterviewStatus.CANCELLED.value
    interviews = scoped(
        select(
            i.caisse_code,
            i.action_id,
            i.channel,
            func.count().filter(not_cancelled),
            func.count().filter(i.status == InterviewStatus.DONE.value),
            func.count().filter(i.status == InterviewStatus.NO_SHOW.value),
            func.count().filter(i.status == InterviewStatus.CANCELLED.value),
        ),
        i.caisse_code,
        i.action_id,
    ).group_by(i.channel)
    for caisse, action, channel, booked, held, no_show, cancelled in await session.execute(
        interviews
    ):
        items[(caisse, action)]["channels"][channel] = ChannelStats(
            channel=channel, booked=booked, held=held, no_show=no_show, cancelled=cancelled
        )

    inv, camp = Invitation, Campaign
    invitations = scoped(
        select(inv.caisse_code, inv.action_id, inv.status, func.count())
        .join(camp, camp.id == inv.campaign_id)
        .where(camp.purpose != CampaignPurpose.INFORMATION.value),
        inv.caisse_code,
        inv.action_id,
    ).group_by(inv.status)
    for caisse, action, status, count in await session.execute(invitations):
        entry = items[(caisse, action)]
        entry["invited"] += count
        entry["funnel"][status] = count

    c = Contact
    letters = scoped(
        select(c.caisse_code, c.action_id, func.count()).where(
            c.kind == ContactKind.LETTER.value, c.action_id.is_not(None)
        ),
        c.caisse_code,
        c.action_id,
    )
    for caisse, action, sent in await session.execute(letters):
        items[(caisse, action)]["letters_sent"] = sent

    m, r = Meeting, Registration
    meetings = scoped(
        select(
            m.caisse_code,
            m.action_id,
            func.count(func.distinct(m.id)).filter(m.status == MeetingStatus.HELD.value),
            func.count(r.id).filter(r.status != "cancelled"),
            func.count(r.checked_in_at),
        ).outerjoin(r, r.meeting_id == m.id),
        m.caisse_code,
        m.action_id,
    )
    for caisse, action, held, registered, attended in await session.execute(meetings):
        entry = items[(caisse, action)]
        entry["meetings_held"] += held
        entry["meeting_registrations"] += registered
        entry["meeting_attendance"] += attended

    return [
        ActionActivity(
            caisse_code=caisse,
            action_id=action,
            **{**values, "channels": sorted(values["channels"].values(), key=lambda c: c.channel)},
        )
        for (caisse, action), values in sorted(items.items())
    ]
