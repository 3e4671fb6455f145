"""The emails and SMS that carry the personal links, queued in interviews' outbox, and what
a campaign's messages became."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.invitations.models import Campaign, Invitation
from services.interviews.messaging.models import MessageChannel, MessageStatus, OutboxMessage
from services.interviews.selfservice.links import LinkIssuer, token_hash
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.outbox import is_mobile
from services.shared.messaging.schemas import MessageCounts
from services.shared.pagination import PageParams


def issue_links(
    issuer: LinkIssuer,
    campaign: Campaign,
    invitations: list[dict[str, Any]],
    expires_at: datetime,
) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Gives each invitation row (not yet inserted, its id already drawn) its link; returns
    the links by invitation id (for the letters) and the emails and SMS that carry them (to
    queue once the invitations are in)."""
    links = {}
    for invitation in invitations:
        token = issuer.keys.token(invitation["id"])
        links[invitation["id"]] = f"{issuer.public_url}{token}"
        invitation["link_token_hash"] = token_hash(token)
        invitation["link_expires_at"] = expires_at
    expires = expires_at.astimezone(LOCAL_TIME).strftime("%d/%m/%Y")
    caisse = campaign.context["caisse.name"]
    title = campaign.action_settings["title"]
    messages = []
    for invitation in invitations:
        link, recipient = links[invitation["id"]], invitation["recipient"]
        greeting = f"{recipient['civility']} {recipient['last_name']}"
        if invitation["email"]:
            messages.append(
                message(
                    campaign,
                    invitation["id"],
                    f"invitation:{invitation['id']}:email",
                    MessageChannel.EMAIL,
                    invitation["email"],
                    f"{caisse} vous propose un entretien — {title}",
                    f"{greeting},\n\n{caisse} vous propose un entretien personnalisé avec un "
                    f"conseiller ({title}).\n\nChoisissez votre rendez-vous ici, jusqu'au "
                    f"{expires} :\n{link}\n\nVous pouvez aussi appeler le "
                    f"{campaign.context['campaign.contact_phone']}.\n",
                )
            )
        if is_mobile(invitation["phone"]):
            messages.append(
                message(
                    campaign,
                    invitation["id"],
                    f"invitation:{invitation['id']}:sms",
                    MessageChannel.SMS,
                    invitation["phone"],
                    "",
                    f"{caisse} vous propose un entretien conseil. Prenez rendez-vous avant le "
                    f"{expires} : {link}",
                )
            )
    return links, messages


def message(
    campaign: Campaign,
    invitation_id: int,
    dedupe_key: str,
    channel: MessageChannel,
    recipient: str,
    subject: str,
    body: str,
    attachments: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "dedupe_key": dedupe_key,
        "channel": channel.value,
        "recipient": recipient,
        "subject": subject,
        "body": body,
        "attachments": attachments or [],
        "invitation_id": invitation_id,
        "caisse_code": campaign.caisse_code,
    }


async def queue_messages(session: AsyncSession, messages: list[dict[str, Any]]) -> None:
    """One multi-row insert (a campaign queues thousands)."""
    if messages:
        await session.execute(insert(OutboxMessage), messages)


async def message_counts(session: AsyncSession, campaign: Campaign) -> MessageCounts:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.campaign_id == campaign.id)
        .group_by(OutboxMessage.status)
    )
    return MessageCounts.of(rows)


async def campaign_messages(
    session: AsyncSession, campaign: Campaign, status: MessageStatus | None, page: PageParams
) -> tuple[list[tuple[OutboxMessage, Invitation]], int]:
    """The campaign's emails and SMS (links and reminders), latest first, with whom each is
    for; ``status`` filters them."""
    query = (
        select(OutboxMessage, Invitation)
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.campaign_id == campaign.id)
    )
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.execute(
        query.order_by(OutboxMessage.id.desc()).limit(page.limit).offset(page.offset)
    )
    return list(rows), total
