"""Delivery channels: email over SMTP, SMS through a provider behind a small interface."""

import asyncio
import logging
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import aiosmtplib
import httpx

from services.shared.settings import Settings

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """The provider did not take the message. Its text is the reason, for the people who read
    the outbox (in French, never the recipient's address). ``permanent``: the provider refused
    this very message (an unknown mailbox, a number the gateway rejects), so trying again is
    pointless; otherwise it stays queued and is retried."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason[:300])
        self.permanent = permanent


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: str


class EmailSender(Protocol):
    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None: ...


def _email(
    sender: str, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    # A stable Message-ID: a retried delivery of one outbox row is one message to receiving
    # servers that deduplicate.
    message["Message-ID"] = f"<{message_id.replace(':', '.')}@rsi-contact-platform>"
    message.set_content(body)
    for attachment in attachments:
        maintype, subtype = attachment.content_type.split("/", 1)
        message.add_attachment(
            attachment.content.encode(),
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
        )
    return message


class DevEmailSender:
    """For development: writes each email as an .eml file (a mail catcher), sends nothing."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        message = _email(self.settings.mail_from, message_id, to, subject, body, attachments)
        folder = self.settings.mail_dev_dir
        name = message_id.replace(":", "-") + ".eml"
        await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
        await asyncio.to_thread((folder / name).write_bytes, bytes(message))
        logger.info("email %s written (development provider)", message_id)


class SmtpEmailSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        try:
            message = _email(self.settings.mail_from, message_id, to, subject, body, attachments)
            await aiosmtplib.send(
                message,
                hostname=self.settings.smtp_host,
                port=self.settings.smtp_port,
                username=self.settings.smtp_username or None,
                password=self.settings.smtp_password or None,
                start_tls=self.settings.smtp_starttls,
                timeout=10,
            )
        except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
            raise smtp_failure(exc) from exc


def _reply(code: int, text: str) -> str:
    return f"{code} {' '.join(text.split())}".strip()


def smtp_failure(exc: Exception) -> DeliveryError:
    """What an SMTP error means for the message. A 5xx refusal of the recipient or of the
    message's content is permanent; a 4xx, a refused connection, a timeout, or a refusal of
    the sender or of the login (the platform's configuration, not this message's fault) is
    retried. The caller's worker strips the recipient's address from the server's words."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused):
        reply = _reply(exc.code, exc.message)
        if 500 <= exc.code < 600:
            return DeliveryError(
                f"Adresse email refusée par le serveur de messagerie ({reply})", permanent=True
            )
        return DeliveryError(f"Adresse email refusée pour l'instant ({reply})")
    if isinstance(exc, aiosmtplib.SMTPDataError):
        reply = _reply(exc.code, exc.message)
        if 500 <= exc.code < 600:
            return DeliveryError(
                f"Message refusé par le serveur de messagerie ({reply})", permanent=True
            )
        return DeliveryError(f"Message refusé pour l'instant ({reply})")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return DeliveryError(f"Serveur de messagerie : {_reply(exc.code, exc.message)}")
    if isinstance(exc, ValueError):
        return DeliveryError("Adresse email invalide", permanent=True)
    return DeliveryError(f"Serveur de messagerie injoignable ({type(exc).__name__}: {exc})")


PERMANENT_SMS_REFUSALS = frozenset({400, 422})


class SmsProvider(Protocol):
    async def send(self, message_id: str, to: str, body: str) -> None: ...


@dataclass
class DevSmsProvider:
    """For development and tests: keeps the messages (and, given a ``folder``, writes each
    as a .txt file, as the dev email sender does), sends nothing. The log names the message
    only: its number and text (a personal link) stay in the file."""

    folder: Path | None = None
    sent: list[dict[str, str]] = field(default_factory=list)

    async def send(self, message_id: str, to: str, body: str) -> None:
        self.sent.append({"id": message_id, "to": to, "body": body})
        if self.folder is not None:
            path = self.folder / (message_id.replace(":", "-") + ".txt")
            await asyncio.to_thread(self.folder.mkdir, parents=True, exist_ok=True)
            await asyncio.to_thread(path.write_text, f"To: {to}\n\n{body}\n", "utf-8")
        logger.info("SMS %s written (development provider)", message_id)


class HttpSmsProvider:
    """A JSON-over-HTTP SMS gateway: ``POST {url}`` with a bearer token. A 400 or a 422 is the
    gateway refusing this message (the number, the text): permanent. Anything else (401 and
    403 are the platform's token, 429 and 5xx the gateway's state) is retried."""

    def __init__(self, url: str, token: str, http: httpx.AsyncClient) -> None:
        self.url, self.token, self.http = url, token, http

    async def send(self, message_id: str, to: str, body: str) -> None:
        payload: dict[str, Any] = {"reference": message_id, "to": to, "text": body}
        try:
            response = await self.http.post(
                self.url, json=payload, headers={"Authorization": f"Bearer {self.token}"}
            )
        except httpx.HTTPError as exc:
            raise DeliveryError(f"Passerelle SMS injoignable ({type(exc).__name__})") from exc
        if response.status_code in PERMANENT_SMS_REFUSALS:
            raise DeliveryError(
                f"SMS refusé par la passerelle (HTTP {response.status_code})", permanent=True
            )
        if response.status_code >= 300:
            raise DeliveryError(f"La passerelle SMS a répondu HTTP {response.status_code}")


def email_sender(settings: Settings) -> EmailSender:
    if settings.mail_provider == "dev":
        return DevEmailSender(settings)
    return SmtpEmailSender(settings)


def sms_provider(settings: Settings, http: httpx.AsyncClient) -> SmsProvider:
    if settings.sms_provider == "http":
        return HttpSmsProvider(settings.sms_http_url, settings.sms_http_token, http)
    return DevSmsProvider(settings.sms_dev_dir)
