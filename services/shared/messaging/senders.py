"""Delivery channels: email over SMTP, SMS through a provider behind a small interface."""

import asyncio
import logging
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol

import aiosmtplib
import httpx

from services.shared.settings import Settings

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """The provider did not take the message; it stays queued."""


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
        logger.info("email (development provider) to %s: %s", to, subject)


class SmtpEmailSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        message = _email(self.settings.mail_from, message_id, to, subject, body, attachments)
        try:
            await aiosmtplib.send(
                message,
                hostname=self.settings.smtp_host,
                port=self.settings.smtp_port,
                username=self.settings.smtp_username or None,
                password=self.settings.smtp_password or None,
                start_tls=self.settings.smtp_starttls,
                timeout=10,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP: {exc}"[:300]) from exc


class SmsProvider(Protocol):
    async def send(self, message_id: str, to: str, body: str) -> None: ...


@dataclass
class DevSmsProvider:
    """For development and tests: keeps the messages and logs them, sends nothing."""

    sent: list[dict[str, str]] = field(default_factory=list)

    async def send(self, message_id: str, to: str, body: str) -> None:
        self.sent.append({"id": message_id, "to": to, "body": body})
        logger.info("SMS (development provider) to %s: %s", to, body)


class HttpSmsProvider:
    """A JSON-over-HTTP SMS gateway: ``POST {url}`` with a bearer token."""

    def __init__(self, url: str, token: str, http: httpx.AsyncClient) -> None:
        self.url, self.token, self.http = url, token, http

    async def send(self, message_id: str, to: str, body: str) -> None:
        payload: dict[str, Any] = {"reference": message_id, "to": to, "text": body}
        try:
            response = await self.http.post(
                self.url, json=payload, headers={"Authorization": f"Bearer {self.token}"}
            )
        except httpx.HTTPError as exc:
            raise DeliveryError(f"SMS gateway unreachable: {exc}"[:300]) from exc
        if response.status_code >= 300:
            raise DeliveryError(f"SMS gateway answered {response.status_code}")


def email_sender(settings: Settings) -> EmailSender:
    if settings.mail_provider == "dev":
        return DevEmailSender(settings)
    return SmtpEmailSender(settings)


def sms_provider(settings: Settings, http: httpx.AsyncClient) -> SmsProvider:
    if settings.sms_provider == "http":
        return HttpSmsProvider(settings.sms_http_url, settings.sms_http_token, http)
    return DevSmsProvider()
