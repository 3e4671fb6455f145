"""infra/observability: the alert rules pass ``promtool check rules`` and their unit tests
(``promtool test rules``, Debian's prometheus package), every dashboard query is valid PromQL,
and every platform metric the rules and the dashboard read is one the processes export (read
from the services' and the worker's own ``/metrics``)."""

import json
import re
import subprocess
from pathlib import Path

import httpx
import yaml
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.platform.fleet import executable
from services.shared.metrics import exposition, pool_families, probe_families, queue_probe
from services.shared.settings import PROJECT_ROOT

OBSERVABILITY = PROJECT_ROOT / "infra" / "observability"
METRIC = re.compile(r"\b(rsi_[a-z_]+)\b")


def promtool(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [executable("promtool"), *arguments],
        cwd=OBSERVABILITY,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def dashboard_queries() -> list[str]:
    dashboard = json.loads((OBSERVABILITY / "grafana-dashboard.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def rule_queries() -> list[str]:
    groups = yaml.safe_load((OBSERVABILITY / "alerts.yml").read_text())["groups"]
    return [rule["expr"] for group in groups for rule in group["rules"]]


def test_the_alert_rules_are_valid_and_their_unit_tests_pass() -> None:
    checked = promtool("check", "rules", "alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = promtool("test", "rules", "alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_dashboard_query_is_valid_promql(tmp_path: Path) -> None:
    rules = {
        "groups": [
            {
                "name": "dashboard",
                "rules": [
                    {"record": f"dashboard:query{i}", "expr": expr}
                    for i, expr in enumerate(dashboard_queries())
                ],
            }
        ]
    }
    path = tmp_path / "dashboard-rules.yml"
    path.write_text(yaml.safe_dump(rules))
    checked = promtool("check", "rules", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_promtool_refuses_a_broken_query(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "groups": [
                    {
                        "name": "x",
                        "rules": [
                            {
                                "record": "x:y",
                                "expr": "sum by (service (rate(rsi_http_requests_total[5m]))",
                            }
                        ],
                    }
                ]
            }
        )
    )
    assert promtool("check", "rules", str(path)).returncode != 0


def _exported(text: str) -> set[str]:
    names = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split()
            names.add(name)
            names |= {
                "counter": {f"{name}_total"},
                "histogram": {f"{name}_bucket", f"{name}_count", f"{name}_sum"},
            }.get(kind, set())
    return names


async def test_the_rules_and_the_dashboard_read_only_exported_metrics(
    identity_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    surveys_client: httpx.AsyncClient,
    reporting_client: httpx.AsyncClient,
    engine: AsyncEngine,
    session: AsyncSession,
) -> None:
    exported: set[str] = set()
    for client in (
        identity_client,
        targeting_client,
        interviews_client,
        surveys_client,
        reporting_client,
    ):
        response = await client.get("/metrics")
        assert response.status_code == 200
        exported |= _exported(response.text)
    sessions = async_sessionmaker(bind=await session.connection(), expire_on_commit=False)
    worker = exposition([*pool_families(engine), *await probe_families(sessions, (queue_probe,))])
    exported |= _exported(bytes(worker.body).decode())
    read = {
        name for query in [*rule_queries(), *dashboard_queries()] for name in METRIC.findall(query)
    }
    read -= {name for name in read if name.startswith("rsi:")}
    assert read - exported == set()
    assert {
        "rsi_queue_oldest_todo_seconds",
        "rsi_outbox_oldest_pending_seconds",
        "rsi_bilans_submitted",
    } <= read
