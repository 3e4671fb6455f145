"""The quick form of the mixed load (bench/load.py): a few counselors for a few seconds over
real processes, and not one error."""

from pathlib import Path

import pytest

from bench.load import run_load
from services.platform.stack import StackConfig

pytestmark = pytest.mark.processes


async def test_a_short_mixed_load_has_no_errors(platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    report, _, _ = await run_load(config, counselors=4, seconds=12)
    assert report.errors == []
    assert {"search", "file", "slots", "book", "agenda"} <= set(report.latencies)
    assert report.requests > 50
