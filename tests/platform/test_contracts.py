"""Every service against its own OpenAPI contract, fuzzed by schemathesis over real HTTP:
no 5xx, and every answer matches the contract (status, content type, schema).

Quick form here (a few examples per operation, as a caisse manager); the long form is
``bench/fuzz.py``."""

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


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_honours_its_contract(service: str, platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    token = login(config, "manager.alpes", "manager-demo").json()["access_token"]
    failures = fuzz(config.service_url(service), {"Authorization": f"Bearer {token}"}, EXAMPLES)
    assert not failures, "\n".join(failures)
