"""What surveys reads from interviews (the feed of completed contacts) and from targeting (the
drawn people's addresses, caisse names, action titles): one method per remote operation, each
answer a model of just the fields surveys uses (a missing one is a
:class:`~services.shared.peers.PeerContractError` naming it)."""

from pydantic import BaseModel

from services.shared.auth import Principal
from services.shared.peers import PeerClient
from services.surveys.campaigns.schemas import ContactEvent


class ContactFeed(BaseModel):
    """A page of interviews' completed contacts; ``next_after`` reads the next one."""

    items: list[ContactEvent]
    next_after: int


class InterviewsGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def contact_events(self, principal: Principal, after: int, limit: int) -> ContactFeed:
        """The contacts completed after the event ``after`` (needs ``contacts:read``)."""
        params = {"after": after, "limit": limit}
        return await self.peer.get_model("/contact-events", principal, ContactFeed, params)


class Person(BaseModel):
    """What a survey link's messages need of a person of the registry."""

    sex: int
    last_name: str
    email: str | None
    phone: str | None
    contact_opt_out: bool


class Caisse(BaseModel):
    name: str


class Action(BaseModel):
    title: str


class TargetingGateway:
    def __init__(self, peer: PeerClient) -> None:
        self.peer = peer

    async def person(self, principal: Principal, person_id: int, purpose: str) -> Person:
        """The person's contact details, no NIR nor career (every read is audited by
        targeting, with ``purpose``)."""
        params = {"purpose": purpose}
        return await self.peer.get_model(
            f"/persons/{person_id}/contact-details", principal, Person, params
        )

    async def caisse(self, principal: Principal, code: str) -> Caisse:
        return await self.peer.get_model(f"/caisses/{code}", principal, Caisse)

    async def action(self, principal: Principal, action_id: int) -> Action:
        """The action, if the caller may see it (another caisse's regional one is a 404)."""
        return await self.peer.get_model(f"/actions/{action_id}", principal, Action)
