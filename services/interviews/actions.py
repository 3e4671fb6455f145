"""What interviews needs of targeting's actions (the contact type and the interview length),
kept for a minute: bookings and slot searches then skip one HTTP round trip each.

Entries are per caisse, since which actions a caller may see depends on its caisse (targeting
answers 404 for another caisse's regional action); a changed interview length applies within
a minute.
"""

import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from services.interviews.gateways import TargetingGateway
from services.shared.auth import Principal
from services.shared.errors import Unprocessable

TTL_SECONDS = 60.0


@dataclass(frozen=True)
class InterviewAction:
    id: int
    interview_minutes: int
    buffer_minutes: int


class ActionCatalog:
    def __init__(self, ttl_seconds: float = TTL_SECONDS) -> None:
        self.ttl_seconds = ttl_seconds
        self._entries: dict[tuple[int, str | None], tuple[float, InterviewAction]] = {}

    async def interview_action(
        self, targeting: TargetingGateway, principal: Principal, action_id: int
    ) -> InterviewAction:
        key = (action_id, principal.caisse_code)
        cached = self._entries.get(key)
        if cached and time.monotonic() - cached[0] < self.ttl_seconds:
            return cached[1]
        action = await targeting.action(principal, action_id)
        if action.contact_type != "individual_interview":
            raise Unprocessable(
                "Cette action ne comporte pas d'entretiens individuels.",
                code="action.no_interviews",
            )
        entry = InterviewAction(action_id, action.interview_length, action.buffer_minutes)
        self._entries[key] = (time.monotonic(), entry)
        return entry


def get_action_catalog(request: Request) -> ActionCatalog:
    catalog: ActionCatalog | None = getattr(request.app.state, "action_catalog", None)
    if catalog is None:
        catalog = request.app.state.action_catalog = ActionCatalog()
    return catalog


Actions = Annotated[ActionCatalog, Depends(get_action_catalog)]
