"""Contract fuzzing, long form: every operation of every service, as every kind of caller.

    .venv/bin/python -m bench.fuzz [--examples 100]

On a demo database of its own it starts the services as processes and lets schemathesis
generate ``--examples`` valid requests per operation, and as many invalid ones, for each caller
(administrator, national office, caisse manager, counselor, and a machine client). No answer
may be a 5xx; a valid request gets what the contract documents (status, content type, schema)
and is refused without its token; an invalid one (a value outside the schema, an unknown query
parameter, a body that is not JSON) is refused with a documented 4xx. The audit log's rows
from before the run must come out unchanged. It prints, per caller and service, the operations,
the requests sent, the failures and the time taken. The quick form (8 examples, a manager)
runs in the tests (tests/platform/test_contracts.py).
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import schemathesis
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.stack import demo_stack
from services.identity.seed import DEMO_CLIENTS
from services.platform.stack import SERVICES, StackConfig

app = typer.Typer(add_completion=False)
# Valid requests: the answer is as documented, and an operation that declares its bearer
# token refuses the request without it. Invalid requests (values outside the schema): a 4xx.
CHECKS = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        ignored_auth,
    ],
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        negative_data_rejection,
    ],
}
# Demo accounts: (username, password), or a machine client's id.
CALLERS: dict[str, tuple[str, str] | str] = {
    "admin": ("admin", "admin-demo"),
    "national": ("national", "national-demo"),
    "manager": ("manager.alpes", "manager-demo"),
    "counselor": ("conseiller.alpes", "conseiller-demo"),
    "machine": "sirius-batch",
}


@dataclass
class FuzzReport:
    operations: int
    requests: int
    failures: list[str]
    seconds: float


def fuzz(base_url: str, headers: dict[str, str], examples: int) -> FuzzReport:
    """Runs every operation of the service's contract ``examples`` times (at most) with valid
    data, and as many times with invalid data."""
    started = time.monotonic()
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    failures: list[str] = []
    operations = requests = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid schema raises here
        operations += 1
        for mode in CHECKS:
            sent, failure = _fuzz_operation(operation, mode, headers, examples)
            requests += sent
            if failure is not None:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    return FuzzReport(operations, requests, failures, time.monotonic() - started)


def _fuzz_operation(
    operation: Any, mode: GenerationMode, headers: dict[str, str], examples: int
) -> tuple[int, str | None]:
    """(requests sent, the failure in a line or None)."""
    sent = 0

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: Any) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate(headers=headers, checks=CHECKS[mode], timeout=30)

    try:
        check()
    except Unsatisfiable:  # nothing of the operation can be made invalid (no input at all)
        return sent, None
    except (Exception, BaseExceptionGroup) as exc:  # reported per operation and mode
        lines = [line.strip() for line in str(exc).splitlines()[:16] if line.strip()]
        return sent, " | ".join(lines) or repr(exc)
    return sent, None


def caller_headers(config: StackConfig, caller: str) -> dict[str, str]:
    identity = config.service_url("identity")
    account = CALLERS[caller]
    if isinstance(account, tuple):
        answer = httpx.post(
            f"{identity}/auth/login", json={"username": account[0], "password": account[1]}
        )
    else:
        client = next(c for c in DEMO_CLIENTS if c.client_id == account)
        answer = httpx.post(
            f"{identity}/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client.client_id,
                "client_secret": client.secret,
            },
        )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


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


def run_all(
    config: StackConfig,
    examples: int,
    callers: list[str],
    services: list[str],
    say: Callable[[str], None],
) -> list[str]:
    """Every caller against every service asked for; the failures, and the audit log checked."""
    assert config.database_url is not None
    before = audit_log(config.database_url)
    failures = []
    for caller in callers:
        headers = caller_headers(config, caller)
        for service in services:
            report = fuzz(config.service_url(service), headers, examples)
            say(
                f"{caller:9} {service:10} {report.operations:3} operations "
                f"{report.requests:6} requests {len(report.failures):3} failures "
                f"{report.seconds:6.0f} s"
            )
            failures += [f"{caller} {service} {line}" for line in report.failures]
    if audit_log(config.database_url, up_to=before[1]) != before:
        failures.append("the audit log's earlier rows changed")
    return failures


@app.command()
def main(
    examples: Annotated[int, typer.Option(help="Requests per operation and caller.")] = 100,
    callers: Annotated[list[str] | None, typer.Option("--caller")] = None,
    services: Annotated[list[str] | None, typer.Option("--service")] = None,
    port_base: Annotated[int, typer.Option()] = 19330,
) -> None:
    started = time.monotonic()
    with demo_stack("rsi_bench_fuzz", 3_000, port_base) as (config, _):
        failures = run_all(
            config, examples, callers or list(CALLERS), services or list(SERVICES), print
        )
    print(f"{len(failures)} failures in {time.monotonic() - started:.0f} s")
    for failure in failures:
        print("  " + failure)


if __name__ == "__main__":
    app()
