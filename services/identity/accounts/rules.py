"""Who manages which accounts. The admin manages every account; the national office, the
national office's accounts; a caisse manager, the counselors and managers of its own caisse.
An account out of the caller's reach does not exist for them (404); giving an account a role
or a caisse out of it is a 403."""

from sqlalchemy import ColumnElement

from services.identity.models import User
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import FieldError, Forbidden, NotFound, Unprocessable

MANAGED_ROLES: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset({Role.COUNSELOR, Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN}),
    Role.NATIONAL: frozenset({Role.NATIONAL}),
    Role.CAISSE_MANAGER: frozenset({Role.COUNSELOR, Role.CAISSE_MANAGER}),
}
CAISSE_ROLES = frozenset({Role.COUNSELOR, Role.CAISSE_MANAGER})
ACCOUNT_NOT_FOUND = "Compte introuvable."


def managed_roles(principal: Principal) -> frozenset[Role]:
    return MANAGED_ROLES.get(principal.role, frozenset())


def visible_accounts(principal: Principal) -> list[ColumnElement[bool]]:
    """The conditions selecting the accounts the caller manages."""
    conditions: list[ColumnElement[bool]] = [
        User.role.in_([role.value for role in managed_roles(principal)])
    ]
    if principal.role is Role.CAISSE_MANAGER:
        conditions.append(User.caisse_code == principal.caisse_code)
    return conditions


def ensure_visible(principal: Principal, scope: CaisseScope, user: User) -> None:
    """404 for an account the caller does not manage (another caisse's: audited as such)."""
    foreign = (
        principal.role is Role.CAISSE_MANAGER
        and user.caisse_code is not None
        and not scope.allows(user.caisse_code)
    )
    if (
        foreign
        or Role(user.role) not in managed_roles(principal)
        or (principal.role is Role.CAISSE_MANAGER and user.caisse_code != principal.caisse_code)
    ):
        raise NotFound(ACCOUNT_NOT_FOUND, code="account_not_found")


def _invalid(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(
        message,
        errors=[FieldError(field=field, location="body", message=message)],
        code=code,
    )


def ensure_may_assign(principal: Principal, role: Role, caisse_code: str | None) -> None:
    """The caller may give an account this role in this caisse (403 otherwise), and the pair
    is consistent (422): caisse roles have a caisse, the others none."""
    if role not in managed_roles(principal):
        raise Forbidden(
            f"Votre rôle ne permet pas de gérer les comptes de rôle « {role.value} ».",
            code="role_not_managed",
        )
    if principal.role is Role.CAISSE_MANAGER and caisse_code != principal.caisse_code:
        raise Forbidden(
            "Un responsable de caisse ne gère que les comptes de sa caisse.",
            code="other_caisse",
        )
    if role in CAISSE_ROLES and caisse_code is None:
        raise _invalid(
            "caisse_code",
            "Un conseiller ou un responsable de caisse est rattaché à une caisse.",
            "caisse_required",
        )
    if role not in CAISSE_ROLES and caisse_code is not None:
        raise _invalid(
            "caisse_code",
            "Seuls les conseillers et les responsables de caisse sont rattachés à une caisse.",
            "caisse_not_allowed",
        )
