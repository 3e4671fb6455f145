import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.caisses.reference_data import CAISSES
from tests.factories import TokenFactory, create_caisses


@pytest.fixture(autouse=True)
async def caisses(session: AsyncSession) -> None:
    await create_caisses(session)


async def test_national_office_lists_every_caisse(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await targeting_client.get(
        "/caisses", params={"limit": 500}, headers=tokens.headers(Role.NATIONAL)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(CAISSES) == 30
    assert {item["code"] for item in body["items"]} == {c.code for c in CAISSES}
    overseas = {item["code"] for item in body["items"] if item["overseas"]}
    assert overseas == {"ANTILLESGUYANE", "REUNION"}


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.CAISSE_MANAGER])
async def test_caisse_staff_see_only_their_caisse(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, role: Role
) -> None:
    response = await targeting_client.get("/caisses", headers=tokens.headers(role, "BRETAGNE"))
    assert response.status_code == 200
    assert response.json()["total"] == 1
    assert [item["code"] for item in response.json()["items"]] == ["BRETAGNE"]


async def test_another_caisse_is_not_found_for_caisse_staff(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    own = await targeting_client.get("/caisses/ALPES", headers=headers)
    foreign = await targeting_client.get("/caisses/BRETAGNE", headers=headers)
    missing = await targeting_client.get("/caisses/NOWHERE", headers=headers)
    assert own.status_code == 200 and own.json()["name"] == "RSI Alpes"
    # A foreign caisse and a missing one answer alike: the existence does not leak.
    assert foreign.status_code == missing.status_code == 404
    assert foreign.headers["content-type"] == "application/problem+json"
    assert "RSI Bretagne" not in foreign.text


async def test_pagination_pages_through_the_caisses(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.ADMIN)
    first = (await targeting_client.get("/caisses?limit=20", headers=headers)).json()
    second = (await targeting_client.get("/caisses?limit=20&offset=20", headers=headers)).json()
    codes = [i["code"] for i in first["items"]] + [i["code"] for i in second["items"]]
    assert len(first["items"]) == 20 and len(second["items"]) == 10
    assert codes == sorted(c.code for c in CAISSES)


@pytest.mark.parametrize(
    ("query", "field"), [("limit=501", "limit"), ("limit=abc", "limit"), ("offset=-1", "offset")]
)
async def test_bad_page_parameters_name_the_field(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, query: str, field: str
) -> None:
    response = await targeting_client.get(f"/caisses?{query}", headers=tokens.headers(Role.ADMIN))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0] == {
        "field": field,
        "location": "query",
        "message": response.json()["errors"][0]["message"],
    }
    assert field in response.json()["detail"]


async def test_every_role_with_a_token_may_read_the_reference_data(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, any_role: Role
) -> None:
    response = await targeting_client.get("/caisses/ALPES", headers=tokens.headers(any_role))
    assert response.status_code == 200


async def test_no_token_is_401_problem(targeting_client: httpx.AsyncClient) -> None:
    response = await targeting_client.get("/caisses")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
