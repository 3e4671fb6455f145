"""Passwords: the policy, the self-service reset by emailed link, the change when signed in,
and the delivery of identity's emails."""

import asyncio
from email import message_from_bytes
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.messaging.models import IdentityOutboxMessage
from services.identity.passwords.policy import common_passwords, password_weakness
from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.shared.messaging.senders import DevEmailSender, DevSmsProvider
from services.shared.messaging.worker import deliver_due
from services.shared.settings import Settings
from tests.factories import TokenFactory, create_user
from tests.identity.mail import emails_to, latest_link_token

OLD = "ancien-Mot-de-passe-2025"
NEW = "trois-chats-sur-un-toit"


def test_the_list_of_common_passwords_is_shipped() -> None:
    assert len(common_passwords()) > 19_000
    assert "qwerty123456" in common_passwords()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Court-1", "au moins 12 caractères (il en a 7)"),
        ("QWERTY123456", "les plus courants"),
        ("aaaaaaaaaaaaaaaa", "5 caractères différents"),
        ("claire.dupont-2026", "ni votre identifiant ni votre nom"),
        ("Dupont-du-Vercors", "ni votre identifiant ni votre nom"),
        ("x" * 201, "ne peut dépasser 200"),
    ],
)
def test_the_policy_says_why_it_refuses(password: str, reason: str) -> None:
    weakness = password_weakness(password, "claire.dupont", "Claire Dupont")
    assert weakness is not None and reason in weakness


def test_a_long_uncommon_password_passes() -> None:
    assert password_weakness(NEW, "claire.dupont", "Claire Dupont") is None


@pytest.mark.parametrize("identifier", ["claire", "CLAIRE@rsi.example", "personne", "x@y.fr"])
async def test_a_reset_is_answered_the_same_whether_the_account_exists_or_not(
    identity_client: httpx.AsyncClient, session: AsyncSession, identifier: str
) -> None:
    await create_user(session, "claire", OLD, email="claire@rsi.example")
    response = await identity_client.post("/auth/password-reset", json={"identifier": identifier})
    assert response.status_code == 202
    assert response.json() == {
        "detail": "Si un compte actif correspond à cet identifiant et a une adresse email, un "
        "lien pour choisir un nouveau mot de passe vient d'y être envoyé."
    }
    sent = await emails_to(session, "claire@rsi.example")
    assert len(sent) == (1 if identifier in ("claire", "CLAIRE@rsi.example") else 0)


async def test_a_reset_link_sets_a_new_password_once(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, "claire", OLD, email="claire@rsi.example")
    await identity_client.post("/auth/password-reset", json={"identifier": "claire"})
    # A second request within a minute sends no second email (no mail bombing).
    await identity_client.post("/auth/password-reset", json={"identifier": "claire"})
    [email] = await emails_to(session, "claire@rsi.example")
    assert email.subject == "Réinitialisation de votre mot de passe"
    token = await latest_link_token(session, "claire@rsi.example")
    seen = await identity_client.post("/auth/password-links/inspect", json={"token": token})
    assert seen.json()["purpose"] == "reset"

    common = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": "123456123456"}
    )
    assert common.status_code == 422
    assert "les plus courants" in common.json()["detail"]
    done = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": NEW}
    )
    assert done.status_code == 200
    old = await identity_client.post("/auth/login", json={"username": "claire", "password": OLD})
    assert old.status_code == 401
    new = await identity_client.post("/auth/login", json={"username": "claire", "password": NEW})
    assert new.status_code == 200
    reused = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": NEW + "!"}
    )
    assert reused.status_code == 410


async def test_a_deactivated_account_gets_no_reset_and_its_links_stop(
    identity_client: httpx.AsyncClient, session: AsyncSession, tokens: TokenFactory
) -> None:
    claire = await create_user(session, "claire", OLD, email="claire@rsi.example")
    await identity_client.post("/auth/password-reset", json={"identifier": "claire"})
    token = await latest_link_token(session, "claire@rsi.example")
    await identity_client.post(
        f"/accounts/{claire.id}/deactivate", headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    voided = await identity_client.post("/auth/password-links/inspect", json={"token": token})
    assert voided.status_code == 410
    await identity_client.post("/auth/password-reset", json={"identifier": "claire"})
    assert len(await emails_to(session, "claire@rsi.example")) == 1


async def _bearer(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_a_signed_in_person_changes_their_password_with_the_current_one(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    claire = await create_user(session, "claire", OLD)
    bearer = await _bearer(identity_client, "claire", OLD)
    wrong = await identity_client.post(
        "/auth/password",
        json={"current_password": "pas-le-bon-mot-de-passe", "new_password": NEW},
        headers=bearer,
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "current_password"
    weak = await identity_client.post(
        "/auth/password", json={"current_password": OLD, "new_password": "azerty"}, headers=bearer
    )
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["field"] == "new_password"
    same = await identity_client.post(
        "/auth/password", json={"current_password": OLD, "new_password": OLD}, headers=bearer
    )
    assert same.status_code == 422
    changed = await identity_client.post(
        "/auth/password", json={"current_password": OLD, "new_password": NEW}, headers=bearer
    )
    assert changed.status_code == 204
    await _bearer(identity_client, "claire", NEW)
    audited = await session.scalars(
        select(AuditEvent.purpose).where(AuditEvent.resource_id == str(claire.id))
    )
    assert list(audited) == ["password changed"]


async def test_a_machine_client_has_no_password_to_change(
    identity_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await identity_client.post(
        "/auth/password",
        json={"current_password": OLD, "new_password": NEW},
        headers=tokens.headers(Role.SERVICE),
    )
    assert response.status_code == 401


async def test_identity_emails_are_delivered_by_the_outbox_worker(
    identity_client: httpx.AsyncClient,
    identity_app: FastAPI,
    session: AsyncSession,
    settings: Settings,
    tmp_path: Path,
) -> None:
    await create_user(session, "claire", OLD, email="claire@rsi.example")
    await identity_client.post("/auth/password-reset", json={"identifier": "claire"})
    token = await latest_link_token(session, "claire@rsi.example")
    sender = DevEmailSender(settings.model_copy(update={"mail_dev_dir": tmp_path}))
    outcome = await deliver_due(
        identity_app.state.sessionmaker, IdentityOutboxMessage, sender, DevSmsProvider()
    )
    assert outcome == (1, 0, 0)
    [eml] = await asyncio.to_thread(lambda: list(tmp_path.glob("password-link-*.eml")))
    message = message_from_bytes(await asyncio.to_thread(eml.read_bytes))
    assert message["To"] == "claire@rsi.example"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert f"{settings.public_password_url}#{token}" in body.decode()
    [row] = await emails_to(session, "claire@rsi.example")
    await session.refresh(row)
    assert row.status == "sent"
