"""Every service against its own OpenAPI contract, fuzzed by schemathesis over real HTTP:
no 5xx, and every answer matches the contract (status, content type, schema). Whatever the
fuzzer sends, the audit log's existing rows come out unchanged: no route alters it.

Quick form here (a few examples per operation, as a caisse manager); the long form is
``bench/fuzz.py``."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from services.platform.stack import SERVICES, StackConfig
from tests.platform.live import login

pytestmark = pytest.mark.processes
EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def fuzz(base_url: str, headers: dict[str, str], examples: int) -> list[str]:
    """Runs every operation of the service's contract; returns the failures, one line each."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid schema raises here

        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=30)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # reported per operation below
            summary = " | ".join(line.strip() for line in str(exc).splitlines()[:6] if line.strip())
            failures.append(f"{operation.label}: {summary or repr(exc)}")
    return failures


def audit_log(database_url: str, up_to: int | None = None) -> tuple[int, int, str]:
    """(rows, highest id, digest of every column of those rows) of the audit log."""

    async def read() -> tuple[int, int, str]:
        engine = create_async_engine(database_url)
        try:
            async with engine.connect() as connection:
                row = (
                    await connection.execute(
                        text(
                            "SELECT count(*), coalesce(max(id), 0),"
                            " coalesce(md5(string_agg(e::text, '|' ORDER BY id)), '')"
                            " FROM audit_event e WHERE id <= :up_to"
                        ),
                        {"up_to": up_to if up_to is not None else 2**63 - 1},
                    )
                ).one()
                return int(row[0]), int(row[1]), str(row[2])
        finally:
            await engine.dispose()

    return asyncio.run(read())


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_honours_its_contract(service: str, platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    token = login(config, "manager.alpes", "manager-demo").json()["access_token"]
    assert config.database_url is not None
    before = audit_log(config.database_url)
    failures = fuzz(config.service_url(service), {"Authorization": f"Bearer {token}"}, EXAMPLES)
    assert not failures, "\n".join(failures)
    assert audit_log(config.database_url, up_to=before[1]) == before
    if service != "identity":  # which holds no insured person's data
        assert audit_log(config.database_url)[0] > before[0], "the fuzzing left no trace"
