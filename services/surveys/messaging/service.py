"""The messages that carry the answer links the draw issues.

Surveys does not own the registry: the drawn people's names, email, phone and opposition to
contact are read from targeting (each read audited there, with :data:`PURPOSE`), with surveys'
own machine client. The messages are queued in the draw's transaction, with the links: a draw
that fails writes neither.
"""

from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Principal
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.outbox import MessageChannel, is_mobile
from services.shared.peers import PeerError
from services.surveys.campaigns.models import Link
from services.surveys.gateways import Person, TargetingGateway
from services.surveys.messaging.models import SurveyOutboxMessage

PURPOSE = "enquête de satisfaction"
Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Recipient:
    """What the messages need of a person of the registry."""

    civility: str
    last_name: str
    email: str | None
    phone: str | None
    opted_out: bool

    @property
    def reachable(self) -> bool:
        return bool(self.email) or is_mobile(self.phone)

    @classmethod
    def of(cls, person: Person) -> "Recipient":
        return cls(
            civility="Monsieur" if person.sex == 1 else "Madame",
            last_name=person.last_name,
            email=person.email or None,
            phone=person.phone or None,
            opted_out=person.contact_opt_out,
        )


@dataclass
class Directory:
    """Reads from targeting what the draw's messages need, once each per draw.

    Any failure but a 404 (targeting unavailable, a refused token…) propagates: the draw fails
    as a whole and the next run retries."""

    targeting: TargetingGateway
    caller: Principal
    _people: dict[int, Recipient | None] = field(default_factory=dict)
    _caisses: dict[str, str] = field(default_factory=dict)
    _actions: dict[int, str | None] = field(default_factory=dict)

    async def recipient(self, person_id: int) -> Recipient | None:
        """The person, or None if the registry does not know them (no address to write to)."""
        if person_id not in self._people:
            person = await _found(self.targeting.person(self.caller, person_id, PURPOSE))
            self._people[person_id] = None if person is None else Recipient.of(person)
        return self._people[person_id]

    async def caisse_name(self, code: str) -> str:
        if code not in self._caisses:
            caisse = await _found(self.targeting.caisse(self.caller, code))
            self._caisses[code] = caisse.name if caisse else f"Votre caisse RSI ({code})"
        return self._caisses[code]

    async def action_title(self, action_id: int | None) -> str | None:
        """The action's title; None for a spontaneous interview (or an unknown action)."""
        if action_id is None:
            return None
        if action_id not in self._actions:
            action = await _found(self.targeting.action(self.caller, action_id))
            self._actions[action_id] = action.title if action else None
        return self._actions[action_id]


async def _found(read: Awaitable[Answer]) -> Answer | None:
    """What targeting answered, or None where it knows no such thing (404)."""
    try:
        return await read
    except PeerError as exc:
        if exc.status == 404:
            return None
        raise


@dataclass(frozen=True)
class LinkDelivery:
    """A link just issued by the draw, its URL (the token is known only now) and its person."""

    link: Link
    url: str
    recipient: Recipient | None


def dedupe_key(link_id: int, channel: MessageChannel) -> str:
    return f"survey-link:{link_id}:{channel.value}"


async def link_messages(directory: Directory, delivery: LinkDelivery) -> list[dict[str, Any]]:
    """The email and the SMS (to a mobile) carrying the link; none without an address."""
    link, recipient = delivery.link, delivery.recipient
    if recipient is None or recipient.opted_out or not recipient.reachable:
        return []
    caisse = await directory.caisse_name(link.caisse_code)
    title = await directory.action_title(link.action_id)
    about = f"l'action « {title} »" if title else "votre entretien"
    expires = link.expires_at.astimezone(LOCAL_TIME).strftime("%d/%m/%Y")
    greeting = f"{recipient.civility} {recipient.last_name}".strip()
    messages = []
    if recipient.email:
        messages.append(
            _row(
                link,
                MessageChannel.EMAIL,
                recipient.email,
                f"{caisse} — votre avis sur {about}",
                f"{greeting},\n\nVous avez récemment été en contact avec {caisse} ({about}). "
                "Pour nous aider à améliorer notre accompagnement, nous vous remercions de "
                "répondre à un court questionnaire de satisfaction (quelques minutes).\n\n"
                f"Votre lien personnel, valable jusqu'au {expires} :\n{delivery.url}\n\n"
                "Ce lien vous est propre et ne sert qu'une fois. Répondre est facultatif.\n\n"
                f"{caisse}\n",
            )
        )
    if is_mobile(recipient.phone):
        assert recipient.phone is not None
        messages.append(
            _row(
                link,
                MessageChannel.SMS,
                recipient.phone,
                "",
                f"{caisse} : votre avis nous intéresse. Répondez à notre questionnaire avant le "
                f"{expires} : {delivery.url}",
            )
        )
    return messages


def _row(
    link: Link, channel: MessageChannel, recipient: str, subject: str, body: str
) -> dict[str, Any]:
    return {
        "dedupe_key": dedupe_key(link.id, channel),
        "channel": channel.value,
        "recipient": recipient,
        "subject": subject,
        "body": body,
        "attachments": [],
        "link_id": link.id,
        "caisse_code": link.caisse_code,
    }


async def queue_messages(session: AsyncSession, messages: list[dict[str, Any]]) -> int:
    """One multi-row insert per draw page; a message queued before (same dedupe key) is kept
    as it was. Returns how many were queued."""
    if not messages:
        return 0
    result = await session.execute(
        insert(SurveyOutboxMessage)
        .values(messages)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(SurveyOutboxMessage.id)
    )
    return len(result.all())
