"""The action catalog: one read from targeting per action and caisse per minute."""

from typing import Any

import httpx
import pytest

from services.interviews.actions import ActionCatalog
from services.interviews.gateways import TargetingGateway
from services.shared.auth import Principal, Role
from services.shared.errors import Unprocessable
from services.shared.peers import PeerClient


class CountingTargeting(PeerClient):
    """A targeting peer answering from a dict and counting the reads it serves."""

    def __init__(self, actions: dict[int, dict[str, Any]]) -> None:
        super().__init__("targeting", "http://targeting", httpx.AsyncClient())
        self.actions = actions
        self.reads = 0

    async def get_json(
        self, path: str, principal: Principal, params: dict[str, Any] | None = None
    ) -> Any:
        self.reads += 1
        return self.actions[int(path.rsplit("/", 1)[1])]


def action(action_id: int, contact_type: str, interview_minutes: int | None) -> dict[str, Any]:
    return {
        "id": action_id,
        "code": f"A{action_id}",
        "title": "Action",
        "contact_type": contact_type,
        "calendar_start": "2026-01-01",
        "calendar_end": "2026-12-31",
        "interview_minutes": interview_minutes,
        "buffer_minutes": 0,
        "booking_link_days": 10,
        "change_notice_hours": 24,
        "reminder_after_days": 5,
    }


def principal(caisse: str) -> Principal:
    return Principal(f"user:{caisse}", Role.COUNSELOR, caisse, "x", frozenset(), "token")


async def test_reads_are_cached_per_caisse_and_expire() -> None:
    peer = CountingTargeting({1: action(1, "individual_interview", 30)})
    targeting = TargetingGateway(peer)
    catalog = ActionCatalog()
    first = await catalog.interview_action(targeting, principal("ALPES"), 1)
    await catalog.interview_action(targeting, principal("ALPES"), 1)
    assert (first.interview_minutes, peer.reads) == (30, 1)
    await catalog.interview_action(targeting, principal("BRETAGNE"), 1)
    assert peer.reads == 2  # another caisse asks targeting itself (its scope may differ)
    expired = ActionCatalog(ttl_seconds=0)
    await expired.interview_action(targeting, principal("ALPES"), 1)
    await expired.interview_action(targeting, principal("ALPES"), 1)
    assert peer.reads == 4


async def test_actions_without_interviews_are_refused() -> None:
    targeting = TargetingGateway(CountingTargeting({2: action(2, "letter", None)}))
    with pytest.raises(Unprocessable, match="entretiens individuels"):
        await ActionCatalog().interview_action(targeting, principal("ALPES"), 2)
