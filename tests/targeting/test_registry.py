"""The registry: JSON batch upsert (both modes, idempotence, scope), search, the audited file."""

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent, purge_expired
from services.shared.auth import Role
from services.targeting.registry import importing
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, create_caisses, person_row


@pytest.fixture(autouse=True)
async def caisses(session: AsyncSession) -> None:
    await create_caisses(session)


async def _batch(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    persons: list[dict[str, object]],
    mode: str,
    role: Role = Role.CAISSE_MANAGER,
    caisse: str = "ALPES",
) -> httpx.Response:
    return await client.post(
        "/persons/batch",
        json={"mode": mode, "persons": persons},
        headers=tokens.headers(role, caisse),
    )


async def _count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(InsuredPerson)) or 0


async def test_batch_inserts_then_reimport_changes_nothing(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    persons = [person_row() for _ in range(3)]
    first = await _batch(targeting_client, tokens, persons, "all_or_nothing")
    assert first.status_code == 200, first.text
    assert (first.json()["inserted"], first.json()["updated"], first.json()["unchanged"]) == (
        3,
        0,
        0,
    )
    again = await _batch(targeting_client, tokens, persons, "all_or_nothing")
    assert (again.json()["inserted"], again.json()["updated"], again.json()["unchanged"]) == (
        0,
        0,
        3,
    )
    assert again.json()["message"].startswith("Rien n'a changé")
    persons[1]["city"] = "Annecy"
    changed = await _batch(targeting_client, tokens, persons, "all_or_nothing")
    assert (changed.json()["inserted"], changed.json()["updated"], changed.json()["unchanged"]) == (
        0,
        1,
        2,
    )
    assert await _count(session) == 3


async def test_all_or_nothing_writes_nothing_when_a_row_is_bad(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    good = person_row()
    bad_key = person_row()
    bad_key["nir"] = str(bad_key["nir"])[:13] + "00"
    response = await _batch(targeting_client, tokens, [good, bad_key], "all_or_nothing")
    body = response.json()
    assert response.status_code == 200
    assert body["written"] is False and body["inserted"] == 0 and body["rejected"] == 1
    assert body["errors"] == [
        {
            "line": 2,
            "field": "nir",
            "message": "Colonne nir : "
            "la clé de contrôle ne correspond pas aux 13 premiers chiffres.",
        }
    ]
    assert str(bad_key["nir"]) not in response.text  # never echo a NIR
    assert await _count(session) == 0


async def test_keep_valid_writes_the_good_rows_and_reports_the_others(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    good = person_row()
    wrong_sex = person_row(sex=2)
    wrong_sex["sex"] = 1  # the NIR says woman
    other_caisse = person_row(caisse_code="BRETAGNE")
    response = await _batch(targeting_client, tokens, [good, wrong_sex, other_caisse], "keep_valid")
    body = response.json()
    assert (body["written"], body["inserted"], body["rejected"]) == (True, 1, 2)
    assert [(e["line"], e["field"]) for e in body["errors"]] == [(2, "nir"), (3, "caisse_code")]
    assert await _count(session) == 1


async def test_a_nir_twice_in_one_batch_is_refused_on_the_second_line(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    person = person_row()
    response = await _batch(
        targeting_client, tokens, [person, dict(person, city="Lyon")], "keep_valid"
    )
    assert response.json()["errors"] == [
        {"line": 2, "field": "nir", "message": "Colonne nir : déjà donné ligne 1."}
    ]


async def test_a_manager_cannot_take_over_another_caisses_person(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    person = person_row(caisse_code="BRETAGNE")
    await _batch(targeting_client, tokens, [person], "all_or_nothing", caisse="BRETAGNE")
    moved = dict(person, caisse_code="ALPES")
    response = await _batch(targeting_client, tokens, [moved], "keep_valid", caisse="ALPES")
    assert response.json()["errors"][0]["message"] == "Colonne nir : assuré d'une autre caisse."
    stored = await session.scalar(select(InsuredPerson.caisse_code))
    assert stored == "BRETAGNE"


async def test_unknown_fields_and_wrong_types_are_422_naming_the_field(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    person = person_row()
    unknown = await _batch(targeting_client, tokens, [dict(person, id=7)], "keep_valid")
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "persons.0.id"
    wrong = await _batch(targeting_client, tokens, [dict(person, status="dead")], "keep_valid")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "persons.0.status"


async def test_counselors_and_national_users_cannot_import(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    for role in (Role.COUNSELOR, Role.NATIONAL):
        response = await _batch(targeting_client, tokens, [person_row()], "keep_valid", role=role)
        assert response.status_code == 403


async def test_machine_clients_need_the_write_scope(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    read_only = tokens.headers(Role.SERVICE, scope="targeting:read")
    refused = await targeting_client.post(
        "/persons/batch", json={"persons": [person_row()]}, headers=read_only
    )
    granted = await targeting_client.post(
        "/persons/batch", json={"persons": [person_row()]}, headers=tokens.headers(Role.SERVICE)
    )
    assert refused.status_code == 403
    assert granted.status_code == 200 and granted.json()["inserted"] == 1


async def _person_ids(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(InsuredPerson.caisse_code, InsuredPerson.id))
    return {caisse: person_id for caisse, person_id in rows}


async def test_search_and_file_are_scoped_and_audited(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    alpes = person_row(last_name="Dupont")
    bretagne = person_row(last_name="Dupond", caisse_code="BRETAGNE")
    await _batch(targeting_client, tokens, [alpes, bretagne], "all_or_nothing", role=Role.ADMIN)
    ids = await _person_ids(session)
    counselor = tokens.headers(Role.COUNSELOR, "ALPES")

    by_name = await targeting_client.post(
        "/persons/search", json={"name": "dup"}, headers=counselor
    )
    assert [p["last_name"] for p in by_name.json()["items"]] == ["Dupont"]
    by_nir = await targeting_client.post(
        "/persons/search", json={"nir": bretagne["nir"]}, headers=counselor
    )
    assert by_nir.json()["total"] == 0  # another caisse's person: not even counted

    own = await targeting_client.get(
        f"/persons/{ids['ALPES']}", params={"purpose": "appel entrant"}, headers=counselor
    )
    foreign = await targeting_client.get(f"/persons/{ids['BRETAGNE']}", headers=counselor)
    missing = await targeting_client.get("/persons/999999999", headers=counselor)
    assert own.status_code == 200 and own.json()["nir"] == alpes["nir"]
    assert foreign.status_code == missing.status_code == 404

    events = (
        await session.execute(
            select(AuditEvent.operation, AuditEvent.resource_id, AuditEvent.purpose).where(
                AuditEvent.actor == "user:test-counselor"
            )
        )
    ).all()
    assert ("read", str(ids["ALPES"]), "appel entrant") in events
    assert sum(1 for e in events if e[0] == "search") == 2


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1 55 08 14 168 025", "15 caractères attendus"),
        ("1 55 08 14 168 025 39", "la clé de contrôle ne correspond pas"),
        ("3 55 08 14 168 025 38", "13 chiffres (2A/2B pour la Corse)"),
    ],
)
async def test_an_invalid_nir_in_the_search_says_why_not_that_nobody_matches(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, typed: str, why: str
) -> None:
    response = await targeting_client.post(
        "/persons/search", json={"nir": typed}, headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "person.invalid_nir"
    assert why in problem["detail"] and problem["errors"][0]["field"] == "nir"
    assert typed.replace(" ", "") not in response.text  # the NIR is never echoed


async def test_national_users_see_no_personal_file(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    await _batch(targeting_client, tokens, [person_row()], "all_or_nothing")
    person_id = next(iter((await _person_ids(session)).values()))
    response = await targeting_client.get(
        f"/persons/{person_id}", headers=tokens.headers(Role.NATIONAL)
    )
    assert response.status_code == 403


async def test_opposition_is_recorded_and_audited(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    await _batch(targeting_client, tokens, [person_row()], "all_or_nothing")
    person_id = next(iter((await _person_ids(session)).values()))
    response = await targeting_client.put(
        f"/persons/{person_id}/opposition",
        json={"contact_opt_out": True},
        headers=tokens.headers(Role.COUNSELOR),
    )
    assert response.status_code == 200 and response.json()["contact_opt_out"] is True
    operations = await session.scalars(
        select(AuditEvent.purpose).where(AuditEvent.operation == "update")
    )
    assert "opposition to contact" in list(operations)


async def test_the_audit_log_cannot_be_altered(session: AsyncSession) -> None:
    session.add(
        AuditEvent(service="t", actor="a", actor_role="admin", operation="read", resource_type="x")
    )
    await session.flush()
    for statement in ("UPDATE audit_event SET actor = 'forged'", "DELETE FROM audit_event"):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(text(statement))
        await savepoint.rollback()


async def test_duplicates_are_caught_across_chunks(
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
    first, second, third = person_row(), person_row(), person_row()
    rows = [first, second, third, dict(first, city="Lyon"), dict(third, city="Nice")]
    response = await _batch(targeting_client, tokens, rows, "keep_valid")
    assert response.json()["errors"] == [
        {"line": 4, "field": "nir", "message": "Colonne nir : déjà donné ligne 1."},
        {"line": 5, "field": "nir", "message": "Colonne nir : déjà donné ligne 3."},
    ]
    assert response.json()["inserted"] == 3
    cities = set(await session.scalars(select(InsuredPerson.city)))
    assert cities == {"Chambéry"}


async def test_only_the_retention_purge_deletes_audit_events(session: AsyncSession) -> None:
    old = AuditEvent(
        service="t", actor="old", actor_role="admin", operation="read", resource_type="x"
    )
    recent = AuditEvent(
        service="t", actor="recent", actor_role="admin", operation="read", resource_type="x"
    )
    session.add_all([old, recent])
    await session.flush()
    await session.execute(
        text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    )  # back-date one event for the test only
    await session.execute(
        text(
            "UPDATE audit_event SET occurred_at = now() - interval '13 months' WHERE actor = 'old'"
        )
    )
    await session.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"))
    assert await purge_expired(session) >= 1
    actors = set(await session.scalars(select(AuditEvent.actor).where(AuditEvent.service == "t")))
    assert actors == {"recent"}
