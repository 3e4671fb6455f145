"""Security headers on every answer of every kind of server: the services themselves (any
status), the fleet's nginx (its own answers and proxied ones), the run command's SPA server
(vite preview: pages, 404s, proxy errors) and the container nginx's configuration; CORS is
closed unless configured; HSTS in production only."""

import json
import os
import pwd
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from services.platform.fleet import RunAs, free_ports, start_nginx, stop_process
from services.platform.stack import FRONTEND_DIR, SERVICES
from services.shared.app import create_service_app
from services.shared.security_headers import SECURITY_HEADERS
from services.shared.settings import PROJECT_ROOT, Environment, Settings
from tests.routes import service_app


def assert_secured(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_list(name) == [value], (name, response.url)
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", csp).group()  # type: ignore[union-attr]
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("service", SERVICES)
async def test_every_service_answer_carries_the_headers(service: str) -> None:
    transport = httpx.ASGITransport(app=service_app(service))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answers = [
            await client.get("/healthz"),  # 200
            await client.get("/no-such-page"),  # 404
            await client.delete("/healthz"),  # 405
            await client.post("/healthz", headers={"content-length": str(10**9)}),  # 413
            await client.get("/openapi.json"),
        ]
        assert (await client.get("/docs")).status_code == 404  # Swagger UI needs inline script
    assert [a.status_code for a in answers] == [200, 404, 405, 413, 200]
    for answer in answers:
        assert_secured(answer)
        assert "strict-transport-security" not in answer.headers


async def test_hsts_and_cors_follow_the_settings(settings: Settings) -> None:
    production = settings.model_copy(
        update={
            "environment": Environment.PRODUCTION,
            "cors_allowed_origins": ["https://partner.example"],
        }
    )
    app = create_service_app("probe", description="", routers=[], settings=production)
    preflight = {"Access-Control-Request-Method": "POST"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        answer = await client.get("/healthz", headers={"Origin": "https://partner.example"})
        allowed = await client.options(
            "/healthz", headers={**preflight, "Origin": "https://partner.example"}
        )
        refused = await client.options(
            "/healthz", headers={**preflight, "Origin": "https://evil.example"}
        )
    assert answer.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert answer.headers["access-control-allow-origin"] == "https://partner.example"
    assert allowed.headers["access-control-allow-origin"] == "https://partner.example"
    assert "access-control-allow-origin" not in refused.headers
    assert_secured(refused)


async def test_cors_is_closed_by_default() -> None:
    transport = httpx.ASGITransport(app=service_app("identity"))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.options(
            "/auth/login",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert not any(name.startswith("access-control-") for name in answer.headers)


def test_the_spa_and_the_container_nginx_declare_the_same_headers() -> None:
    assert json.loads((FRONTEND_DIR / "security-headers.json").read_text()) == SECURITY_HEADERS
    conf = (PROJECT_ROOT / "infra/nginx/default.conf").read_text()
    declared = dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;', conf, re.M))
    hidden = set(re.findall(r"^\s*proxy_hide_header ([\w-]+);", conf, re.M))
    for name, value in SECURITY_HEADERS.items():
        assert declared[name] == value
        assert name in hidden  # one copy on proxied answers, not the service's and nginx's
    assert declared["Strict-Transport-Security"].startswith("max-age=")


class _Upstream(BaseHTTPRequestHandler):
    """A service answering with a header of its own, as the services do."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Security-Policy", "default-src 'none'")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()


def test_the_fleet_nginx_adds_the_headers_once(upstream: int) -> None:
    run_dir = Path(tempfile.mkdtemp(prefix="rsi-headers-"))
    run_as = RunAs(pwd.getpwnam("nobody") if os.geteuid() == 0 else None)
    run_as.own(run_dir)
    (down,) = free_ports(1)
    nginx = start_nginx(run_dir, run_as, {"identity": [upstream], "targeting": [down]})
    try:
        own = httpx.get(f"{nginx.url}/healthz")
        failed = httpx.get(f"{nginx.url}/api/targeting/healthz")
        proxied = httpx.get(f"{nginx.url}/api/identity/healthz")
    finally:
        stop_process(nginx.process)
    assert (own.status_code, failed.status_code) == (200, 502)
    assert_secured(own)
    assert_secured(failed)
    # The service's own header is passed as it is, not doubled; the missing ones are added.
    assert proxied.headers.get_list("content-security-policy") == ["default-src 'none'"]
    assert proxied.headers["x-frame-options"] == "DENY"


def test_the_spa_server_of_the_run_command_sends_them(tmp_path: Path, upstream: int) -> None:
    """vite preview, as the run command starts it, over a stand-in build."""
    (tmp_path / "index.html").write_text("<!doctype html><title>SPA</title>")
    (port,) = free_ports(1)
    (down,) = free_ports(1)
    env = {
        **os.environ,
        "RSI_IDENTITY_URL": f"http://127.0.0.1:{upstream}",
        "RSI_TARGETING_URL": f"http://127.0.0.1:{down}",
    }
    vite = FRONTEND_DIR / "node_modules" / ".bin" / "vite"
    command = [str(vite), "preview", "--outDir", str(tmp_path), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--strictPort", "--host", "127.0.0.1"],
        cwd=FRONTEND_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                page = httpx.get(f"{base}/rendez-vous/abc")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        missing = httpx.get(f"{base}/assets/missing.js")
        failed = httpx.get(f"{base}/api/targeting/healthz")
        proxied = httpx.get(f"{base}/api/identity/healthz")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert page.status_code == 200 and "SPA" in page.text
    assert failed.status_code >= 500
    for answer in (page, missing, failed):
        assert_secured(answer)
    assert proxied.headers.get_list("content-security-policy") == ["default-src 'none'"]
    assert proxied.headers["x-content-type-options"] == "nosniff"
