"""Named factories for test data."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import MachineClient, User
from services.identity.service import TokenIssuer, hash_secret
from services.shared.auth import Role
from services.targeting.caisses.seed import seed_caisses

DEFAULT_CAISSE = {Role.COUNSELOR: "ALPES", Role.CAISSE_MANAGER: "ALPES"}


@dataclass
class TokenFactory:
    """Access tokens signed by the test issuer, for any role."""

    issuer: TokenIssuer

    def for_role(self, role: Role, caisse: str | None = None, scope: str = "") -> str:
        caisse = caisse or DEFAULT_CAISSE.get(role)
        return self.issuer.issue(f"user:test-{role.value}", role.value, caisse, "Test", scope)

    def headers(self, role: Role, caisse: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.for_role(role, caisse)}"}


async def create_user(
    session: AsyncSession,
    username: str,
    password: str,
    role: Role = Role.COUNSELOR,
    caisse_code: str | None = "ALPES",
) -> User:
    user = User(
        username=username,
        full_name=f"{username.title()} Test",
        password_hash=hash_secret(password),
        role=role.value,
        caisse_code=caisse_code,
    )
    session.add(user)
    await session.flush()
    return user


async def create_machine_client(
    session: AsyncSession, client_id: str, secret: str, scopes: list[str]
) -> MachineClient:
    client = MachineClient(
        client_id=client_id,
        name=client_id,
        secret_hash=hash_secret(secret),
        role=Role.SERVICE.value,
        scopes=scopes,
    )
    session.add(client)
    await session.flush()
    return client


async def create_caisses(session: AsyncSession) -> None:
    await seed_caisses(session)
    await session.flush()
