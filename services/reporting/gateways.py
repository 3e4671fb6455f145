"""What reporting reads from targeting, interviews and surveys: their ``/stats`` and the
caisses' names, each answer a model of just the fields a bilan uses (a missing one is a
:class:`~services.shared.peers.PeerContractError` naming it).

The caller's token is forwarded, so each peer's scoping applies.
"""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from services.reporting.bilans.schemas import ContactType
from services.shared.auth import Principal
from services.shared.peers import PeerClient

MAX_CAISSES = 500


class CaisseFigures(BaseModel):
    """An item of a ``/stats`` answer: one caisse's figures (for one action)."""

    caisse_code: str


Figures = TypeVar("Figures", bound=CaisseFigures)


class StatsPage(BaseModel, Generic[Figures]):
    items: list[Figures]


class TargetStats(CaisseFigures):
    """Targeting's: an action of the year, how many people it targets and lists."""

    action_id: int
    action_code: str
    title: str
    contact_type: ContactType
    national: bool
    targeted: int
    listed: int


class ChannelStats(BaseModel):
    channel: str
    booked: int
    held: int
    no_show: int
    cancelled: int


class ContactStats(CaisseFigures):
    """Interviews': the invitations, interviews, meetings and letters of an action."""

    action_id: int
    invited: int
    channels: list[ChannelStats]
    meetings_held: int
    meeting_registrations: int
    meeting_attendance: int
    letters_sent: int


class SurveyStats(CaisseFigures):
    """Surveys': the satisfaction survey's links and answers of an action (None: the
    contacts outside any action)."""

    action_id: int | None
    links_issued: int
    responses: int
    overall_satisfaction_mean: float | None
    satisfied_share: float | None


class Caisse(BaseModel):
    code: str
    name: str


class _Caisses(BaseModel):
    items: list[Caisse]


def _stats_params(caisse_code: str | None, **params: Any) -> dict[str, Any]:
    """All the caller may see, or one caisse's figures."""
    return {**params, "caisse_code": caisse_code} if caisse_code else params


async def _stats(
    peer: PeerClient, principal: Principal, page: type[StatsPage[Figures]], params: dict[str, Any]
) -> list[Figures]:
    return (await peer.get_model("/stats", principal, page, params)).items


class TargetingGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def stats(
        self, principal: Principal, year: int, caisse_code: str | None
    ) -> list[TargetStats]:
        """The year's actions, per caisse (the actions the caller's caisse may see)."""
        params = _stats_params(caisse_code, year=year)
        return await _stats(self.peer, principal, StatsPage[TargetStats], params)

    async def caisse(self, principal: Principal, code: str) -> Caisse:
        return await self.peer.get_model(f"/caisses/{code}", principal, Caisse)

    async def caisses(self, principal: Principal) -> list[Caisse]:
        params = {"limit": MAX_CAISSES}
        return (await self.peer.get_model("/caisses", principal, _Caisses, params)).items


class InterviewsGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def stats(
        self, principal: Principal, action_ids: list[int], caisse_code: str | None
    ) -> list[ContactStats]:
        params = _stats_params(caisse_code, action_id=action_ids)
        return await _stats(self.peer, principal, StatsPage[ContactStats], params)


class SurveysGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def stats(
        self, principal: Principal, action_ids: list[int], caisse_code: str | None
    ) -> list[SurveyStats]:
        params = _stats_params(caisse_code, action_id=action_ids)
        return await _stats(self.peer, principal, StatsPage[SurveyStats], params)
