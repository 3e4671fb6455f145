import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.identity.accounts import service
from services.identity.accounts.schemas import AccountCreate, AccountRead, AccountUpdate
from services.identity.passwords.deps import AppSettings
from services.shared.auth import CurrentCaisseScope, Principal, Role, require_role
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.pagination import Page, Pagination

router = APIRouter(prefix="/accounts", tags=["accounts"], responses=problem_responses(401, 403))
# Which accounts each of them manages: services/identity/accounts/rules.py.
AccountManager = Annotated[
    Principal, Depends(require_role(Role.ADMIN, Role.NATIONAL, Role.CAISSE_MANAGER))
]


@router.get("")
async def list_accounts(
    principal: AccountManager,
    session: DbSession,
    page: Pagination,
    q: Annotated[
        str | None, Query(max_length=100, description="Part of a username, name or email.")
    ] = None,
    role: Role | None = None,
    active: bool | None = None,
) -> Page[AccountRead]:
    """The accounts the caller manages, by name."""
    return await service.list_accounts(session, principal, page, q, role, active)


@router.post("", status_code=status.HTTP_201_CREATED, responses=problem_responses(409))
async def create_account(
    body: AccountCreate,
    principal: AccountManager,
    session: DbSession,
    settings: AppSettings,
) -> AccountRead:
    """Creates the account and emails its owner a single-use link to choose a password.
    A username or email already taken is a 409 naming it; a role or a caisse the caller does
    not manage, a 403."""
    return service.account_read(await service.create_account(session, settings, principal, body))


@router.get("/{account_id}", responses=problem_responses(404))
async def get_account(
    account_id: uuid.UUID, principal: AccountManager, scope: CurrentCaisseScope, session: DbSession
) -> AccountRead:
    return await service.read_account(session, principal, scope, account_id)


@router.patch("/{account_id}", responses=problem_responses(404, 409))
async def update_account(
    account_id: uuid.UUID,
    body: AccountUpdate,
    principal: AccountManager,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> AccountRead:
    """Changes the name, email, role or caisse (a role change applies at the next token
    renewal)."""
    user = await service.update_account(session, principal, scope, account_id, body)
    return service.account_read(user)


@router.post("/{account_id}/deactivate", responses=problem_responses(404, 409))
async def deactivate_account(
    account_id: uuid.UUID, principal: AccountManager, scope: CurrentCaisseScope, session: DbSession
) -> AccountRead:
    """No more sign-in; tokens stop at their next renewal. The person's records stay."""
    user = await service.set_active(session, principal, scope, account_id, active=False)
    return service.account_read(user)


@router.post("/{account_id}/reactivate", responses=problem_responses(404))
async def reactivate_account(
    account_id: uuid.UUID, principal: AccountManager, scope: CurrentCaisseScope, session: DbSession
) -> AccountRead:
    user = await service.set_active(session, principal, scope, account_id, active=True)
    return service.account_read(user)


@router.post("/{account_id}/invitation", responses=problem_responses(404, 409))
async def send_invitation_again(
    account_id: uuid.UUID,
    principal: AccountManager,
    scope: CurrentCaisseScope,
    session: DbSession,
    settings: AppSettings,
) -> AccountRead:
    """Emails a new invitation link (the earlier one stops working)."""
    user = await service.send_invitation_again(session, settings, principal, scope, account_id)
    return service.account_read(user)
