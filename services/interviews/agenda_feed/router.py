from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response

from services.interviews.agenda_feed import service
from services.interviews.agenda_feed.schemas import AgendaFeedRead
from services.interviews.deps import AgendaReader
from services.interviews.scheduling import service as scheduling
from services.interviews.selfservice.links import Links
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses

router = APIRouter(tags=["agenda"], responses=problem_responses(401, 403, 404))
public = APIRouter(tags=["agenda"])


def _base_url(request: Request) -> str:
    return str(request.app.state.settings.agenda_feed_url)


@router.get("/counselors/{counselor_id}/agenda-feed")
async def get_agenda_feed(
    counselor_id: int,
    request: Request,
    _: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    links: Links,
) -> AgendaFeedRead:
    """The counselor's calendar subscription address (``url`` is null when there is none)."""
    counselor = await scheduling.get_counselor(session, scope, counselor_id)
    feed = await service.current(session, counselor)
    return service.feed_read(feed, links.keys, _base_url(request))


@router.put("/counselors/{counselor_id}/agenda-feed")
async def renew_agenda_feed(
    counselor_id: int,
    request: Request,
    _: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    links: Links,
) -> AgendaFeedRead:
    """A new subscription address; the previous one stops working at once."""
    counselor = await scheduling.get_counselor(session, scope, counselor_id)
    feed = await service.renew(session, links.keys, counselor)
    return service.feed_read(feed, links.keys, _base_url(request))


@router.delete("/counselors/{counselor_id}/agenda-feed")
async def revoke_agenda_feed(
    counselor_id: int,
    request: Request,
    _: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    links: Links,
) -> AgendaFeedRead:
    """No more subscription: the address answers 404 from now on."""
    counselor = await scheduling.get_counselor(session, scope, counselor_id)
    feed = await service.revoke(session, counselor)
    return service.feed_read(feed, links.keys, _base_url(request))


@public.get(
    "/agenda-feeds/{token}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(404)},
)
async def subscribed_calendar(token: str, session: DbSession) -> Response:
    """The calendar behind a subscription address (no account: the address is the secret;
    the events carry no personal data)."""
    body = await service.calendar(session, token, datetime.now(UTC))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )
