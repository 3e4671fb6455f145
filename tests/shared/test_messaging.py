"""The shared outbox worker, on each service's outbox: delivery with the development email
sender, retries with backoff while a provider refuses, giving up (``failed``) after the last
attempt or at once on a permanent refusal, and each worker on its own table. The senders'
reading of refusals (SMTP against a real local server, the SMS gateway over HTTP)."""

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import Any

import aiosmtplib
import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from services.interviews.messaging.models import OutboxMessage
from services.shared.messaging.senders import (
    Attachment,
    DeliveryError,
    DevEmailSender,
    DevSmsProvider,
    HttpSmsProvider,
    SmtpEmailSender,
    smtp_failure,
)
from services.shared.messaging.worker import backoff, deliver_due, readable_reason
from services.shared.settings import Settings, get_settings
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
    assert await deliver_due(sessions, model, refusing, sms) == (1, 2, 0)  # the SMS went
    assert [m["id"] for m in sms.sent] == [f"{prefix}:3:sms"]
    for message in emails:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("pending", 1)
        assert message.last_error == "SMTP: 421 service not available"
        assert message.next_attempt_at >= before + backoff(1)
    assert await deliver_due(sessions, model, refusing, sms) == (0, 0, 0)  # not due yet
    assert refusing.calls == 2

    # Due again, refused again: the wait doubles.
    await session.execute(update(model).values(next_attempt_at=datetime.now(UTC)))
    before = datetime.now(UTC)
    assert await deliver_due(sessions, model, refusing, sms) == (0, 2, 0)
    for message in emails:
        await session.refresh(message)
        assert message.attempts == 2
        assert before + backoff(2) <= message.next_attempt_at < before + backoff(3)
    assert backoff(2) == 2 * backoff(1) and backoff(30) == timedelta(hours=1)

    # The provider is back: each email lands once, as a file named after its dedupe key.
    await session.execute(update(model).values(next_attempt_at=datetime.now(UTC)))
    dev = DevEmailSender(settings.model_copy(update={"mail_dev_dir": tmp_path}))
    assert await deliver_due(sessions, model, dev, sms) == (2, 0, 0)
    assert await deliver_due(sessions, model, dev, sms) == (0, 0, 0)
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
    assert await deliver_due(sessions, SurveyOutboxMessage, RefusingSender(), sms) == (1, 2, 0)
    assert [m["id"] for m in sms.sent] == ["survey-link:3:sms"]
    for message in interviews:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("pending", 0)
    for message in surveys:
        await session.refresh(message)
    assert {m.attempts for m in surveys} == {1}


class FlakySender:
    """An email provider refusing each message ``refusals`` times, then taking it."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.tries: Counter[str] = Counter()
        self.accepted: list[str] = []

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        self.tries[message_id] += 1
        if self.tries[message_id] <= self.refusals:
            raise DeliveryError("SMTP: 421 service not available")
        self.accepted.append(message_id)


async def _due_again(
    session: AsyncSession, model: type[OutboxMessage | SurveyOutboxMessage]
) -> None:
    await session.execute(update(model).values(next_attempt_at=datetime.now(UTC)))


async def test_a_message_refused_max_attempts_times_fails_for_good_and_is_left_alone(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    outbox: Outbox,
    caplog: pytest.LogCaptureFixture,
) -> None:
    model = outbox[0]
    rows = await _queue(session, settings, outbox)
    emails = [r for r in rows if r.channel == "email"]
    refusing, sms = RefusingSender(), DevSmsProvider()

    assert await deliver_due(sessions, model, refusing, sms, max_attempts=3) == (1, 2, 0)
    await _due_again(session, model)
    assert await deliver_due(sessions, model, refusing, sms, max_attempts=3) == (0, 2, 0)
    await _due_again(session, model)
    before = datetime.now(UTC)
    with caplog.at_level(logging.WARNING, logger="services.shared.messaging.worker"):
        assert await deliver_due(sessions, model, refusing, sms, max_attempts=3) == (0, 0, 2)
    for message in emails:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("failed", 3)
        assert message.failed_at is not None and message.failed_at >= before
        assert message.sent_at is None
        assert message.last_error == "SMTP: 421 service not available"
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    gave_up = [line for line in logged if "failed for good" in line]
    assert gave_up == [
        f"message {m.id} of {model.__tablename__} failed for good after 3 attempt(s): "
        "SMTP: 421 service not available"
        for m in sorted(emails, key=lambda m: m.id)
    ]
    assert not [line for line in logged if "@" in line or outbox[1] in line]

    # Due or not, a failed message is never tried again.
    await _due_again(session, model)
    assert await deliver_due(sessions, model, refusing, sms, max_attempts=3) == (0, 0, 0)
    assert refusing.calls == 6
    for message in emails:
        await session.refresh(message)
        assert (message.status, message.attempts) == ("failed", 3)
    assert len(sms.sent) == 1


async def test_a_message_taken_before_the_last_attempt_is_sent_once(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    outbox: Outbox,
) -> None:
    model = outbox[0]
    rows = await _queue(session, settings, outbox)
    flaky, sms = FlakySender(refusals=2), DevSmsProvider()  # taken at attempt 3 of 4
    passes = []
    for _ in range(6):
        passes.append(await deliver_due(sessions, model, flaky, sms, max_attempts=4))
        await _due_again(session, model)
    assert passes == [(1, 2, 0), (0, 2, 0), (2, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
    assert sorted(flaky.accepted) == sorted(r.dedupe_key for r in rows if r.channel == "email")
    for message in rows:
        await session.refresh(message)
        assert message.status == "sent" and message.last_error is None
        assert message.attempts == (3 if message.channel == "email" else 1)


async def test_a_permanent_refusal_fails_at_once_without_the_address(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    outbox: Outbox,
) -> None:
    model = outbox[0]
    rows = await _queue(session, settings, outbox)

    class UnknownMailbox:
        async def send(
            self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
        ) -> None:
            raise DeliveryError(f"550 5.1.1 <{to.upper()}>: unknown, see x@y.fr", permanent=True)

    class RefusedNumber:
        async def send(self, message_id: str, to: str, body: str) -> None:
            raise DeliveryError(f"number 06 12 34 56 78 ({to}) refused", permanent=False)

    assert await deliver_due(sessions, model, UnknownMailbox(), RefusedNumber()) == (0, 1, 2)
    for message in rows:
        await session.refresh(message)
        assert message.last_error is not None and "@" not in message.last_error
        assert "0612345678" not in message.last_error and "12 34" not in message.last_error
    email, sms = rows[0], rows[2]
    assert (email.status, email.attempts) == ("failed", 1)
    assert email.last_error == "550 5.1.1 <destinataire>: unknown, see <adresse>"
    assert (sms.status, sms.failed_at) == ("pending", None)
    assert sms.last_error == "number <numéro> (<destinataire>) refused"


class Mailbox:
    """A local SMTP server: refuses ``inconnu@`` for good (550) and ``plus-tard@`` for now
    (451), takes the rest."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_RCPT(  # noqa: N802
        self, server: object, session: object, envelope: Any, address: str, options: object
    ) -> str:
        if address.startswith("inconnu@"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.startswith("plus-tard@"):
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        self.received.append(envelope.content)
        return "250 OK"


async def test_a_real_smtp_server_refusing_a_mailbox_fails_it_and_greylisting_is_retried(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    unused_tcp_port: int,
) -> None:
    rows = [
        OutboxMessage(
            dedupe_key=f"test:{name}", channel="email", recipient=f"{name}@example.fr",
            subject=name, body="Bonjour", attachments=[], caisse_code="ALPES",
        )
        for name in ("inconnu", "plus-tard", "personne")
    ]  # fmt: skip
    session.add_all(rows)
    await session.flush()
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=unused_tcp_port)
    controller.start()
    try:
        smtp = SmtpEmailSender(settings.model_copy(update={"smtp_port": unused_tcp_port}))
        assert await deliver_due(sessions, OutboxMessage, smtp, DevSmsProvider()) == (1, 1, 1)
    finally:
        controller.stop()
    unknown, greylisted, delivered = rows
    for message in rows:
        await session.refresh(message)
    assert (unknown.status, unknown.attempts) == ("failed", 1)
    assert unknown.last_error == (
        "Adresse email refusée par le serveur de messagerie (550 5.1.1 <destinataire>: "
        "Recipient address rejected: User unknown)"
    )
    assert (greylisted.status, greylisted.failed_at) == ("pending", None)
    assert greylisted.last_error == (
        "Adresse email refusée pour l'instant (451 4.7.1 Greylisted, try again later)"
    )
    assert delivered.status == "sent" and len(mailbox.received) == 1


def test_smtp_errors_are_read_as_permanent_or_not() -> None:
    def refused(code: int) -> Exception:
        return aiosmtplib.SMTPRecipientsRefused(
            [aiosmtplib.SMTPRecipientRefused(code, "mailbox unavailable", "a@b.fr")]
        )

    cases = {
        refused(550): True,
        refused(452): False,
        aiosmtplib.SMTPDataError(554, "message rejected as spam"): True,
        aiosmtplib.SMTPDataError(451, "local error"): False,
        aiosmtplib.SMTPSenderRefused(553, "sender not allowed", "rsi@example"): False,
        aiosmtplib.SMTPAuthenticationError(535, "bad credentials"): False,
        aiosmtplib.SMTPConnectError("Error connecting to 127.0.0.1 on port 25"): False,
        ConnectionRefusedError(111, "Connection refused"): False,
        ValueError("address contains non-ASCII characters"): True,
    }
    assert {exc: smtp_failure(exc).permanent for exc in cases} == cases
    assert str(smtp_failure(aiosmtplib.SMTPConnectError("Error connecting to 127.0.0.1"))) == (
        "Serveur de messagerie injoignable (SMTPConnectError: Error connecting to 127.0.0.1)"
    )


async def test_the_sms_gateway_refusing_a_message_is_permanent_its_outages_are_not() -> None:
    answers = iter([400, 422, 401, 429, 503])

    def gateway(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers))

    provider = HttpSmsProvider(
        "https://sms.example/api",
        "token",
        httpx.AsyncClient(transport=httpx.MockTransport(gateway)),
    )
    outcomes = []
    for _ in range(5):
        with pytest.raises(DeliveryError) as refused:
            await provider.send("unbooked:4:sms", "0612345678", "Rappel")
        outcomes.append((str(refused.value), refused.value.permanent))
    assert outcomes == [
        ("SMS refusé par la passerelle (HTTP 400)", True),
        ("SMS refusé par la passerelle (HTTP 422)", True),
        ("La passerelle SMS a répondu HTTP 401", False),
        ("La passerelle SMS a répondu HTTP 429", False),
        ("La passerelle SMS a répondu HTTP 503", False),
    ]

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    unreachable = HttpSmsProvider(
        "https://sms.example/api", "token", httpx.AsyncClient(transport=httpx.MockTransport(down))
    )
    with pytest.raises(DeliveryError) as refused:
        await unreachable.send("unbooked:4:sms", "0612345678", "Rappel")
    assert (str(refused.value), refused.value.permanent) == (
        "Passerelle SMS injoignable (ConnectError)",
        False,
    )


def test_a_readable_reason_names_no_address() -> None:
    error = smtp_failure(
        aiosmtplib.SMTPRecipientsRefused(
            [aiosmtplib.SMTPRecipientRefused(550, "<Jean.Dupont@Example.fr> unknown", "x")]
        )
    )
    assert readable_reason(error, "jean.dupont@example.fr") == (
        "Adresse email refusée par le serveur de messagerie (550 <destinataire> unknown)"
    )
    assert readable_reason(DeliveryError("+33612345678 refused"), "") == "<numéro> refused"
    assert readable_reason(DeliveryError(""), "a@b.fr") == "Refusé par le fournisseur"


async def test_the_worker_gives_up_after_the_configured_attempts(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = await _queue(session, settings, OUTBOXES["interviews"])  # type: ignore[arg-type]
    monkeypatch.setenv("RSI_OUTBOX_MAX_ATTEMPTS", "1")
    get_settings.cache_clear()
    try:
        delivered = await deliver_due(sessions, OutboxMessage, RefusingSender(), DevSmsProvider())
    finally:
        get_settings.cache_clear()
    assert delivered == (1, 0, 2)
    for message in rows:
        await session.refresh(message)
    assert [(m.channel, m.status, m.attempts) for m in rows] == [
        ("email", "failed", 1),
        ("email", "failed", 1),
        ("sms", "sent", 1),
    ]
