"""docker-compose.yml run without a container runtime (none can run on this machine), as close
to the containers as processes get:

* each Python service's command is the compose ``command`` (or the Dockerfile's ``CMD``), run
  as the Dockerfile's ``USER`` (uid 10001, no supplementary group) from its ``WORKDIR``, with
  the Dockerfile's ``ENV`` and the compose ``environment``;
* the code tree is a copy of what the Dockerfile copies to ``/app``, read-only (owned by
  root, no write bit), with an environment built as the Dockerfile builds ``/opt/venv``
  (``uv sync --locked --no-dev`` against Debian's Python 3.11);
* the only writable places are one folder per named volume, created as the Dockerfile
  creates its mount point (owned by the user, 0700), and a ``/tmp`` (the compose tmpfs);
* PostgreSQL is the test server; ``pgbouncer`` is Debian's PgBouncer with
  infra/pgbouncer/pgbouncer.ini (its server address rewritten), and a second one in session
  mode stands in for ``postgres:5432``; ``mailpit`` is an aiosmtpd server; ``web`` is nginx
  with infra/nginx/default.conf. Host names become 127.0.0.1 and each service gets a port
  of its own (they all listen on 8000 in compose);
* services start in compose's order, each waiting for its ``depends_on`` conditions (the
  compose healthchecks, run as commands; the migrate job's exit code).

Then a journey passes through the gateway, and ``/api/<service>/metrics`` is refused there.
"""

import os
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import make_url

from services.platform.database import DatabaseServer, drop_database, ensure_database
from services.platform.fleet import executable, free_ports, run_as_for, stop_process
from services.shared.settings import PROJECT_ROOT
from tests.deploy.compose import Service, load_compose, runtime_stage, services, start_order
from tests.platform.journey import run_journey

pytestmark = pytest.mark.processes
PYTHON_DOCKERFILE = "infra/docker/python.Dockerfile"
FRONTEND_DOCKERFILE = "infra/docker/frontend.Dockerfile"
# What the Dockerfile copies into /app.
APP_FILES = ("pyproject.toml", "uv.lock", "alembic.ini", "services", "infra/migrations")
READY_SECONDS = 60.0
# The image's interpreter stands for python:3.11-slim's: one every user may run (the
# project's .venv may point into root's home).
SYSTEM_PYTHON = "/usr/bin/python3.11"


@dataclass
class Sandbox:
    """Where the container paths and host names of compose live here."""

    root: Path
    app: Path
    venv: Path
    uid: int
    gid: int
    ports: dict[str, int] = field(default_factory=dict)  # "host:port" in compose → local port
    volumes: dict[str, Path] = field(default_factory=dict)

    def address(self, host_port: str) -> str:
        return f"127.0.0.1:{self.ports[host_port]}"

    def command(self, service: Service, command: list[str]) -> list[str]:
        """The compose command here: its words translated, and the port it serves on (8000
        for every service in compose) this service's own."""
        words = [self.translate(word, service) for word in command]
        for index, word in enumerate(words[:-1]):
            if word == "--port" and words[index + 1] == "8000":
                words[index + 1] = str(self.ports[f"{service.name}:8000"])
        return words

    def environment(self, service: Service) -> dict[str, str]:
        """The compose environment here; a ``*_PORT`` the service listens on (the worker's
        metrics port) becomes its port of the sandbox."""
        environment = {}
        for key, value in service.environment.items():
            own = f"{service.name}:{value}"
            if key.endswith("_PORT") and own in self.ports:
                environment[key] = str(self.ports[own])
            else:
                environment[key] = self.translate(value, service)
        return environment

    def translate(self, value: str, service: Service | None = None) -> str:
        """A compose value (URL, path, command word) as it reads in this sandbox."""
        for host_port in sorted(self.ports, key=len, reverse=True):
            value = value.replace(host_port, self.address(host_port))
        if service is not None:
            for name, target in service.volumes.items():
                value = value.replace(target, str(self.volumes[name]))
            # The container's own address: its port in this sandbox.
            own = f"{service.name}:8000" if f"{service.name}:8000" in self.ports else None
            if own:
                value = value.replace("127.0.0.1:8000", self.address(own))
            if service.name == "worker":
                value = value.replace("127.0.0.1:9100", self.address("worker:9100"))
        value = value.replace("/opt/venv", str(self.venv)).replace("0.0.0.0", "127.0.0.1")  # noqa: S104
        return re.sub(r"(?<![\w/])/app(?=/|$)", str(self.app), value)


def _read_only(tree: Path) -> None:
    for path in [tree, *tree.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode):
            path.chmod(stat.S_IMODE(mode) & ~0o222)


def _writable_again(tree: Path) -> None:
    for path in [tree, *tree.rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.lstat().st_mode) | 0o200)


def _build_image_tree(root: Path) -> tuple[Path, Path]:
    """/app and /opt/venv as the Dockerfile's stages build them."""
    app = root / "app"
    for name in APP_FILES:
        source, target = PROJECT_ROOT / name, app / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    venv = root / "opt-venv"
    subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "uv"), "sync", "--locked", "--no-dev", "--quiet"],
        cwd=app,
        env={
            **os.environ,
            "UV_PROJECT_ENVIRONMENT": str(venv),
            "UV_PYTHON": SYSTEM_PYTHON,
            "UV_PYTHON_DOWNLOADS": "never",
            "UV_COMPILE_BYTECODE": "1",
            "VIRTUAL_ENV": "",
        },
        check=True,
        timeout=120,
    )
    shutil.rmtree(app / ".venv", ignore_errors=True)
    subprocess.run(  # the Dockerfile's own `python -m compileall -q services infra/migrations`
        [str(venv / "bin" / "python"), "-m", "compileall", "-q", "services", "infra/migrations"],
        cwd=app,
        check=True,
        timeout=120,
    )
    _read_only(app)
    return app, venv


def _pgbouncer(sandbox: Sandbox, server_db: str, socket_dir: str, admin: str, mode: str) -> Path:
    """infra/pgbouncer/pgbouncer.ini with its server address (and, for the stand-in of
    PostgreSQL itself, its pool mode) rewritten; returns the folder of its files."""
    folder = sandbox.root / f"pgbouncer-{mode}"
    folder.mkdir()
    shutil.copy(PROJECT_ROOT / "infra" / "pgbouncer" / "userlist.txt", folder / "userlist.txt")
    ini = (PROJECT_ROOT / "infra" / "pgbouncer" / "pgbouncer.ini").read_text()
    port = sandbox.ports["pgbouncer:6432" if mode == "transaction" else "postgres:5432"]
    ini = ini.replace(
        "rsi = host=postgres port=5432 dbname=rsi",
        f"rsi = host={socket_dir} port=5432 dbname={server_db} user={admin}",
    )
    ini = ini.replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
    ini = ini.replace("listen_port = 6432", f"listen_port = {port}")
    ini = ini.replace("/etc/pgbouncer/userlist.txt", str(folder / "userlist.txt"))
    ini = ini.replace("pool_mode = transaction", f"pool_mode = {mode}")
    (folder / "pgbouncer.ini").write_text(ini)
    return folder


def _nginx_config(sandbox: Sandbox) -> Path:
    folder = sandbox.root / "nginx"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "index.html").write_text("<!doctype html><title>RSI</title>\n")
    server = (PROJECT_ROOT / "infra" / "nginx" / "default.conf").read_text()
    server = server.replace("listen 80 default_server;", f"listen {sandbox.address('web:80')};")
    server = server.replace("root  /usr/share/nginx/html;", f"root {folder / 'html'};")
    server = server.replace("/var/log/nginx/access.log", str(folder / "access.log"))
    # The image's entrypoint fills the template from the Dockerfile's ENV (compose sets none).
    for variable, value in runtime_stage(FRONTEND_DOCKERFILE).env.items():
        server = server.replace(f"${{{variable}}}", value)
    for name in ("identity", "targeting", "interviews", "surveys", "reporting"):
        server = server.replace(f"{name}:8000;", f"{sandbox.address(f'{name}:8000')};")
    temp = folder / "temp"
    config = folder / "nginx.conf"
    config.write_text(
        f"""worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
{server}
}}
"""
    )
    temp.mkdir()
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, sandbox.uid, sandbox.gid)
    return config


def _until(what: str, ready: Callable[[], bool], process: subprocess.Popen[bytes] | None) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while not ready():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what} exited with {process.returncode}")
        assert time.monotonic() < deadline, f"{what} is not healthy"
        time.sleep(0.25)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class _Inbox:
    """The mail catcher's SMTP handler: keeps what it is sent."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append(bytes(getattr(envelope, "content", b"")))
        return "250 OK"


# Stand-ins whose health is their port answering (their images' own checks).
STAND_INS = {"postgres": "postgres:5432", "pgbouncer": "pgbouncer:6432", "mailpit": "mailpit:1025"}


class ComposeRun:
    """Starts the compose services in order, as processes of the sandbox."""

    def __init__(self, sandbox: Sandbox, stack: ExitStack, logs: Path) -> None:
        self.sandbox, self.stack, self.logs = sandbox, stack, logs
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.as_user: dict[str, Any] = {
            "user": sandbox.uid,
            "group": sandbox.gid,
            "extra_groups": [],
        }

    def start(self, what: str, argv: list[str], **options: Any) -> None:
        log = open(self.logs / f"{what}.log", "wb")  # noqa: SIM115 (the child keeps it)
        self.stack.callback(log.close)
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, **options)
        self.stack.callback(stop_process, process)
        self.processes[what] = process

    def log(self, what: str) -> str:
        return (self.logs / f"{what}.log").read_text(errors="replace")[-3000:]

    def healthy(self, service: Service) -> bool:
        if service.name in STAND_INS:
            return _listening(self.sandbox.ports[STAND_INS[service.name]])
        if service.name == "web":
            return _gateway_up(self.sandbox)
        check = service.healthcheck
        assert check is not None, f"{service.name} has no healthcheck"
        argv = [self.sandbox.translate(part, service) for part in check]
        if argv[0] == "python":
            argv[0] = str(self.sandbox.venv / "bin" / "python")
        return subprocess.run(argv, capture_output=True, timeout=10, **self.as_user).returncode == 0

    def wait_for(self, dependency: Service, condition: str) -> None:
        if condition == "service_healthy":
            try:
                _until(
                    dependency.name,
                    lambda: self.healthy(dependency),
                    self.processes.get(dependency.name),
                )
            except AssertionError as exc:
                log = self.log(dependency.name) if dependency.name in self.processes else ""
                raise AssertionError(f"{exc}; its log ends with:\n{log}") from None
        elif condition == "service_completed_successfully":
            code = self.processes[dependency.name].wait(timeout=READY_SECONDS)
            assert code == 0, self.log(dependency.name)


def _gateway_up(sandbox: Sandbox) -> bool:
    try:
        return (
            httpx.get(f"http://{sandbox.address('web:80')}/healthz", timeout=2).status_code == 200
        )
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def compose_platform(
    database_server: DatabaseServer,
) -> Iterator[tuple[Sandbox, ComposeRun, _Inbox]]:
    if os.geteuid() != 0:
        pytest.skip("runs the processes as the image's user: needs root")
    if not Path(SYSTEM_PYTHON).exists():
        pytest.skip(f"needs Debian's Python 3.11 ({SYSTEM_PYTHON}) for the image's interpreter")
    # As in a .env file next to docker-compose.yml: a small demo population.
    every = services(load_compose({"RSI_SEED_POPULATION": "300"}))
    image = runtime_stage(PYTHON_DOCKERFILE)
    root = Path(tempfile.mkdtemp(prefix="rsi-compose-"))
    root.chmod(0o755)
    database = f"rsi_compose_{os.getpid()}"
    url = make_url(ensure_database(database_server, database))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, root, ignore_errors=True)
        stack.callback(_writable_again, root)
        stack.callback(drop_database, database_server, database)
        app, venv = _build_image_tree(root)
        endpoints = [*STAND_INS.values(), "web:80", "worker:9100"]
        endpoints += [f"{s}:8000" for s, svc in every.items() if svc.builds == PYTHON_DOCKERFILE]
        ports = dict(zip(endpoints, free_ports(len(endpoints)), strict=True))
        sandbox = Sandbox(root, app, venv, *image.user, ports=ports)
        for volume in load_compose()["volumes"]:
            folder = root / "volumes" / volume
            folder.mkdir(parents=True, mode=0o700)
            os.chown(folder, sandbox.uid, sandbox.gid)
            sandbox.volumes[volume] = folder
        tmp, home, logs = root / "tmpfs", root / "home", root / "logs"
        tmp.mkdir()
        tmp.chmod(0o1777)
        home.mkdir(mode=0o555)  # the user's home is in the image, read-only like the rest
        logs.mkdir()
        run = ComposeRun(sandbox, stack, logs)

        inbox = _Inbox()
        mail = Controller(inbox, hostname="127.0.0.1", port=ports["mailpit:1025"])
        mail.start()
        stack.callback(mail.stop)
        run_as = run_as_for(url)
        for mode, stand_in in (("session", "postgres"), ("transaction", "pgbouncer")):
            folder = _pgbouncer(sandbox, database, str(url.query["host"]), str(url.username), mode)
            for path in (folder, *folder.iterdir()):
                run_as.own(path)
            run.start(
                stand_in,
                [executable("pgbouncer"), str(folder / "pgbouncer.ini")],
                **run_as.popen_options(),
            )

        base_env = {
            **{key: sandbox.translate(value) for key, value in image.env.items()},
            "HOME": str(home),
            "TMPDIR": str(tmp),
        }
        for name in start_order(every):
            service = every[name]
            for dependency, condition in service.depends_on.items():
                run.wait_for(every[dependency], condition)
            if name in run.processes or name == "mailpit":
                continue
            if service.builds == PYTHON_DOCKERFILE:
                command = service.spec.get("command") or image.cmd
                environment = sandbox.environment(service)
                run.start(
                    name,
                    sandbox.command(service, command),
                    cwd=sandbox.translate(image.workdir),
                    env={**base_env, **environment},
                    **run.as_user,
                )
            elif name == "web":
                config = _nginx_config(sandbox)
                run.start(
                    "web",
                    [
                        executable("nginx"),
                        "-c",
                        str(config),
                        "-e",
                        str(config.parent / "error.log"),
                    ],
                    **run.as_user,
                )
        for service in every.values():
            if service.healthcheck is not None:
                run.wait_for(service, "service_healthy")
        yield sandbox, run, inbox


def test_the_platform_comes_up_healthy_and_a_journey_passes_through_the_gateway(
    compose_platform: tuple[Sandbox, ComposeRun, _Inbox],
) -> None:
    sandbox, run, _ = compose_platform
    gateway = f"http://{sandbox.address('web:80')}"
    journey = run_journey(lambda service: f"{gateway}/api/{service}")
    assert journey.members > 0
    # The import went through the files volume (its upload, removed once imported, leaves
    # its folder), the signing key and the link secret were written to theirs, by the
    # image's user.
    written = {name: list(folder.rglob("*")) for name, folder in sandbox.volumes.items()}
    assert written["identity-keys"] and written["link-keys"] and written["files"]
    for files in written.values():
        assert all(path.stat().st_uid == sandbox.uid for path in files)
    for name, process in run.processes.items():
        assert process.poll() is None or name == "migrate", f"{name} stopped: {run.log(name)}"


def test_metrics_are_scraped_inside_the_network_but_refused_at_the_gateway(
    compose_platform: tuple[Sandbox, ComposeRun, _Inbox],
) -> None:
    sandbox, _, _ = compose_platform
    gateway = f"http://{sandbox.address('web:80')}"
    for service in ("identity", "targeting", "interviews", "surveys", "reporting"):
        assert httpx.get(f"{gateway}/api/{service}/metrics").status_code == 404
        direct = httpx.get(f"http://{sandbox.address(f'{service}:8000')}/metrics")
        assert direct.status_code == 200 and "rsi_http_requests_total" in direct.text
    worker = httpx.get(f"http://{sandbox.address('worker:9100')}/metrics")
    assert worker.status_code == 200 and "rsi_queue_jobs" in worker.text


def test_nothing_was_written_in_the_code_tree(
    compose_platform: tuple[Sandbox, ComposeRun, _Inbox],
) -> None:
    sandbox, _, _ = compose_platform
    assert not [p for p in sandbox.app.rglob("*") if p.stat().st_uid == sandbox.uid]
