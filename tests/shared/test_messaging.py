"""The shared outbox worker, on each service's outbox: delivery with the development email
sender, retries with backoff while a provider refuses, and each worker on its own table."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from services.interviews.messaging.models import OutboxMessage
from services.shared.messaging.senders import (
    Attachment,
    DeliveryError,
    DevEmailSender,
    DevSmsProvider,
)
from services.shared.messaging.worker import backoff, deliver_due
from services.shared.settings import Settings
from services.surveys.campaigns.models import Campaign, Link
from services.surveys.messaging.models import SurveyOutboxMessage
from services.surveys.questionnaires.models import QuestionnaireVersion
from services.surveys.questionnaires.seed import seed_national_questionnaire
from tests.surveys.conftest import add_link

# How each service's producers key their messages, and what a row refers to.
Outbox = tuple[
    type[OutboxMessage] | type[SurveyOutboxMessage],
    str,
    Callable[[AsyncSession, Settings], Awaitable[dict[str, object]]],
]


async def _no_invitation(session: AsyncSession, settings: Settings) -> dict[str, object]:
    return {"invitation_id": None}


async def _a_survey_link(session: AsyncSession, settings: Settings) -> dict[str, object]:
    await seed_national_questionnaire(session)
    version = await session.scalar(select(QuestionnaireVersion.id))
    campaign = Campaign(
        title="Satisfaction", questionnaire_version_id=version, sample_count=1,
        minimum_per_caisse=0, created_by="test",
    )  # fmt: skip
    session.add(campaign)
    await session.flush()
    await add_link(session, settings, campaign.id, person_id=42)
    return {"link_id": await session.scalar(select(Link.id))}


OUTBOXES = {
    "interviews": (OutboxMessage, "invitation", _no_invitation),
    "surveys": (SurveyOutboxMessage, "survey-link", _a_survey_link),
}


@pytest.fixture(params=list(OUTBOXES))
def outbox(request: pytest.FixtureRequest) -> Outbox:
    return OUTBOXES[request.param]  # type: ignore[return-value]


@pytest.fixture
def sessions(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """The worker's own sessions, on the test's connection (rolled back at the end)."""
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


class RefusingSender:
    """An email provider that is down."""

    def __init__(self) -> None:
        self.calls = 0

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        self.calls += 1
        raise DeliveryError("SMTP: 421 service not available")


async def _queue(
    session: AsyncSession, settings: Settings, outbox: Outbox
) -> list[OutboxMessage | SurveyOutboxMessage]:
    model, prefix, refers = outbox
    about = await refers(session, settings)
    rows = [
        model(
            dedupe_key=f"{prefix}:{n}:email", channel="email", recipient=f"p{n}@example.fr",
            subject=f"Sujet {n}", body=f"Bonjour {n}", attachments=[], caisse_code="ALPES",
            **about,
        )
        for n in (1, 2)
    ] + [
        model(
            dedupe_key=f"{prefix}:3:sms", channel="sms", recipient="0612345678",
            body="Bonjour", attachments=[], caisse_code="ALPES", **about,
        )
    ]  # fmt: skip
    session.add_all(rows)
    await session.flush()
    return rows


async def test_the_worker_retries_with_backoff_then_delivers_with_the_dev_email_sender(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    outbox: Outbox,
    tmp_path: Path,
) -> None:
    model, prefix, _ = outbox
    rows = await _queue(session, settings, outbox)
    emails = [r for r in rows if r.channel == "email"]
    refusing, sms = RefusingSender(), DevSmsProvider()

    before = datetime.now(UTC)
    assert await deliver_due(sessions, model, refusing, sms) == (1, 2)  # the SMS went
    assert [m["id"] for m in sms.sent] == [f"{prefix}:3:sms"]
    for message in emails:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("pending", 1)
        assert message.last_error == "SMTP: 421 service not available"
        assert message.next_attempt_at >= before + backoff(1)
    assert await deliver_due(sessions, model, refusing, sms) == (0, 0)  # not due yet
    assert refusing.calls == 2

    # Due again, refused again: the wait doubles.
    await session.execute(update(model).values(next_attempt_at=datetime.now(UTC)))
    before = datetime.now(UTC)
    assert await deliver_due(sessions, model, refusing, sms) == (0, 2)
    for message in emails:
        await session.refresh(message)
        assert message.attempts == 2
        assert before + backoff(2) <= message.next_attempt_at < before + backoff(3)
    assert backoff(2) == 2 * backoff(1) and backoff(30) == timedelta(hours=1)

    # The provider is back: each email lands once, as a file named after its dedupe key.
    await session.execute(update(model).values(next_attempt_at=datetime.now(UTC)))
    dev = DevEmailSender(settings.model_copy(update={"mail_dev_dir": tmp_path}))
    assert await deliver_due(sessions, model, dev, sms) == (2, 0)
    assert await deliver_due(sessions, model, dev, sms) == (0, 0)
    files = sorted(p.name for p in await asyncio.to_thread(lambda: list(tmp_path.iterdir())))
    assert files == [f"{prefix}-1-email.eml", f"{prefix}-2-email.eml"]
    written = message_from_bytes(await asyncio.to_thread((tmp_path / files[0]).read_bytes))
    assert (written["To"], written["Subject"]) == ("p1@example.fr", "Sujet 1")
    payload = written.get_payload(decode=True)
    assert isinstance(payload, bytes) and payload.decode().strip() == "Bonjour 1"
    for message in rows:
        await session.refresh(message)
        assert message.status == "sent" and message.sent_at is not None
        assert message.last_error is None
    assert len(sms.sent) == 1


async def test_each_service_worker_delivers_only_its_own_outbox(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    interviews = await _queue(session, settings, OUTBOXES["interviews"])  # type: ignore[arg-type]
    surveys = await _queue(session, settings, OUTBOXES["surveys"])  # type: ignore[arg-type]
    sms = DevSmsProvider()
    assert await deliver_due(sessions, SurveyOutboxMessage, RefusingSender(), sms) == (1, 2)
    assert [m["id"] for m in sms.sent] == ["survey-link:3:sms"]
    for message in interviews:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("pending", 0)
    for message in surveys:
        await session.refresh(message)
    assert {m.attempts for m in surveys} == {1}
