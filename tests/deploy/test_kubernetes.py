"""infra/k8s, checked offline: ``kubectl kustomize`` (kubectl from its PyPI wheel, with its
built-in kustomize) renders each overlay, kubernetes-validate accepts every built-in object for
the latest Kubernetes version it knows (strict: no unknown field), the CloudNativePG objects
validate against the operator's vendored CRD schemas (and carry no field those schemas do
not know), and what the platform relies on is there."""

import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from services.shared.settings import PROJECT_ROOT

K8S = PROJECT_ROOT / "infra" / "k8s"
CRDS = PROJECT_ROOT / "infra" / "schemas" / "cnpg"
OVERLAYS = ("demo", "production")
SERVICES = ("identity", "targeting", "interviews", "surveys", "reporting")
Resource = dict[str, Any]


@cache
def render(overlay: str) -> tuple[Resource, ...]:
    kubectl = str(Path(sys.executable).parent / "kubectl")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def of_kind(resources: tuple[Resource, ...], kind: str) -> dict[str, Resource]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


@cache
def crd_schemas() -> dict[str, dict[str, Any]]:
    schemas = {}
    for path in CRDS.glob("*.yaml"):
        crd = yaml.safe_load(path.read_text())
        for version in crd["spec"]["versions"]:
            key = f"{crd['spec']['group']}/{version['name']}/{crd['spec']['names']['kind']}"
            schemas[key] = version["schema"]["openAPIV3Schema"]
    return schemas


def unknown_fields(value: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Fields the schema does not declare (the API server would drop them silently)."""
    found: list[str] = []
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            if key not in schema["properties"]:
                if not schema.get("additionalProperties") and not schema.get(
                    "x-kubernetes-preserve-unknown-fields"
                ):
                    found.append(f"{where}.{key}")
            else:
                found += unknown_fields(item, schema["properties"][key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += unknown_fields(item, schema["items"], f"{where}[{index}]")
    return found


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_builtin_object_is_valid_for_a_current_kubernetes(overlay: str) -> None:
    version = kubernetes_validate.latest_version()
    checked = 0
    for resource in render(overlay):
        if resource["apiVersion"].startswith("postgresql.cnpg.io/"):
            continue
        kubernetes_validate.validate(resource, version, strict=True)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_cloudnativepg_objects_follow_the_operators_schemas(overlay: str) -> None:
    cnpg = [r for r in render(overlay) if r["apiVersion"].startswith("postgresql.cnpg.io/")]
    assert Counter(r["kind"] for r in cnpg) == {"Cluster": 1, "Pooler": 1, "ScheduledBackup": 1}
    for resource in cnpg:
        schema = crd_schemas()[f"{resource['apiVersion']}/{resource['kind']}"]
        jsonschema.validate(resource, schema)
        assert unknown_fields(resource, schema) == [], resource["kind"]


def test_the_crd_check_refuses_a_wrong_cluster() -> None:
    schema = crd_schemas()["postgresql.cnpg.io/v1/Cluster"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"spec": {"instances": "three"}}, schema)
    assert unknown_fields({"spec": {"instance": 3}}, schema) == [".spec.instance"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_is_replicated_probed_bounded_and_kept_available(overlay: str) -> None:
    resources = render(overlay)
    deployments, pdbs = of_kind(resources, "Deployment"), of_kind(resources, "PodDisruptionBudget")
    hpas = of_kind(resources, "HorizontalPodAutoscaler")
    for name in (*SERVICES, "worker", "web"):
        deployment = deployments[name]
        assert deployment["spec"]["replicas"] >= 2, name
        assert hpas[name]["spec"]["minReplicas"] >= 2, name
        assert pdbs[name]["spec"]["selector"] == deployment["spec"]["selector"], name
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert {"requests", "limits"} <= set(container["resources"]), name
        assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
    for name in SERVICES:
        container = deployments[name]["spec"]["template"]["spec"]["containers"][0]
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["command"][:2] == ["uvicorn", f"services.{name}.app:app"]
        database = next(e for e in container["env"] if e["name"] == "DATABASE_URL")
        assert database["valueFrom"]["secretKeyRef"]["key"] == "pooler-url"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_postgresql_is_three_instances_backed_up_behind_a_transaction_pooler(overlay: str) -> None:
    resources = render(overlay)
    cluster = of_kind(resources, "Cluster")["rsi-db"]
    assert cluster["spec"]["instances"] == 3
    store = cluster["spec"]["backup"]["barmanObjectStore"]
    assert store["destinationPath"].startswith("s3://") and "wal" in store
    pooler = of_kind(resources, "Pooler")["rsi-db-pooler-rw"]
    assert pooler["spec"]["pgbouncer"]["poolMode"] == "transaction"
    assert of_kind(resources, "ScheduledBackup")["rsi-db-daily"]["spec"]["cluster"] == {
        "name": "rsi-db"
    }
    job = of_kind(resources, "Job")["rsi-migrate"]
    assert "alembic upgrade head" in job["spec"]["template"]["spec"]["containers"][0]["command"][-1]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_the_gateway_and_the_callers_reach_the_services(overlay: str) -> None:
    policies = of_kind(render(overlay), "NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"]["podSelector"] == {}
    reporting = policies["reporting-ingress"]["spec"]["ingress"][0]["from"]
    callers = {
        p["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
        for p in reporting
        if "podSelector" in p
    }
    assert callers == {"web"}
    targeting = policies["targeting-ingress"]["spec"]["ingress"][0]["from"]
    assert {
        p["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
        for p in targeting
        if "podSelector" in p
    } == {"web", "interviews", "surveys", "reporting", "worker"}


SECRET_REFERENCES = ("secretKeyRef", "secret", "accessKeyId", "secretAccessKey")


def secrets_used(value: Any) -> set[str]:
    """Secret names an object refers to (env, volumes, TLS, the operator's credentials)."""
    used: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "secretName" and isinstance(item, str):
                used.add(item)
            elif key in SECRET_REFERENCES and isinstance(item, dict) and "name" in item:
                used.add(item["name"])
            used |= secrets_used(item)
    elif isinstance(value, list):
        for item in value:
            used |= secrets_used(item)
    return used


def test_the_demo_renders_every_secret_it_uses_but_the_signing_key_and_tls() -> None:
    resources = render("demo")
    used = set().union(*(secrets_used(r) for r in resources))
    assert {"rsi-app", "rsi-database", "rsi-db-owner", "rsi-db-backup"} <= used
    assert used - set(of_kind(resources, "Secret")) == {"rsi-signing-key", "rsi-tls"}
    assert "Secret" not in {r["kind"] for r in render("production")}
