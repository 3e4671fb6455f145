"""What interviews reads from targeting, and writes to it: one method per remote operation,
each answer a model of just the fields interviews uses (a missing one is a
:class:`~services.shared.peers.PeerContractError` naming it).

Reads go with the caller's token, so targeting's scoping applies (another caisse's person or
regional action is a 404 there, hence here); a job's reads go as interviews' own client.
"""

import uuid
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, RootModel

from services.shared.auth import Principal
from services.shared.peers import PeerClient

DEFAULT_INTERVIEW_MINUTES = 45


class Person(BaseModel):
    """A person of the registry: whom an interview, a meeting seat or the guide is for."""

    caisse_code: str
    first_name: str
    last_name: str
    birth_date: date
    status: str
    professional_group: str
    auto_entrepreneur: bool
    conjoint_collaborateur: bool
    incomplete_career: bool
    eirl: bool
    invalidity_pension: bool
    cross_border: bool
    professional_category: str | None = None


class Action(BaseModel):
    """An action of the yearly policy, with its interview and booking-link settings."""

    id: int
    code: str
    title: str
    contact_type: str
    calendar_start: date
    calendar_end: date
    interview_minutes: int | None
    buffer_minutes: int
    booking_link_days: int
    change_notice_hours: int
    reminder_after_days: int | None

    @property
    def interview_length(self) -> int:
        """Minutes per interview: the action's own, or the default when it sets none."""
        return self.interview_minutes or DEFAULT_INTERVIEW_MINUTES


class _Actions(RootModel[list[Action]]):
    pass


class TargetListRef(BaseModel):
    id: uuid.UUID
    status: str
    caisse_code: str
    action_id: int
    size: int


class ListMember(BaseModel):
    """A person of a frozen list, as a letter is addressed to them."""

    rank: int
    person_id: int
    sex: int
    first_name: str
    last_name: str
    address_line: str | None
    postcode: str | None
    city: str | None
    email: str | None
    phone: str | None


class MembersPage(BaseModel):
    items: list[ListMember]
    next_after_rank: int | None


class PersonIdsPage(BaseModel):
    person_ids: list[int]
    next_after_rank: int | None


class PersonName(BaseModel):
    id: int
    first_name: str
    last_name: str


class _PersonNames(RootModel[list[PersonName]]):
    pass


MAX_NAMES_PER_CALL = 500


class Caisse(BaseModel):
    name: str


class CaisseCount(BaseModel):
    caisse_code: str
    matched: int
    opted_out: int


class Volumetry(BaseModel):
    by_caisse: list[CaisseCount]


class ProfessionalCategory(BaseModel):
    name: str
    has_risk_information: bool


class _ProfessionalCategories(RootModel[list[ProfessionalCategory]]):
    pass


class RecentContact(BaseModel):
    """A completed contact, as targeting's recency exclusion takes it."""

    person_id: int
    contacted_on: date


class TargetingGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def person(
        self, principal: Principal, person_id: int, purpose: str | None = None
    ) -> Person:
        """The person's file (every read is audited by targeting, with ``purpose`` if given)."""
        params = {"purpose": purpose} if purpose else None
        return await self.peer.get_model(f"/persons/{person_id}", principal, Person, params)

    async def person_names(
        self, principal: Principal, person_ids: Iterable[int], purpose: str
    ) -> dict[int, PersonName]:
        """Names by person id, in calls of at most 500 ids (each person read is audited by
        targeting); people outside the caller's caisse are absent from the answer."""
        ids = sorted(set(person_ids))
        names: dict[int, PersonName] = {}
        for first in range(0, len(ids), MAX_NAMES_PER_CALL):
            body = {"person_ids": ids[first : first + MAX_NAMES_PER_CALL], "purpose": purpose}
            answer = await self.peer.post_model("/persons/names", principal, body, _PersonNames)
            names.update((name.id, name) for name in answer.root)
        return names

    async def action(self, principal: Principal, action_id: int) -> Action:
        return await self.peer.get_model(f"/actions/{action_id}", principal, Action)

    async def policy_actions(self, principal: Principal, year: int) -> list[Action]:
        """The year's socle and the caller's caisse's own actions."""
        return (await self.peer.get_model(f"/policy/{year}/actions", principal, _Actions)).root

    async def volumetry(self, principal: Principal, action_id: int) -> Volumetry:
        return await self.peer.get_model(f"/actions/{action_id}/volumetry", principal, Volumetry)

    async def target_list(self, principal: Principal, list_id: uuid.UUID) -> TargetListRef:
        return await self.peer.get_model(f"/target-lists/{list_id}", principal, TargetListRef)

    async def members(
        self, principal: Principal, list_id: uuid.UUID, after_rank: int, limit: int
    ) -> MembersPage:
        return await self.peer.get_model(
            f"/target-lists/{list_id}/members",
            principal,
            MembersPage,
            {"after_rank": after_rank, "limit": limit},
        )

    async def person_ids(
        self, principal: Principal, list_id: uuid.UUID, after_rank: int, limit: int
    ) -> PersonIdsPage:
        return await self.peer.get_model(
            f"/target-lists/{list_id}/person-ids",
            principal,
            PersonIdsPage,
            {"after_rank": after_rank, "limit": limit},
        )

    async def caisse(self, principal: Principal, code: str) -> Caisse:
        return await self.peer.get_model(f"/caisses/{code}", principal, Caisse)

    async def professional_categories(self, principal: Principal) -> list[ProfessionalCategory]:
        categories = _ProfessionalCategories
        return (await self.peer.get_model("/professional-categories", principal, categories)).root

    async def record_recency(self, principal: Principal, contacts: Iterable[RecentContact]) -> None:
        """Tells targeting when these people were contacted (it keeps the latest date)."""
        body = {"contacts": [contact.model_dump(mode="json") for contact in contacts]}
        await self.peer.post_json("/contacts/recency", principal, body)
