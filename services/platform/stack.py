"""Runs the whole platform locally: database, migrations, seed, every service, the SPA."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import httpx

from services.identity.seed import DEMO_CLIENTS, DEMO_USERS, INTERVIEWS_CLIENT, SURVEYS_CLIENT
from services.platform.database import (
    DatabaseServer,
    ensure_database,
    migrate,
    server_from_url,
    start_embedded,
)
from services.platform.seed import DEMO_POPULATION, seed_all
from services.shared.settings import PROJECT_ROOT

SERVICES = ("identity", "targeting", "interviews", "surveys", "reporting")
FRONTEND_DIR = PROJECT_ROOT / "frontend"
PROGRESS_EVERY_SECONDS = 15.0


@dataclass(frozen=True)
class StackConfig:
    data_dir: Path
    port_base: int
    spa_port: int
    build_spa: bool
    database_url: str | None

    def service_port(self, service: str) -> int:
        return self.port_base + SERVICES.index(service)

    def service_url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.service_port(service)}"


def step(message: str) -> float:
    """Says what the run command is doing now (it may take a while); returns the start time."""
    print(f"==> {message}", flush=True)
    return time.monotonic()


def done(started: float, result: str = "done") -> None:
    print(f"    {result} ({time.monotonic() - started:.0f} s)", flush=True)


def prepare_database(config: StackConfig) -> tuple[DatabaseServer, str]:
    """Starts or finds Postgres, creates the database, migrates and seeds it."""
    if config.database_url:
        started = step("Using the PostgreSQL server of DATABASE_URL")
        server, url = server_from_url(config.database_url), config.database_url
    else:
        started = step(f"Starting PostgreSQL (embedded, data in {config.data_dir / 'postgres'})")
        server = start_embedded(config.data_dir / "postgres")
        url = ensure_database(server, "rsi")
    done(started)
    started = step("Migrating the database (alembic upgrade head)")
    migrate(url)
    done(started)
    started = step(
        f"Seeding the reference data and, on a first run, {DEMO_POPULATION:,} demo insured persons"
    )
    inserted = asyncio.run(seed_all(url, demo=True))
    done(started, f"{inserted:,} insured persons added" if inserted else "demo data already there")
    return server, url


def service_environment(
    config: StackConfig, database_url: str, peer_urls: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The services' settings; peers are reached at ``peer_urls`` (service → base URL), by
    default each service's own port."""
    peers = dict(peer_urls or {service: config.service_url(service) for service in SERVICES})
    env = {
        # Sign-in behind the SPA's URL (the environment may say otherwise). Its proxy (vite,
        # xfwd) names the browser's address in X-Forwarded-For, which identity's sign-in
        # throttle counts per source address.
        "RSI_TRUSTED_PROXIES": "127.0.0.1,::1",
        "RSI_OIDC_REDIRECT_URI": f"http://127.0.0.1:{config.spa_port}/api/identity/oidc/callback",
        "RSI_OIDC_POST_LOGIN_URL": f"http://127.0.0.1:{config.spa_port}/connexion",
        **os.environ,
        "DATABASE_URL": database_url,
        "RSI_JWKS_URL": f"{peers['identity']}/.well-known/jwks.json",
        "RSI_SIGNING_KEY_PATH": str(config.data_dir / "keys" / "signing-key.pem"),
        "RSI_LINK_SECRET_PATH": str(config.data_dir / "keys" / "booking-link-secret"),
        "RSI_FILES_DIR": str(config.data_dir / "files"),
        # Demo messaging: emails land as .eml files in the data folder, SMS as .txt files.
        "RSI_MAIL_PROVIDER": "dev",
        "RSI_MAIL_DEV_DIR": str(config.data_dir / "mail"),
        "RSI_SMS_PROVIDER": "dev",
        "RSI_SMS_DEV_DIR": str(config.data_dir / "sms"),
        "RSI_MESSAGING_INTERVAL_SECONDS": "2",
        "RSI_RECENCY_RELAY_INTERVAL_SECONDS": "2",
        "RSI_PUBLIC_BOOKING_URL": f"http://127.0.0.1:{config.spa_port}/rendez-vous/",
        "RSI_AGENDA_FEED_URL": f"http://127.0.0.1:{config.spa_port}/api/interviews/agenda-feeds/",
        "RSI_SURVEYS_CLIENT_ID": SURVEYS_CLIENT.client_id,
        "RSI_SURVEYS_CLIENT_SECRET": SURVEYS_CLIENT.secret,
        "RSI_INTERVIEWS_CLIENT_ID": INTERVIEWS_CLIENT.client_id,
        "RSI_INTERVIEWS_CLIENT_SECRET": INTERVIEWS_CLIENT.secret,
        "RSI_PUBLIC_ANSWER_URL": f"http://127.0.0.1:{config.spa_port}/questionnaire/",
        "RSI_PUBLIC_PASSWORD_URL": f"http://127.0.0.1:{config.spa_port}/mot-de-passe/choisir",
    }
    for service, url in peers.items():
        env[f"RSI_{service.upper()}_URL"] = url
    return env


def wait_until_up(
    url: str,
    process: subprocess.Popen[bytes],
    what: str,
    timeout: float | None = None,
    progress_every: float = PROGRESS_EVERY_SECONDS,
) -> None:
    """Waits until ``url`` answers 200. Without ``timeout``, as long as the process is alive
    (a loaded machine may need minutes for a first start), saying so every ``progress_every``
    seconds; a process that exits is an error at once."""
    started = time.monotonic()
    next_notice = started + progress_every
    while timeout is None or time.monotonic() < started + timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode}")
        with suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        if time.monotonic() >= next_notice:
            print(f"    still waiting for {what} ({time.monotonic() - started:.0f} s)…", flush=True)
            next_notice += progress_every
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


@contextmanager
def running_processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    processes: list[subprocess.Popen[bytes]] = []
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def start_worker(
    env: dict[str, str], processes: list[subprocess.Popen[bytes]], log_dir: Path | None = None
) -> subprocess.Popen[bytes]:
    """Starts ``rsi worker``, which runs every service's background tasks."""
    log = open(log_dir / "worker.log", "wb") if log_dir else None  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )
    processes.append(process)
    return process


def uvicorn_command(service: str, port: int | str) -> list[str]:
    """The command line of one process of ``service``."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        f"services.{service}.app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
    ]


def start_services(
    config: StackConfig,
    env: dict[str, str],
    processes: list[subprocess.Popen[bytes]],
    log_dir: Path | None = None,
) -> None:
    """Starts each service as its own uvicorn process and waits until it is ready."""
    began = step(f"Starting the services ({', '.join(SERVICES)})")
    started = []
    for service in SERVICES:
        log = open(log_dir / f"{service}.log", "wb") if log_dir else None  # noqa: SIM115
        started.append(
            subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
                uvicorn_command(service, config.service_port(service)),
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT if log else None,
            )
        )
    processes.extend(started)
    for service, process in zip(SERVICES, started, strict=True):
        wait_until_up(f"{config.service_url(service)}/readyz", process, f"service {service}")
    done(began)


def _start_spa(
    config: StackConfig, env: dict[str, str], processes: list[subprocess.Popen[bytes]]
) -> None:
    if config.build_spa:
        started = step("Building the SPA (npm run build)")
        subprocess.run(["npm", "run", "build"], cwd=FRONTEND_DIR, env=env, check=True)  # noqa: S607
        done(started)
    started = step(f"Serving the SPA on port {config.spa_port}")
    vite = FRONTEND_DIR / "node_modules" / ".bin" / "vite"
    process = subprocess.Popen(  # noqa: S603
        [
            str(vite),
            "preview",
            "--host",
            "127.0.0.1",
            "--port",
            str(config.spa_port),
            "--strictPort",
        ],
        cwd=FRONTEND_DIR,
        env=env,
    )
    processes.append(process)
    wait_until_up(f"http://127.0.0.1:{config.spa_port}/", process, "the SPA")
    done(started)


def banner(config: StackConfig) -> str:
    lines = [
        "",
        f"RSI contact platform: http://127.0.0.1:{config.spa_port}/",
        "",
        "Demo logins (username / password — role, caisse):",
        *(
            f"  {u.username:<22} {u.password:<17} {u.role.value}"
            + (f", {u.caisse_code}" if u.caisse_code else "")
            for u in DEMO_USERS
        ),
        "Machine clients (POST /api/identity/oauth/token, grant_type=client_credentials):",
        *(f"  {c.client_id:<22} {c.secret}" for c in DEMO_CLIENTS),
        "",
        "APIs (through the SPA's URL): /api/<service>/…; OpenAPI contracts:",
        *(f"  {s:<11} {config.service_url(s)}/openapi.json" for s in SERVICES),
        "Press Ctrl-C to stop.",
        "",
    ]
    return "\n".join(lines)


def run_stack(config: StackConfig) -> None:
    stop_requested = False

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server, database_url = prepare_database(config)
    try:
        env = service_environment(config, database_url)
        with running_processes() as processes:
            start_services(config, env, processes)
            step("Starting the worker (rsi worker)")
            start_worker(env, processes)
            _start_spa(config, env, processes)
            print(banner(config), flush=True)
            while not stop_requested:
                if any(process.poll() is not None for process in processes):
                    raise RuntimeError("a platform process exited; stopping everything")
                time.sleep(0.5)
            print("Stopping…", flush=True)
    finally:
        server.stop()
