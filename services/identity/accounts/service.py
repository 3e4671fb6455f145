"""Account administration: invitations, edits, deactivation, the searchable list.

Every change is in the audit log, in the same transaction. A deactivated account keeps its
row (the counselor's agenda and history name it): it can no longer sign in, and
``User.active`` is what a token renewal checks."""

import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.accounts.rules import (
    ACCOUNT_NOT_FOUND,
    ensure_may_assign,
    ensure_visible,
    visible_accounts,
)
from services.identity.accounts.schemas import (
    AccountCreate,
    AccountRead,
    AccountStatus,
    AccountUpdate,
)
from services.identity.audit import audit
from services.identity.models import User
from services.identity.passwords.models import LinkPurpose
from services.identity.passwords.service import issue_link, unusable_password_hash, void_links
from services.shared.audit import AuditOperation
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import Conflict, FieldError, NotFound
from services.shared.pagination import Page, PageParams
from services.shared.query import contains_pattern
from services.shared.settings import Settings

RESOURCE = "account"


def account_read(user: User) -> AccountRead:
    if not user.active:
        status = AccountStatus.INACTIVE
    elif user.password_set_at is None:
        status = AccountStatus.INVITED
    else:
        status = AccountStatus.ACTIVE
    return AccountRead(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        email=user.email,
        role=Role(user.role),
        caisse_code=user.caisse_code,
        active=user.active,
        status=status,
        password_set_at=user.password_set_at,
        created_at=user.created_at,
    )


async def list_accounts(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    search: str | None,
    role: Role | None,
    active: bool | None,
) -> Page[AccountRead]:
    conditions = visible_accounts(principal)
    if search:
        pattern = contains_pattern(search)
        conditions.append(
            or_(
                User.username.ilike(pattern),
                User.full_name.ilike(pattern),
                User.email.ilike(pattern),
            )
        )
    if role is not None:
        conditions.append(User.role == role.value)
    if active is not None:
        conditions.append(User.active.is_(active))
    total = await session.scalar(select(func.count()).select_from(User).where(*conditions))
    users = await session.scalars(
        select(User)
        .where(*conditions)
        .order_by(User.full_name, User.username)
        .limit(page.limit)
        .offset(page.offset)
    )
    await audit(session, principal, AuditOperation.SEARCH, RESOURCE, None, "accounts list")
    return Page.of([account_read(user) for user in users], total or 0, page)


async def get_account(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    account_id: uuid.UUID,
    *,
    for_update: bool = True,
) -> User:
    """The account, locked for a change unless ``for_update`` is false; 404 out of reach."""
    user = await session.get(User, account_id, with_for_update=for_update)
    if user is None:
        raise NotFound(ACCOUNT_NOT_FOUND, code="account_not_found")
    ensure_visible(principal, scope, user)
    return user


async def read_account(
    session: AsyncSession, principal: Principal, scope: CaisseScope, account_id: uuid.UUID
) -> AccountRead:
    user = await get_account(session, principal, scope, account_id, for_update=False)
    await audit(session, principal, AuditOperation.READ, RESOURCE, user.id)
    return account_read(user)


def _duplicate(field: str, message: str) -> Conflict:
    return Conflict(
        message,
        errors=[FieldError(field=field, location="body", message=message)],
        code=f"duplicate_{field}",
    )


async def _ensure_unique(
    session: AsyncSession, username: str | None, email: str | None, other_than: uuid.UUID | None
) -> None:
    """409 naming the field when another account has the username (whatever its case) or
    the email. The unique constraints still refuse a race between two requests (409)."""
    others = select(User.id).where(User.id != other_than) if other_than else select(User.id)
    if username is not None and await session.scalar(
        others.where(func.lower(User.username) == username)
    ):
        raise _duplicate("username", f"L'identifiant « {username} » est déjà pris.")
    if email is not None and await session.scalar(others.where(User.email == email)):
        raise _duplicate("email", f"L'adresse « {email} » est déjà celle d'un autre compte.")


async def create_account(
    session: AsyncSession, settings: Settings, principal: Principal, body: AccountCreate
) -> User:
    """The account, and the invitation email with its link to choose a password."""
    role = Role(body.role.value)
    caisse = body.caisse_code
    if caisse is None and principal.role is Role.CAISSE_MANAGER:
        caisse = principal.caisse_code
    ensure_may_assign(principal, role, caisse)
    await _ensure_unique(session, body.username, body.email, None)
    user = User(
        username=body.username,
        full_name=body.full_name,
        email=body.email,
        role=role.value,
        caisse_code=caisse,
        password_hash=unusable_password_hash(),
        active=True,
    )
    session.add(user)
    await session.flush()
    await session.refresh(user, ["created_at"])
    await issue_link(session, settings, user, LinkPurpose.INVITATION)
    await audit(session, principal, AuditOperation.CREATE, RESOURCE, user.id, "invited")
    return user


def _ensure_not_self(principal: Principal, user: User, what: str) -> None:
    if principal.subject == f"user:{user.username}":
        raise Conflict(
            f"Vous ne pouvez pas {what} votre propre compte : demandez-le à un autre gestionnaire.",
            code="own_account",
        )


async def update_account(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    account_id: uuid.UUID,
    body: AccountUpdate,
) -> User:
    user = await get_account(session, principal, scope, account_id)
    # null leaves a field as it is, but for the caisse (a national account has none).
    changes = {
        field: value
        for field, value in body.model_dump(exclude_unset=True).items()
        if value is not None or field == "caisse_code"
    }
    role = Role(changes["role"].value) if "role" in changes else Role(user.role)
    caisse = changes.get("caisse_code", user.caisse_code)
    if role is not Role(user.role) or caisse != user.caisse_code:
        _ensure_not_self(principal, user, "changer le rôle ou la caisse de")
        ensure_may_assign(principal, role, caisse)
    await _ensure_unique(session, None, changes.get("email"), user.id)
    changed = []
    for field, value in (
        ("full_name", changes.get("full_name", user.full_name)),
        ("email", changes.get("email", user.email)),
        ("role", role.value),
        ("caisse_code", caisse),
    ):
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if changed:
        await session.flush()
        await audit(
            session, principal, AuditOperation.UPDATE, RESOURCE, user.id, ", ".join(changed)
        )
    return user


async def set_active(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    account_id: uuid.UUID,
    active: bool,
) -> User:
    """Deactivation stops sign-in at once and token renewal at the next one (``active``);
    the account's unused links stop working too. Reactivation undoes it."""
    user = await get_account(session, principal, scope, account_id)
    if not active:
        _ensure_not_self(principal, user, "désactiver")
    if user.active != active:
        user.active = active
        if not active:
            await void_links(session, user)
        await session.flush()
        what = "reactivated" if active else "deactivated"
        await audit(session, principal, AuditOperation.UPDATE, RESOURCE, user.id, what)
    return user


async def send_invitation_again(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    scope: CaisseScope,
    account_id: uuid.UUID,
) -> User:
    """A new invitation link (the previous one stops working), while no password is chosen."""
    user = await get_account(session, principal, scope, account_id)
    if user.password_set_at is not None:
        raise Conflict(
            "Ce compte a déjà choisi son mot de passe : son titulaire peut utiliser « Mot de "
            "passe oublié ? ».",
            code="password_already_set",
        )
    if not user.active or user.email is None:
        raise Conflict(
            "Un compte désactivé ou sans adresse email ne reçoit pas d'invitation.",
            code="cannot_invite",
        )
    await issue_link(session, settings, user, LinkPurpose.INVITATION)
    await audit(session, principal, AuditOperation.UPDATE, RESOURCE, user.id, "invited again")
    return user
