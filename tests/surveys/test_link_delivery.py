"""The draw sends the drawn people their links: addresses read from the real targeting app,
messages queued in surveys' outbox with the links, nothing written when targeting is down."""

import re

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.senders import Attachment, DeliveryError, DevSmsProvider
from services.shared.messaging.worker import deliver_due
from services.shared.peers import PeerClient
from services.shared.settings import Settings
from services.surveys import deps as surveys_deps
from services.surveys.campaigns.models import DrawCursor, Link
from services.surveys.gateways import TargetingGateway
from services.surveys.messaging.models import SurveyOutboxMessage
from services.surveys.messaging.service import PURPOSE, queue_messages
from services.targeting.caisses.models import Caisse
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, import_persons, person_row
from tests.surveys.conftest import SurveyWorld, add_link, create_campaign
from tests.surveys.test_draw import complete_interview, run_draw

UNKNOWN_PERSON = 987_654_321  # contacted, but not in the registry


async def registered(
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    **people: dict[str, object],
) -> dict[str, int]:
    """Imports one person per keyword (the name is their last name); their ids."""
    rows = [person_row(last_name=name, **fields) for name, fields in people.items()]
    await import_persons(targeting_client, tokens, rows)
    found = await session.execute(
        select(InsuredPerson.last_name, InsuredPerson.id).where(
            InsuredPerson.last_name.in_(list(people))
        )
    )
    return {name: person_id for name, person_id in found.all()}


async def outbox(session: AsyncSession) -> dict[str, SurveyOutboxMessage]:
    rows = await session.scalars(select(SurveyOutboxMessage).order_by(SurveyOutboxMessage.id))
    return {message.dedupe_key: message for message in rows}


async def links_by_person(session: AsyncSession) -> dict[int, Link]:
    return {link.person_id: link for link in await session.scalars(select(Link))}


def token_in(text: str, settings: Settings) -> str:
    match = re.search(re.escape(settings.public_answer_url) + r"([A-Za-z0-9_-]+)", text)
    assert match is not None, text
    return match.group(1)


async def test_the_draw_sends_each_drawn_person_their_link_once_where_they_can_be_reached(
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> None:
    people = await registered(
        targeting_client, tokens, session,
        Mobile={"email": "mobile@example.fr", "phone": "06 11 22 33 44", "sex": 2},
        Fixe={"email": "fixe@example.fr", "phone": "0145678901", "sex": 1},
        Oppose={"email": "oppose@example.fr", "contact_opt_out": True},
        Sansadresse={"email": None, "phone": "0479000000"},
        Sms={"email": None, "phone": "+33712345678"},
    )  # fmt: skip
    await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig,
        sample_share=1.0, minimum_per_caisse=0,
    )  # fmt: skip
    for person in [*people.values(), UNKNOWN_PERSON]:
        await complete_interview(interviews_client, tokens, session, person, world.eig)

    report = await run_draw(surveys_client, tokens)
    assert report["events_read"] == 6
    assert report["opted_out"] == 1  # Oppose: no link, no message
    assert report["links_issued"] == 5
    assert report["links_without_address"] == 2  # Sansadresse (a landline), the unknown person
    assert report["messages_queued"] == 4

    links = await links_by_person(session)
    assert set(links) == {*people.values(), UNKNOWN_PERSON} - {people["Oppose"]}
    messages = await outbox(session)
    mobile, fixe, sms = (links[people[name]].id for name in ("Mobile", "Fixe", "Sms"))
    assert {key: (m.channel, m.recipient) for key, m in messages.items()} == {
        f"survey-link:{mobile}:email": ("email", "mobile@example.fr"),
        f"survey-link:{mobile}:sms": ("sms", "06 11 22 33 44"),
        f"survey-link:{fixe}:email": ("email", "fixe@example.fr"),  # no SMS to a landline
        f"survey-link:{sms}:sms": ("sms", "+33712345678"),
    }
    assert {m.status for m in messages.values()} == {"pending"}
    assert {(m.link_id, m.caisse_code) for m in messages.values()} == {
        (mobile, "ALPES"), (fixe, "ALPES"), (sms, "ALPES"),
    }  # fmt: skip

    # The email names the caisse, the action, the expiry date; its URL is the link's.
    email = messages[f"survey-link:{mobile}:email"]
    caisse = await session.get_one(Caisse, "ALPES")
    expires = links[people["Mobile"]].expires_at.astimezone(LOCAL_TIME).strftime("%d/%m/%Y")
    assert caisse.name in email.subject and "EIG" in email.subject
    assert email.body.startswith("Madame Mobile,") and caisse.name in email.body
    assert f"jusqu'au {expires}" in email.body
    token = token_in(email.body, settings)
    assert token_in(messages[f"survey-link:{mobile}:sms"].body, settings) == token
    assert len(messages[f"survey-link:{mobile}:sms"].body) <= 320
    opened = await surveys_client.get(f"/answer/{token}")
    assert opened.status_code == 200, opened.text
    # Each person got their own link.
    other = token_in(messages[f"survey-link:{fixe}:email"].body, settings)
    assert other != token and (await surveys_client.get(f"/answer/{other}")).status_code == 200

    # Targeting audited each read, with the purpose.
    purposes = await session.scalars(
        select(AuditEvent.purpose).where(
            AuditEvent.service == "targeting",
            AuditEvent.resource_type == "insured_person",
            AuditEvent.resource_id == str(people["Mobile"]),
            AuditEvent.actor.endswith("surveys"),
            AuditEvent.actor_role == Role.SERVICE.value,
        )
    )
    assert list(purposes) == [PURPOSE]

    # Contacted again: already surveyed, nothing more is queued; a re-queue is a no-op.
    await complete_interview(interviews_client, tokens, session, people["Mobile"], world.eig)
    again = await run_draw(surveys_client, tokens)
    assert (again["events_read"], again["links_issued"], again["messages_queued"]) == (1, 0, 0)
    assert set(await outbox(session)) == set(messages)
    replay = {
        c.key: getattr(email, c.key)
        for c in SurveyOutboxMessage.__table__.columns
        if c.key not in ("id", "status", "attempts", "next_attempt_at", "created_at", "sent_at")
    }
    assert await queue_messages(session, [replay]) == 0
    assert await session.scalar(select(func.count()).select_from(SurveyOutboxMessage)) == 4


async def test_someone_opposed_to_contact_leaves_their_place_to_the_next_person(
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
) -> None:
    await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, sample_count=1, minimum_per_caisse=0
    )
    people = await registered(
        targeting_client, tokens, session, Premier={"contact_opt_out": True}, Second={}, Tiers={}
    )
    for name in ("Premier", "Second", "Tiers"):
        await complete_interview(interviews_client, tokens, session, people[name], world.eig)

    report = await run_draw(surveys_client, tokens)
    assert (report["links_issued"], report["opted_out"], report["messages_queued"]) == (1, 1, 2)
    assert list(await links_by_person(session)) == [people["Second"]]


async def test_when_targeting_is_down_the_draw_writes_nothing_and_the_next_run_catches_up(
    surveys_app: FastAPI,
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    unused_tcp_port: int,
) -> None:
    people = await registered(targeting_client, tokens, session, Avant={}, Pendant={})
    await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig,
        sample_share=1.0, minimum_per_caisse=0,
    )  # fmt: skip
    await complete_interview(interviews_client, tokens, session, people["Avant"], world.eig)
    first = await run_draw(surveys_client, tokens)
    assert (first["links_issued"], first["messages_queued"]) == (1, 2)

    await complete_interview(interviews_client, tokens, session, people["Pendant"], world.eig)
    reachable = surveys_app.dependency_overrides[surveys_deps.get_targeting]
    dead = TargetingGateway(
        PeerClient("targeting", f"http://127.0.0.1:{unused_tcp_port}", httpx.AsyncClient())
    )
    surveys_app.dependency_overrides[surveys_deps.get_targeting] = lambda: dead
    try:
        failed = await surveys_client.post("/draws/run", headers=tokens.headers(Role.NATIONAL))
    finally:
        surveys_app.dependency_overrides[surveys_deps.get_targeting] = reachable
    assert failed.status_code == 503, failed.text
    assert "targeting" in failed.json()["detail"]
    cursor = await session.get(DrawCursor, "contact-events")
    assert cursor is not None
    await session.refresh(cursor)
    assert cursor.after == first["next_after"]
    assert list(await links_by_person(session)) == [people["Avant"]]
    assert len(await outbox(session)) == 2

    retried = await run_draw(surveys_client, tokens)
    assert (retried["events_read"], retried["links_issued"], retried["messages_queued"]) == (
        1,
        1,
        2,
    )
    assert set(await links_by_person(session)) == set(people.values())
    assert retried["next_after"] > first["next_after"]


async def test_failed_messages_are_counted_and_listed_with_their_reason_per_caisse(
    surveys_client: httpx.AsyncClient,
    surveys_app: FastAPI,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> None:
    national = await create_campaign(
        surveys_client, tokens, world.national_v1, None, role=Role.NATIONAL, caisse=None
    )
    campaign_id = int(str(national["id"]))
    for person, caisse in ((1, "ALPES"), (2, "ALPES"), (3, "BRETAGNE")):
        await add_link(session, settings, campaign_id, person, caisse=caisse)
    links = await links_by_person(session)
    await queue_messages(
        session,
        [
            {
                "dedupe_key": f"survey-link:{links[person].id}:{channel}",
                "channel": channel,
                "recipient": recipient,
                "subject": "Votre avis",
                "body": "Bonjour",
                "attachments": [],
                "link_id": links[person].id,
                "caisse_code": links[person].caisse_code,
            }
            for person, channel, recipient in (
                (1, "email", "parti@example.fr"),
                (2, "sms", "0611223344"),
                (3, "email", "ailleurs@example.fr"),
            )
        ],
    )

    class NoSuchMailbox:
        async def send(
            self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
        ) -> None:
            raise DeliveryError(f"Adresse refusée (550 {to})", permanent=True)

    delivered = await deliver_due(
        surveys_app.state.sessionmaker, SurveyOutboxMessage, NoSuchMailbox(), DevSmsProvider()
    )
    assert delivered == (1, 0, 2)

    alpes = tokens.headers(Role.COUNSELOR, "ALPES")
    url = f"/campaigns/{campaign_id}/messages"
    failures = await surveys_client.get(url, params={"status": "failed"}, headers=alpes)
    assert failures.status_code == 200, failures.text
    page = failures.json()
    # BRETAGNE's failure is not the ALPES counselor's to see, nor to count.
    assert (page["total"], page["counts"]) == (1, {"pending": 0, "sent": 1, "failed": 1})
    [message] = page["items"]
    assert (message["person_id"], message["link_id"], message["caisse_code"]) == (
        1,
        links[1].id,
        "ALPES",
    )
    assert (message["channel"], message["status"], message["attempts"]) == ("email", "failed", 1)
    assert message["last_error"] == "Adresse refusée (550 <destinataire>)"
    assert message["failed_at"] is not None
    everything = await surveys_client.get(url, headers=alpes)
    assert [m["channel"] for m in everything.json()["items"]] == ["sms", "email"]  # latest first
    audited = await session.scalar(
        select(func.count()).where(
            AuditEvent.resource_type == "survey_messages",
            AuditEvent.resource_id == str(campaign_id),
        )
    )
    assert audited == 2
    refused = await surveys_client.get(url, headers=tokens.headers(Role.NATIONAL))
    assert refused.status_code == 403
