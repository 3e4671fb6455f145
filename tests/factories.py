"""Named factories for test data."""

import csv
import io
import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import MachineClient, User
from services.identity.service import TokenIssuer, hash_secret
from services.shared.auth import Role
from services.targeting.caisses.seed import seed_caisses
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.nir import make_nir

DEFAULT_CAISSE = {Role.COUNSELOR: "ALPES", Role.CAISSE_MANAGER: "ALPES"}
DEFAULT_SCOPE = {Role.SERVICE: "targeting:read targeting:write contacts:write"}


@dataclass
class TokenFactory:
    """Access tokens signed by the test issuer, for any role."""

    issuer: TokenIssuer

    def for_role(self, role: Role, caisse: str | None = None, scope: str | None = None) -> str:
        caisse = caisse or DEFAULT_CAISSE.get(role)
        scope = DEFAULT_SCOPE.get(role, "") if scope is None else scope
        return self.issuer.issue(f"user:test-{role.value}", role.value, caisse, "Test", scope)

    def headers(
        self, role: Role, caisse: str | None = None, scope: str | None = None
    ) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.for_role(role, caisse, scope)}"}


async def create_user(
    session: AsyncSession,
    username: str,
    password: str,
    role: Role = Role.COUNSELOR,
    caisse_code: str | None = "ALPES",
    email: str | None = None,
) -> User:
    user = User(
        username=username,
        full_name=f"{username.title()} Test",
        password_hash=hash_secret(password),
        role=role.value,
        caisse_code=caisse_code,
        email=email,
        password_set_at=datetime.now(UTC),
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


_person_counter = itertools.count(1)


def person_row(**overrides: object) -> dict[str, object]:
    """An insured person in the registry's exchange format (JSON batch item / CSV row),
    with a valid, unique NIR consistent with its sex and birth date."""
    number = next(_person_counter)
    sex = int(str(overrides.get("sex", 1 + number % 2)))
    birth = overrides.get("birth_date", date(1952, 1 + number % 12, 1 + number % 28))
    assert isinstance(birth, date)
    row: dict[str, object] = {
        "nir": make_nir(sex, birth, "73", number // 1000 % 1000, number % 1000),
        "last_name": f"Nom{number:06d}",
        "first_name": "Jeanne" if sex == 2 else "Jean",
        "sex": sex,
        "birth_date": birth.isoformat(),
        "email": f"personne{number}@example.fr",
        "phone": "0612345678",
        "address_line": f"{number} rue de la République",
        "postcode": "73000",
        "city": "Chambéry",
        "caisse_code": "ALPES",
        "professional_group": "artisan",
        "activity_code": "9602A",
        "professional_category": "coiffure",
        "status": "active",
        "auto_entrepreneur": False,
        "business_created_on": "1990-03-01",
        "affiliated_on": "1990-03-01",
        "validated_quarters": 164,
        "required_quarters": 164,
        "conjoint_collaborateur": False,
        "cross_border": False,
        "eirl": False,
        "invalidity_pension": False,
        "contact_opt_out": False,
    }
    row.update({k: (v.isoformat() if isinstance(v, date) else v) for k, v in overrides.items()})
    return row


def person_csv(rows: list[dict[str, object]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(IMPORT_COLUMNS), delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: str(v).lower() if isinstance(v, bool) else v for k, v in row.items()})
    return buffer.getvalue().encode()


async def import_persons(
    client: httpx.AsyncClient, tokens: TokenFactory, rows: list[dict[str, object]]
) -> None:
    """Loads persons through the JSON batch API, as an administrator."""
    response = await client.post(
        "/persons/batch",
        json={"mode": "all_or_nothing", "persons": rows},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 200 and response.json()["written"], response.text
