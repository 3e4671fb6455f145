"""Account administration: who manages which accounts, invitations by email, edits,
deactivation, the list; every change in the audit log."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import User
from services.identity.passwords.models import PasswordLink
from services.shared.audit import AuditEvent
from services.shared.auth import Role
from tests.factories import TokenFactory, create_user
from tests.identity.mail import emails_to, latest_link_token

GOOD_PASSWORD = "velo-Rouge-sous-la-pluie-42"


def counselor(**overrides: Any) -> dict[str, Any]:
    return {
        "username": "julie.martin",
        "full_name": "Julie Martin",
        "email": "Julie.Martin@rsi-alpes.example",
        "role": "counselor",
        **overrides,
    }


async def invite(
    client: httpx.AsyncClient, tokens: TokenFactory, caisse: str = "ALPES", **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        "/accounts",
        json=counselor(**overrides),
        headers=tokens.headers(Role.CAISSE_MANAGER, caisse),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def audit_rows(session: AsyncSession, resource_id: str) -> list[AuditEvent]:
    return list(
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.service == "identity", AuditEvent.resource_id == resource_id)
            .order_by(AuditEvent.id)
        )
    )


async def test_a_manager_invites_a_counselor_who_chooses_a_password_and_signs_in(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    account = await invite(identity_client, tokens)
    assert account["caisse_code"] == "ALPES"  # the manager's own caisse
    assert account["email"] == "julie.martin@rsi-alpes.example"
    assert account["status"] == "invited"
    [email] = await emails_to(session, "julie.martin@rsi-alpes.example")
    assert email.subject == "Votre compte sur la plateforme de contact RSI"
    assert "julie.martin" in email.body
    token = await latest_link_token(session, "julie.martin@rsi-alpes.example")
    # Only the token's hash is stored.
    assert token not in str(list(await session.scalars(select(PasswordLink.token_hash))))

    # Until a password is chosen, nobody signs in.
    login = {"username": "julie.martin", "password": GOOD_PASSWORD}
    assert (await identity_client.post("/auth/login", json=login)).status_code == 401

    seen = await identity_client.post("/auth/password-links/inspect", json={"token": token})
    assert seen.status_code == 200
    assert seen.json()["purpose"] == "invitation"
    assert seen.json()["full_name"] == "Julie Martin"

    weak = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": "court"}
    )
    assert weak.status_code == 422
    assert weak.json()["code"] == "weak_password"
    assert "au moins 12 caractères" in weak.json()["detail"]
    assert weak.json()["errors"][0]["field"] == "password"

    chosen = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": GOOD_PASSWORD}
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json() == {"username": "julie.martin"}
    signed_in = await identity_client.post("/auth/login", json=login)
    assert signed_in.status_code == 200
    assert signed_in.json()["user"]["role"] == "counselor"

    again = await identity_client.post(
        "/auth/password-links/redeem", json={"token": token, "password": GOOD_PASSWORD + "x"}
    )
    assert again.status_code == 410
    assert again.json()["code"] == "link_used"
    assert "déjà servi" in again.json()["detail"]

    read = await identity_client.get(
        f"/accounts/{account['id']}", headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    assert read.json()["status"] == "active"
    operations = [(row.operation, row.purpose) for row in await audit_rows(session, account["id"])]
    assert operations == [
        ("create", "invited"),
        ("update", "password set"),
        ("read", None),
    ]


async def test_an_expired_invitation_is_gone_and_a_new_one_voids_the_old(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    account = await invite(identity_client, tokens)
    first = await latest_link_token(session, "julie.martin@rsi-alpes.example")
    await session.execute(update(PasswordLink).values(expires_at=PasswordLink.created_at))
    expired = await identity_client.post("/auth/password-links/inspect", json={"token": first})
    assert expired.status_code == 410
    assert expired.json()["code"] == "link_expired"
    assert "expiré" in expired.json()["detail"]

    resent = await identity_client.post(
        f"/accounts/{account['id']}/invitation", headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    assert resent.status_code == 200
    second = await latest_link_token(session, "julie.martin@rsi-alpes.example")
    assert second != first
    assert (
        await identity_client.post("/auth/password-links/inspect", json={"token": second})
    ).status_code == 200
    voided = await identity_client.post(
        "/auth/password-links/redeem", json={"token": first, "password": GOOD_PASSWORD}
    )
    assert voided.status_code == 410
    unknown = await identity_client.post("/auth/password-links/inspect", json={"token": "x" * 43})
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"role": "admin"}, 403, "role_not_managed"),
        ({"role": "national"}, 403, "role_not_managed"),
        ({"caisse_code": "BRETAGNE"}, 403, "other_caisse"),
        ({"role": "service"}, 422, None),
        ({"caisse_id": "BRETAGNE"}, 422, None),
    ],
)
async def test_a_manager_creates_no_account_out_of_reach(
    identity_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    overrides: dict[str, Any],
    status: int,
    code: str | None,
) -> None:
    response = await identity_client.post(
        "/accounts", json=counselor(**overrides), headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if code:
        assert response.json()["code"] == code
    assert await session.scalar(select(User).where(User.username == "julie.martin")) is None
    assert await emails_to(session, "julie.martin@rsi-alpes.example") == []


async def test_another_caisses_account_is_not_found_and_the_denial_audited(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    bruno = await create_user(session, "bruno", "x" * 12, Role.COUNSELOR, "BRETAGNE")
    alpes = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    for method, path, body in [
        ("GET", f"/accounts/{bruno.id}", None),
        ("PATCH", f"/accounts/{bruno.id}", {"full_name": "Pirate"}),
        ("POST", f"/accounts/{bruno.id}/deactivate", None),
    ]:
        response = await identity_client.request(method, path, json=body, headers=alpes)
        assert response.status_code == 404, (method, path)
        assert response.json()["detail"] == "Compte introuvable."
    listed = await identity_client.get("/accounts", headers=alpes)
    assert "bruno" not in [item["username"] for item in listed.json()["items"]]
    denied = await session.scalars(
        select(AuditEvent).where(AuditEvent.operation == "denied", AuditEvent.service == "identity")
    )
    assert {row.purpose for row in denied} == {"other caisse: BRETAGNE"}
    await session.refresh(bruno)
    assert bruno.full_name == "Bruno Test"
    assert bruno.active


async def test_the_national_office_manages_national_accounts_only(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    await create_user(session, "nadia", "x" * 12, Role.NATIONAL, None)
    claire = await create_user(session, "claire", "x" * 12, Role.COUNSELOR, "ALPES")
    national = tokens.headers(Role.NATIONAL)
    listed = await identity_client.get("/accounts", headers=national)
    assert {item["role"] for item in listed.json()["items"]} == {"national"}
    assert (
        await identity_client.get(f"/accounts/{claire.id}", headers=national)
    ).status_code == 404
    created = await identity_client.post(
        "/accounts",
        json=counselor(role="national", username="nora", email="nora@rsi.example"),
        headers=national,
    )
    assert created.status_code == 201
    assert created.json()["caisse_code"] is None
    refused = await identity_client.post(
        "/accounts", json=counselor(caisse_code="ALPES"), headers=national
    )
    assert refused.status_code == 403
    with_caisse = await identity_client.post(
        "/accounts",
        json=counselor(role="national", caisse_code="ALPES"),
        headers=tokens.headers(Role.ADMIN),
    )
    assert with_caisse.status_code == 422
    assert with_caisse.json()["errors"][0]["field"] == "caisse_code"


async def test_the_admin_creates_any_account_but_caisse_roles_need_a_caisse(
    identity_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    admin = tokens.headers(Role.ADMIN)
    missing = await identity_client.post("/accounts", json=counselor(), headers=admin)
    assert missing.status_code == 422
    assert missing.json()["code"] == "caisse_required"
    made = await identity_client.post(
        "/accounts", json=counselor(role="admin", username="root2"), headers=admin
    )
    assert made.status_code == 201
    assert made.json()["role"] == "admin"


@pytest.mark.parametrize(
    ("duplicate", "field"),
    [
        ({"username": "Julie.Martin", "email": "autre@rsi.example"}, "username"),
        ({"username": "julie2", "email": "JULIE.MARTIN@rsi-alpes.example"}, "email"),
    ],
)
async def test_a_taken_username_or_email_is_a_409_naming_it(
    identity_client: httpx.AsyncClient,
    tokens: TokenFactory,
    duplicate: dict[str, str],
    field: str,
) -> None:
    await invite(identity_client, tokens)
    response = await identity_client.post(
        "/accounts", json=counselor(**duplicate), headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    assert response.status_code == 409
    assert response.json()["code"] == f"duplicate_{field}"
    assert response.json()["errors"][0]["field"] == field
    assert "déjà" in response.json()["detail"]


async def test_the_list_searches_and_pages(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    for n in range(5):
        await create_user(session, f"agent{n}", "x" * 12, Role.COUNSELOR, "ALPES")
    await create_user(session, "zoe", "x" * 12, Role.CAISSE_MANAGER, "ALPES", email="zoe@x.fr")
    manager = tokens.headers(Role.CAISSE_MANAGER)
    page = await identity_client.get(
        "/accounts", params={"q": "agent", "limit": 2, "offset": 2}, headers=manager
    )
    assert page.status_code == 200
    body = page.json()
    assert body["total"] == 5
    assert [item["username"] for item in body["items"]] == ["agent2", "agent3"]
    by_email = await identity_client.get("/accounts", params={"q": "ZOE@X"}, headers=manager)
    assert [item["username"] for item in by_email.json()["items"]] == ["zoe"]
    managers = await identity_client.get(
        "/accounts", params={"role": "caisse_manager"}, headers=manager
    )
    assert [item["username"] for item in managers.json()["items"]] == ["zoe"]
    wildcard = await identity_client.get("/accounts", params={"q": "%"}, headers=manager)
    assert wildcard.json()["total"] == 0
    too_big = await identity_client.get("/accounts", params={"limit": 501}, headers=manager)
    assert too_big.status_code == 422
    counselors = await identity_client.get("/accounts", headers=tokens.headers(Role.COUNSELOR))
    assert counselors.status_code == 403


async def test_edits_are_checked_and_audited(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    account = await invite(identity_client, tokens)
    manager = tokens.headers(Role.CAISSE_MANAGER)
    url = f"/accounts/{account['id']}"
    promoted = await identity_client.patch(
        url,
        json={"full_name": "Julie Martin-Durand", "role": "caisse_manager", "email": "j@x.fr"},
        headers=manager,
    )
    assert promoted.status_code == 200
    assert promoted.json()["role"] == "caisse_manager"
    assert promoted.json()["email"] == "j@x.fr"
    to_admin = await identity_client.patch(url, json={"role": "admin"}, headers=manager)
    assert to_admin.status_code == 403
    moved = await identity_client.patch(url, json={"caisse_code": "BRETAGNE"}, headers=manager)
    assert moved.status_code == 403
    await create_user(session, "other", "x" * 12, email="pris@x.fr")
    taken = await identity_client.patch(url, json={"email": "pris@x.fr"}, headers=manager)
    assert taken.status_code == 409
    assert taken.json()["errors"][0]["field"] == "email"
    unchanged = await identity_client.patch(url, json={"role": "caisse_manager"}, headers=manager)
    assert unchanged.status_code == 200
    user = await session.get(User, uuid.UUID(account["id"]))
    assert user is not None
    await session.refresh(user)
    assert (user.full_name, user.role, user.email) == (
        "Julie Martin-Durand",
        "caisse_manager",
        "j@x.fr",
    )
    updates = [
        row.purpose for row in await audit_rows(session, account["id"]) if row.operation == "update"
    ]
    assert updates == ["full_name, email, role"]


async def test_a_deactivated_account_signs_in_no_more_until_reactivated(
    identity_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    interviews_client: httpx.AsyncClient,
) -> None:
    claire = await create_user(session, "claire", GOOD_PASSWORD, Role.COUNSELOR, "ALPES")
    login = {"username": "claire", "password": GOOD_PASSWORD}
    token = (await identity_client.post("/auth/login", json=login)).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    manager = tokens.headers(Role.CAISSE_MANAGER)

    off = await identity_client.post(f"/accounts/{claire.id}/deactivate", headers=manager)
    assert off.status_code == 200
    assert off.json()["status"] == "inactive"
    assert (await identity_client.post("/auth/login", json=login)).status_code == 401
    # The token already issued no longer reaches the account.
    assert (await identity_client.get("/auth/me", headers=bearer)).status_code == 401
    await session.refresh(claire)
    assert claire.active is False

    on = await identity_client.post(f"/accounts/{claire.id}/reactivate", headers=manager)
    assert on.json()["status"] == "active"
    assert (await identity_client.post("/auth/login", json=login)).status_code == 200
    purposes = [row.purpose for row in await audit_rows(session, str(claire.id))]
    assert purposes == ["deactivated", "reactivated"]


async def test_nobody_deactivates_their_own_account(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    me = await create_user(session, "test-caisse_manager", "x" * 12, Role.CAISSE_MANAGER, "ALPES")
    manager = tokens.headers(Role.CAISSE_MANAGER)
    response = await identity_client.post(f"/accounts/{me.id}/deactivate", headers=manager)
    assert response.status_code == 409
    assert response.json()["code"] == "own_account"
    demoted = await identity_client.patch(
        f"/accounts/{me.id}", json={"role": "counselor"}, headers=manager
    )
    assert demoted.status_code == 409


async def test_a_counselor_finds_their_own_record_in_interviews(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER)
    created = await interviews_client.post(
        "/counselors", json={"username": "test-counselor", "full_name": "Test"}, headers=manager
    )
    assert created.status_code == 201
    mine = await interviews_client.get("/counselors/me", headers=tokens.headers(Role.COUNSELOR))
    assert mine.status_code == 200
    assert mine.json()["id"] == created.json()["id"]
    # The same username in another caisse's token is not that record.
    other = await interviews_client.get(
        "/counselors/me", headers=tokens.headers(Role.COUNSELOR, "BRETAGNE")
    )
    assert other.status_code == 404
    none = await interviews_client.get("/counselors/me", headers=manager)
    assert none.status_code == 404
