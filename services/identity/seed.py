"""Demo accounts for every role, for development and demonstration only."""

from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import MachineClient, User
from services.identity.service import hash_secret
from services.shared.auth import Role


class DemoUser(NamedTuple):
    username: str
    password: str
    full_name: str
    role: Role
    caisse_code: str | None


class DemoClient(NamedTuple):
    client_id: str
    secret: str
    name: str
    scopes: tuple[str, ...]


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "admin-demo", "Alice Administratrice", Role.ADMIN, None),
    DemoUser("national", "national-demo", "Nadia Nationale", Role.NATIONAL, None),
    DemoUser("manager.alpes", "manager-demo", "Marc Responsable", Role.CAISSE_MANAGER, "ALPES"),
    DemoUser("conseiller.alpes", "conseiller-demo", "Claire Conseillère", Role.COUNSELOR, "ALPES"),
    DemoUser("conseiller2.alpes", "conseiller-demo", "Paul Conseiller", Role.COUNSELOR, "ALPES"),
    DemoUser(
        "manager.bretagne", "manager-demo", "Brigitte Responsable", Role.CAISSE_MANAGER, "BRETAGNE"
    ),
    DemoUser(
        "conseiller.bretagne", "conseiller-demo", "Bruno Conseiller", Role.COUNSELOR, "BRETAGNE"
    ),
)

DEMO_CLIENTS: tuple[DemoClient, ...] = (
    DemoClient(
        "sirius-batch",
        "sirius-demo-secret",
        "Système d'information RSI (démo)",
        # It feeds the registry and reads the bilans: it writes people, never reads them.
        ("targeting:write", "targeting:reference", "reports:read", "stats:read"),
    ),
    # The surveys service itself: its background draw reads the completed contacts, then the
    # drawn people's contact details and opposition to contact (and caisse and action names).
    DemoClient(
        "surveys",
        "surveys-demo-secret",
        "Service des enquêtes",
        ("contacts:read", "targeting:contact-details", "targeting:reference"),
    ),
    # The interviews service itself: it tells targeting who was contacted (recency), and its
    # letter campaigns read the target lists they write to.
    DemoClient(
        "interviews",
        "interviews-demo-secret",
        "Service des entretiens",
        ("contacts:write", "targeting:list-members", "targeting:reference"),
    ),
)
SURVEYS_CLIENT = DEMO_CLIENTS[1]
INTERVIEWS_CLIENT = DEMO_CLIENTS[2]


async def seed_demo_accounts(session: AsyncSession) -> None:
    """Creates or resets the demo accounts so their passwords match what is printed."""
    for user in DEMO_USERS:
        user_values: dict[str, object] = {
            "username": user.username,
            "full_name": user.full_name,
            "password_hash": hash_secret(user.password),
            "role": user.role.value,
            "caisse_code": user.caisse_code,
            # What an OpenID Connect provider's agent is matched by at the first sign-in.
            "active": True,
            "email": f"{user.username}@demo.rsi.example",
            "password_set_at": func.now(),
        }
        statement = insert(User).values(user_values)
        await session.execute(
            statement.on_conflict_do_update(index_elements=[User.username], set_=user_values)
        )
    for client in DEMO_CLIENTS:
        client_values: dict[str, object] = {
            "client_id": client.client_id,
            "name": client.name,
            "secret_hash": hash_secret(client.secret),
            "role": Role.SERVICE.value,
            "scopes": list(client.scopes),
            "active": True,
        }
        client_statement = insert(MachineClient).values(client_values)
        await session.execute(
            client_statement.on_conflict_do_update(
                index_elements=[MachineClient.client_id], set_=client_values
            )
        )
