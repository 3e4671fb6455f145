"""Every service against its own OpenAPI contract, fuzzed by schemathesis over real HTTP:
no 5xx, and every answer matches the contract (status, content type, schema). Whatever the
fuzzer sends, the audit log's existing rows come out unchanged: no route alters it.

Quick form here (a few examples per operation, as a caisse manager); the long form, every
kind of caller with many examples, is ``bench/fuzz.py``."""

from pathlib import Path

import pytest

from bench.fuzz import audit_log, caller_headers, fuzz
from services.platform.stack import SERVICES, StackConfig

pytestmark = pytest.mark.processes
EXAMPLES = 8


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_honours_its_contract(service: str, platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    assert config.database_url is not None
    before = audit_log(config.database_url)
    report = fuzz(config.service_url(service), caller_headers(config, "manager"), EXAMPLES)
    assert not report.failures, "\n".join(report.failures)
    assert report.requests >= report.operations
    assert audit_log(config.database_url, up_to=before[1]) == before
    if service != "identity":  # which holds no insured person's data
        assert audit_log(config.database_url)[0] > before[0], "the fuzzing left no trace"
