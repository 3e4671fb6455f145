"""Single-use links that choose a password (an invitation, a reset), and the change of one's
own password.

A link is 32 random bytes; only their SHA-256 is stored. Issuing a link voids the account's
earlier unused ones, so only the newest email works. A link is spent when it sets a password;
a weak password refused (422) leaves it usable.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.audit import audit, owner
from services.identity.messaging.service import queue_email
from services.identity.models import User
from services.identity.passwords.models import LinkPurpose, PasswordLink
from services.identity.passwords.policy import check_password
from services.identity.passwords.schemas import LinkRead
from services.identity.service import _secret_matches, hash_secret
from services.identity.throttle import LoginThrottle, attempt_keys
from services.shared.audit import AuditOperation
from services.shared.auth import Principal
from services.shared.db import run_after_rollback
from services.shared.errors import FieldError, Gone, NotFound, Unprocessable
from services.shared.local_time import LOCAL_TIME
from services.shared.settings import Settings

# A second reset email for one account within this delay is not sent (mail bombing).
RESET_RESEND_DELAY = timedelta(minutes=1)
RESET_ANSWER = (
    "Si un compte actif correspond à cet identifiant et a une adresse email, un lien pour "
    "choisir un nouveau mot de passe vient d'y être envoyé."
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def unusable_password_hash() -> str:
    """The hash of a password nobody knows: an invited account cannot sign in until its
    owner chooses one."""
    return hash_secret(secrets.token_urlsafe(32))


async def void_links(session: AsyncSession, user: User) -> None:
    """Every unused link of the account stops working (a newer one, a deactivation)."""
    await session.execute(
        update(PasswordLink)
        .where(PasswordLink.user_id == user.id, PasswordLink.used_at.is_(None))
        .values(used_at=func.now())
    )


def _ttl(settings: Settings, purpose: LinkPurpose) -> timedelta:
    if purpose is LinkPurpose.INVITATION:
        return timedelta(hours=settings.invitation_link_ttl_hours)
    return timedelta(minutes=settings.password_reset_link_ttl_minutes)


def _email(purpose: LinkPurpose, user: User, url: str, expires: datetime) -> tuple[str, str]:
    until = expires.astimezone(LOCAL_TIME).strftime("%d/%m/%Y à %H:%M")
    if purpose is LinkPurpose.INVITATION:
        return (
            "Votre compte sur la plateforme de contact RSI",
            f"Bonjour {user.full_name},\n\n"
            "Un compte vient d'être ouvert pour vous sur la plateforme de la politique de "
            f"contact du RSI. Votre identifiant : {user.username}\n\n"
            f"Pour choisir votre mot de passe, ouvrez ce lien avant le {until} :\n{url}\n\n"
            "Ce lien ne sert qu'une fois. Passé ce délai, demandez une nouvelle invitation "
            "à la personne qui gère les comptes de votre caisse.\n",
        )
    return (
        "Réinitialisation de votre mot de passe",
        f"Bonjour {user.full_name},\n\n"
        "Une réinitialisation du mot de passe de votre compte "
        f"({user.username}) a été demandée.\n\n"
        f"Pour choisir un nouveau mot de passe, ouvrez ce lien avant le {until} :\n{url}\n\n"
        "Ce lien ne sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, "
        "ignorez ce message : votre mot de passe actuel reste valable.\n",
    )


async def issue_link(
    session: AsyncSession, settings: Settings, user: User, purpose: LinkPurpose
) -> PasswordLink:
    """A new link for the account, emailed to it (the outbox, in this transaction)."""
    await void_links(session, user)
    token = secrets.token_urlsafe(32)
    link = PasswordLink(
        user_id=user.id,
        purpose=purpose.value,
        token_hash=token_hash(token),
        expires_at=datetime.now(UTC) + _ttl(settings, purpose),
    )
    session.add(link)
    await session.flush()
    subject, body = _email(
        purpose, user, f"{settings.public_password_url}#{token}", link.expires_at
    )
    await queue_email(session, user, f"password-link:{link.id}", subject, body)
    return link


async def _usable_link(session: AsyncSession, token: str) -> tuple[PasswordLink, User]:
    """The link and its account, locked; 404 unknown, 410 spent, expired or deactivated."""
    row = (
        await session.execute(
            select(PasswordLink, User)
            .join(User, User.id == PasswordLink.user_id)
            .where(PasswordLink.token_hash == token_hash(token))
            .with_for_update(of=PasswordLink)
        )
    ).first()
    if row is None:
        raise NotFound(
            "Ce lien n'est pas reconnu : vérifiez qu'il a été copié en entier.",
            code="unknown_link",
        )
    link, user = row
    if link.used_at is not None:
        raise Gone(
            "Ce lien a déjà servi, ou un lien plus récent l'a remplacé. Utilisez le dernier "
            "email reçu, ou demandez un nouveau lien.",
            code="link_used",
        )
    if link.expires_at <= datetime.now(UTC):
        raise Gone(
            "Ce lien a expiré. Demandez-en un nouveau (« Mot de passe oublié ? ») ou, pour "
            "une invitation, à la personne qui gère les comptes de votre caisse.",
            code="link_expired",
        )
    if not user.active:
        raise Gone(
            "Ce compte a été désactivé : adressez-vous à la personne qui gère les comptes de "
            "votre caisse.",
            code="account_inactive",
        )
    return link, user


async def inspect_link(session: AsyncSession, token: str) -> LinkRead:
    link, user = await _usable_link(session, token)
    return LinkRead(
        purpose=LinkPurpose(link.purpose),
        username=user.username,
        full_name=user.full_name,
        expires_at=link.expires_at,
    )


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_secret(password)
    user.password_set_at = datetime.now(UTC)


async def redeem_link(session: AsyncSession, token: str, password: str) -> User:
    """Sets the account's password; the link is spent, with any other of the account."""
    _, user = await _usable_link(session, token)
    check_password(password, user.username, user.full_name)
    _set_password(user, password)
    await void_links(session, user)
    await audit(session, owner(user), AuditOperation.UPDATE, "account", user.id, "password set")
    return user


async def request_reset(session: AsyncSession, settings: Settings, identifier: str) -> None:
    """Emails a reset link to the active account of that username or email, if any. The
    caller answers the same either way: nobody learns from it whether an account exists."""
    wanted = identifier.strip().lower()
    user = await session.scalar(
        select(User).where(
            or_(func.lower(User.username) == wanted, User.email == wanted), User.active
        )
    )
    if user is None or user.email is None:
        return
    recent = await session.scalar(
        select(PasswordLink.id).where(
            PasswordLink.user_id == user.id,
            PasswordLink.purpose == LinkPurpose.RESET.value,
            PasswordLink.used_at.is_(None),
            PasswordLink.created_at > func.now() - RESET_RESEND_DELAY,
        )
    )
    if recent is None:
        await issue_link(session, settings, user, LinkPurpose.RESET)


async def change_password(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    throttle: LoginThrottle,
    source: str,
    principal: Principal,
    user: User,
    current_password: str,
    new_password: str,
) -> None:
    """A current password is checked as a login's is (the login throttle, shared with
    ``/auth/login``): a stolen session cannot guess it."""
    keys = attempt_keys(user.username, source)
    await throttle.admit(sessions, keys)
    if not _secret_matches(user.password_hash, current_password):
        run_after_rollback(session, partial(throttle.failed, sessions, keys))
        message = "Le mot de passe actuel est incorrect."
        raise Unprocessable(
            message,
            errors=[FieldError(field="current_password", location="body", message=message)],
            code="wrong_current_password",
        )
    if new_password == current_password:
        message = "Le nouveau mot de passe doit être différent de l'actuel."
        raise Unprocessable(
            message,
            errors=[FieldError(field="new_password", location="body", message=message)],
            code="same_password",
        )
    check_password(new_password, user.username, user.full_name, field="new_password")
    _set_password(user, new_password)
    await void_links(session, user)
    await audit(session, principal, AuditOperation.UPDATE, "account", user.id, "password changed")
