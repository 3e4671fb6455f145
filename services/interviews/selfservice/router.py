"""The invited person's own pages (no account: the personal link is the credential), and the
staff's capacity and planning figures."""

import uuid
from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, status

from services.interviews.deps import CaisseStaff, StaffReader, Targeting
from services.interviews.invitations.models import Campaign, Invitation
from services.interviews.scheduling.models import Channel
from services.interviews.selfservice import booking, capacity
from services.interviews.selfservice.schemas import (
    CapacityAlert,
    CapacityFigures,
    PlanningRow,
    PublicBookingRequest,
    PublicInvitation,
    PublicReschedule,
    PublicSlot,
)
from services.shared.auth import CurrentCaisseScope, Principal
from services.shared.db import DbSession
from services.shared.errors import Conflict, FieldError, NotFound, Unprocessable, problem_responses
from services.shared.local_time import LOCAL_TIME

public = APIRouter(prefix="/public/invitations/{token}", tags=["public booking"])
staff = APIRouter(tags=["capacity"], responses=problem_responses(401, 403))
Token = Annotated[str, "the personal link's token"]
MAX_DAYS = 31


@public.get("", responses=problem_responses(404, 410))
async def view_invitation(token: str, session: DbSession) -> PublicInvitation:
    """The invitation as its person sees it (unknown link: 404; expired or used: 410)."""
    invitation, campaign = await booking.invitation_by_token(session, token, for_update=True)
    return await booking.public_view(session, invitation, campaign)


def _days(first: date | None, last: date | None) -> tuple[date, date]:
    first = first or datetime.now(LOCAL_TIME).date()
    last = last or first + timedelta(days=13)
    if last < first or (last - first).days >= MAX_DAYS:
        raise Unprocessable(
            f"Demandez au plus {MAX_DAYS} jours, de « from » à « to ».",
            code="scheduling.bad_range",
            errors=[FieldError(field="to", location="query", message="période trop longue")],
        )
    return first, last


@public.get("/slots", responses=problem_responses(404, 410, 422))
async def invitation_slots(
    token: str,
    session: DbSession,
    channel: Channel,
    first: Annotated[date | None, Query(alias="from")] = None,
    last: Annotated[date | None, Query(alias="to")] = None,
) -> list[PublicSlot]:
    """Free times of the person's caisse for the invitation's action."""
    first, last = _days(first, last)
    invitation, campaign = await booking.invitation_by_token(session, token)
    return await booking.public_slots(session, invitation, campaign, channel, first, last)


async def _fresh_slots(
    session: DbSession, invitation: Invitation, campaign: Campaign, channel: Channel, day: date
) -> list[dict[str, object]]:
    slots = await booking.public_slots(
        session, invitation, campaign, channel, day, day + timedelta(days=6)
    )
    return [s.model_dump(mode="json") for s in slots[:20]]


@public.post(
    "/booking", status_code=status.HTTP_201_CREATED, responses=problem_responses(404, 409, 410, 422)
)
async def book_from_invitation(
    token: str, body: PublicBookingRequest, session: DbSession
) -> PublicInvitation:
    """Book a free time. Taken meanwhile: 409 with fresh slots (``slots``)."""
    invitation, campaign = await booking.invitation_by_token(session, token, for_update=True)
    try:
        await booking.public_book(
            session, invitation, campaign, body.start, body.channel, body.site_id
        )
    except Conflict as exc:
        day = body.start.astimezone(LOCAL_TIME).date()
        raise Conflict(
            "Cet horaire vient d'être pris : choisissez-en un autre.",
            code="booking.slot_taken",
            extensions={
                "slots": await _fresh_slots(session, invitation, campaign, body.channel, day)
            },
        ) from exc
    await session.refresh(invitation)
    return await booking.public_view(session, invitation, campaign)


@public.post("/booking/cancel", responses=problem_responses(404, 409, 410))
async def cancel_from_invitation(token: str, session: DbSession) -> PublicInvitation:
    """Cancel, up to the action's notice; the link stays valid to choose another time."""
    invitation, campaign = await booking.invitation_by_token(session, token, for_update=True)
    await booking.public_cancel(session, invitation, campaign)
    return await booking.public_view(session, invitation, campaign)


@public.post("/booking/reschedule", responses=problem_responses(404, 409, 410, 422))
async def reschedule_from_invitation(
    token: str, body: PublicReschedule, session: DbSession
) -> PublicInvitation:
    """Move the appointment, up to the action's notice."""
    invitation, campaign = await booking.invitation_by_token(session, token, for_update=True)
    await booking.public_reschedule(session, invitation, campaign, body.start)
    return await booking.public_view(session, invitation, campaign)


def _own_caisse(principal: Principal) -> str:
    assert principal.caisse_code is not None  # caisse staff only
    return principal.caisse_code


@staff.get("/capacity", responses=problem_responses(404))
async def campaign_capacity(
    principal: CaisseStaff,
    session: DbSession,
    targeting: Targeting,
    target_list_id: uuid.UUID,
) -> CapacityFigures:
    """Before a campaign: the people of a list against the free slots they would need."""
    target_list = await targeting.target_list(principal, target_list_id)
    action = await targeting.action(principal, target_list.action_id)
    return await capacity.capacity(
        session, _own_caisse(principal), booking.action_settings(action), target_list.size
    )


@staff.get("/capacity/alerts")
async def capacity_alerts(
    _: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> list[CapacityAlert]:
    """The daily check: actions whose pending invitations exceed the free slots ahead."""
    return await capacity.capacity_alerts(session, scope)


@staff.get("/planning", responses=problem_responses(404))
async def planning(
    principal: CaisseStaff,
    session: DbSession,
    targeting: Targeting,
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> list[PlanningRow]:
    """For each interview action of the year: the people targeted, the counselor hours in the
    action's window and the hours the interviews need, before anyone is invited."""
    caisse = _own_caisse(principal)
    actions = await targeting.policy_actions(principal, year)
    today = datetime.now(LOCAL_TIME).date()
    rows = []
    for action in actions:
        if action.contact_type != "individual_interview":
            continue
        volumetry = await targeting.volumetry(principal, action.id)
        targeted = next(
            (c.matched - c.opted_out for c in volumetry.by_caisse if c.caisse_code == caisse), 0
        )
        start = max(action.calendar_start, today)
        end = action.calendar_end
        hours = await capacity.available_hours(session, caisse, start, end)
        rows.append(capacity.planning_row(action, targeted, hours, today))
    if not actions:
        raise NotFound("Aucune politique pour cette année.", code="policy.not_found")
    return rows
