"""The action catalog: one read from targeting per action and caisse per minute."""

from typing import Any

import httpx
import pytest

from services.interviews.actions import ActionCatalog
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


def principal(caisse: str) -> Principal:
    return Principal(f"user:{caisse}", Role.COUNSELOR, caisse, "x", frozenset(), "token")


async def test_reads_are_cached_per_caisse_and_expire() -> None:
    targeting = CountingTargeting(
        {1: {"contact_type": "individual_interview", "interview_minutes": 30}}
    )
    catalog = ActionCatalog()
    first = await catalog.interview_action(targeting, principal("ALPES"), 1)
    await catalog.interview_action(targeting, principal("ALPES"), 1)
    assert (first.interview_minutes, targeting.reads) == (30, 1)
    await catalog.interview_action(targeting, principal("BRETAGNE"), 1)
    assert targeting.reads == 2  # another caisse asks targeting itself (its scope may differ)
    expired = ActionCatalog(ttl_seconds=0)
    await expired.interview_action(targeting, principal("ALPES"), 1)
    await expired.interview_action(targeting, principal("ALPES"), 1)
    assert targeting.reads == 4


async def test_actions_without_interviews_are_refused() -> None:
    targeting = CountingTargeting({2: {"contact_type": "letter", "interview_minutes": None}})
    with pytest.raises(Unprocessable, match="individual interviews"):
        await ActionCatalog().interview_action(targeting, principal("ALPES"), 2)
