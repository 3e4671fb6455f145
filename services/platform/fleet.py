"""Several processes of every service on this machine, wired as in production: PgBouncer in
transaction pooling mode in front of PostgreSQL, each service's replicas behind one nginx
(``/api/<service>/…``, as the SPA's one URL), and the services reaching their peers and the
issuer's keys through that nginx.

The processes are data: ``PROCESSES`` maps a kind to its command and how many to run. A
command holding ``PORT`` serves HTTP: each of its processes gets a port of its own, sits in
the nginx upstream of its kind and is ready when ``/readyz`` answers 200. A command without it
(a worker) gets no port and no route, and is ready once it has stayed up for a second.

    with running_fleet(database_url, run_dir) as fleet:
        httpx.get(fleet.url("targeting") + "/caisses", headers=…)
        fleet.kill("targeting", 0)          # SIGKILL, nginx sends the next requests to -1
        fleet.restart("targeting", 0)       # same port, back when /readyz says so

PgBouncer and nginx are Debian's packages (``scripts/test.sh`` installs them), run as child
processes of this one with generated configuration files in ``run_dir``, on free ports; as
root they run as an unprivileged user (the owner of the database's socket folder, so that
PgBouncer reaches it, else ``nobody``) and ``run_dir`` belongs to that user.
"""

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import URL, make_url

from services.platform.stack import (
    SERVICES,
    StackConfig,
    service_environment,
    uvicorn_command,
    wait_until_up,
)
from services.shared.security_headers import SECURITY_HEADERS
from services.shared.settings import PROJECT_ROOT, DbPooler

PORT = "{port}"
Command = tuple[str, ...]

RSI = str(Path(sys.executable).parent / "rsi")
# kind → (command, how many processes).
PROCESSES: dict[str, tuple[Command, int]] = {
    **{service: (tuple(uvicorn_command(service, PORT)), 2) for service in SERVICES},
    "worker": ((RSI, "worker"), 2),
}

PGBOUNCER_USER = "rsi"
WORKER_GRACE_SECONDS = 1.0
# Ten processes importing at once on two cores (maybe busy with more) take a while.
READY_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 10.0


def with_count(
    processes: Mapping[str, tuple[Command, int]], count: int
) -> dict[str, tuple[Command, int]]:
    """The same kinds, ``count`` processes of each."""
    return {kind: (command, count) for kind, (command, _) in processes.items()}


def executable(name: str) -> str:
    """A Debian package's program (``/usr/sbin`` is not on every PATH)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise RuntimeError(f"{name} is not installed (scripts/test.sh installs it: apt-get)")
    return found


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 (held together while chosen)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


# Unprivileged helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class RunAs:
    """Who PgBouncer and nginx run as: this process's user, or, as root, ``user``."""

    user: pwd.struct_passwd | None

    def popen_options(self) -> dict[str, Any]:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def own(self, path: Path) -> None:
        if self.user is not None:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)


def run_as_for(database_url: URL) -> RunAs:
    if os.geteuid() != 0:
        return RunAs(None)
    socket_dir = database_url.query.get("host")
    if isinstance(socket_dir, str) and socket_dir.startswith("/"):
        return RunAs(pwd.getpwuid(Path(socket_dir).stat().st_uid))
    return RunAs(pwd.getpwnam("nobody"))


def _write(path: Path, text: str, run_as: RunAs) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    run_as.own(path)
    return path


# PgBouncer --------------------------------------------------------------------------------


@dataclass
class PgBouncer:
    process: subprocess.Popen[bytes]
    port: int
    url: str  # the services' DATABASE_URL: this PgBouncer, as PGBOUNCER_USER
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def pgbouncer_config(
    database_url: URL, run_dir: Path, port: int, pool_size: int
) -> tuple[str, str, str]:
    """The ini, the auth_file and the clients' password of a PgBouncer in front of the
    database of ``database_url`` (a unix socket folder in ``?host=`` or a host and port)."""
    host = database_url.query.get("host") or database_url.host or "127.0.0.1"
    assert isinstance(host, str)
    server = [
        f"host={host}",
        f"port={database_url.port or 5432}",
        f"dbname={database_url.database}",
        f"user={database_url.username}",
    ]
    if database_url.password:
        server.append(f"password={database_url.password}")
    password = secrets.token_urlsafe(18)
    ini = f"""\
[databases]
{database_url.database} = {" ".join(server)}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {run_dir / "pgbouncer-users.txt"}
pool_mode = transaction
max_client_conn = 2000
default_pool_size = {pool_size}
max_db_connections = {pool_size}
; Statements of a transaction that ended (asyncpg closes a statement only when it prepares
; the next one, maybe on another server connection) go with the server connection's reset.
server_reset_query = DEALLOCATE ALL
server_reset_query_always = 1
ignore_startup_parameters = extra_float_digits
logfile = {run_dir / "pgbouncer.log"}
log_connections = 0
log_disconnections = 0
"""
    users = f'"{PGBOUNCER_USER}" "{password}"\n'
    return ini, users, password


def start_pgbouncer(
    database_url: str, run_dir: Path, run_as: RunAs, *, pool_size: int = 20
) -> PgBouncer:
    """A PgBouncer (transaction pooling) for ``database_url``'s database; ready on return."""
    target = make_url(database_url)
    (port,) = free_ports(1)
    ini, users, password = pgbouncer_config(target, run_dir, port, pool_size)
    _write(run_dir / "pgbouncer-users.txt", users, run_as)
    config = _write(run_dir / "pgbouncer.ini", ini, run_as)
    with open(run_dir / "pgbouncer.stderr", "wb") as stderr:
        process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            [executable("pgbouncer"), str(config)],
            cwd=run_dir,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            **run_as.popen_options(),
        )
    url = URL.create(
        "postgresql+asyncpg",
        username=PGBOUNCER_USER,
        password=password,
        host="127.0.0.1",
        port=port,
        database=target.database,
    ).render_as_string(hide_password=False)
    bouncer = PgBouncer(process, port, url, run_dir / "pgbouncer.log")
    _wait_for_port(port, process, "pgbouncer", run_dir / "pgbouncer.stderr")
    return bouncer


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}): {log.read_text()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port}")


# nginx ------------------------------------------------------------------------------------

# Idle connections to a replica are closed by nginx before uvicorn closes them (after 5 s, its
# --timeout-keep-alive): the other way round, a request nginx writes on a connection uvicorn
# is closing is reset, and a POST (already sent, so never passed over) is a 502 for its client.
UPSTREAM_KEEPALIVE_SECONDS = 4
# A replica that failed is left out this long, then tried again (until it answers).
FAIL_TIMEOUT_SECONDS = 2

ACCESS_LOG_FORMAT = (
    '{"msec":$msec,"request_id":"$http_x_request_id","method":"$request_method",'
    '"uri":"$request_uri","status":$status,"request_time":$request_time,'
    '"upstream_addr":"$upstream_addr","upstream_status":"$upstream_status"}'
)


def nginx_config(run_dir: Path, port: int, upstreams: Mapping[str, Sequence[int]]) -> str:
    """One server on ``port``: ``/api/<kind>/<path>`` → ``<path>`` on a replica of the kind.
    A replica that refuses the connection, fails or answers 502 is passed over for the next
    (``proxy_next_upstream``), for any request not yet sent; a request already sent to it is
    retried only if idempotent (nginx's rule), so a POST in flight on a killed replica is a
    502 for its client."""
    blocks = []
    for kind, ports in upstreams.items():
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_TIMEOUT_SECONDS}s;"
            for p in ports
        )
        keepalive = f"keepalive 32;\n        keepalive_timeout {UPSTREAM_KEEPALIVE_SECONDS}s;"
        blocks.append(f"    upstream rsi_{kind} {{\n{servers}\n        {keepalive}\n    }}")
    locations = "\n".join(
        f"""        location ^~ /api/{kind}/ {{
            rewrite ^/api/{kind}(/.*)$ $1 break;
            proxy_pass http://rsi_{kind};
        }}
        location = /api/{kind}/metrics {{ return 404; }}"""
        for kind in upstreams
    )
    temp = run_dir / "nginx-temp"
    return f"""\
worker_processes 1;
daemon off;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "nginx-error.log"} warn;
events {{ worker_connections 2048; }}
http {{
    log_format rsi_fleet escape=json '{ACCESS_LOG_FORMAT}';
    access_log {run_dir / "nginx-access.log"} rsi_fleet;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
{chr(10).join(blocks)}
{_security_header_maps()}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 200m;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_next_upstream error timeout http_502;
        proxy_connect_timeout 2s;
        proxy_read_timeout 60s;
{_security_header_directives()}
{locations}
        location = /healthz {{ return 200 "ok\\n"; }}
    }}
}}
"""


def _snake(header: str) -> str:
    return header.lower().replace("-", "_")


def _security_header_maps() -> str:
    """A variable per security header: its value unless the upstream answer has it already
    (nginx adds no header whose value is empty), so each answer carries one copy: the
    service's own, or nginx's on what it answers itself (/healthz, a 502, a 404)."""
    return "\n".join(
        f'    map $upstream_http_{_snake(name)} $rsi_{_snake(name)} {{ "" "{value}"; default ""; }}'
        for name, value in SECURITY_HEADERS.items()
    )


def _security_header_directives() -> str:
    return "\n".join(
        f"        add_header {name} $rsi_{_snake(name)} always;" for name in SECURITY_HEADERS
    )


@dataclass
class Nginx:
    process: subprocess.Popen[bytes]
    port: int
    access_log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> list[dict[str, Any]]:
        """One record per request: msec (epoch seconds), request_id (the client's
        X-Request-ID), status, upstream_addr (``a, b`` when passed over to b)…"""
        if not self.access_log_path.exists():
            return []
        return [json.loads(line) for line in self.access_log_path.read_text().splitlines()]


def start_nginx(run_dir: Path, run_as: RunAs, upstreams: Mapping[str, Sequence[int]]) -> Nginx:
    (port,) = free_ports(1)
    temp = run_dir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    run_as.own(temp)
    config = _write(run_dir / "nginx.conf", nginx_config(run_dir, port, upstreams), run_as)
    stderr = run_dir / "nginx.stderr"
    with open(stderr, "wb") as errors:
        process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            [
                executable("nginx"),
                "-p",
                str(run_dir),
                "-e",
                str(run_dir / "nginx-error.log"),
                "-c",
                str(config),
            ],
            cwd=run_dir,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            **run_as.popen_options(),
        )
    _wait_for_port(port, process, "nginx", stderr)
    return Nginx(process, port, run_dir / "nginx-access.log")


# Replicas ---------------------------------------------------------------------------------


@dataclass
class Replica:
    """One process of a kind; ``process`` is replaced when it is restarted."""

    kind: str
    index: int
    command: Command
    port: int | None
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.index}"

    @property
    def address(self) -> str:
        """As nginx's ``$upstream_addr`` names it."""
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def argv(self) -> list[str]:
        return [part.replace(PORT, str(self.port)) for part in self.command]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Fleet:
    run_dir: Path
    database_url: str  # PostgreSQL itself (for checks)
    pgbouncer: PgBouncer
    nginx: Nginx
    env: dict[str, str]
    replicas: dict[str, list[Replica]] = field(default_factory=dict)

    @property
    def gateway(self) -> str:
        return self.nginx.url

    def url(self, service: str) -> str:
        """The service's base URL through nginx (``/api/<service>``)."""
        return f"{self.nginx.url}/api/{service}"

    def replica(self, kind: str, index: int = 0) -> Replica:
        return self.replicas[kind][index]

    def all_replicas(self) -> list[Replica]:
        return [replica for replicas in self.replicas.values() for replica in replicas]

    def served_kinds(self) -> list[str]:
        """The kinds behind nginx (those whose command has a port)."""
        return [kind for kind, replicas in self.replicas.items() if replicas[0].port is not None]

    def start(self, replica: Replica) -> None:
        if replica.alive:
            raise RuntimeError(f"{replica.name} is running")
        log = open(replica.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        replica.process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            replica.argv(),
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        replica.starts += 1

    def wait_ready(self, replica: Replica) -> None:
        """Until ``/readyz`` answers 200 (or, without a port, a second alive); a failure
        carries the end of the replica's log."""
        assert replica.process is not None
        try:
            if replica.port is not None:
                wait_until_up(
                    f"{replica.url}/readyz",
                    replica.process,
                    replica.name,
                    timeout=READY_TIMEOUT_SECONDS,
                )
                return
            time.sleep(WORKER_GRACE_SECONDS)
            if replica.process.poll() is not None:
                raise RuntimeError(f"{replica.name} exited with code {replica.process.returncode}")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}; its log ends with:\n{replica.log()[-3000:]}") from exc

    def kill(self, kind: str, index: int = 0) -> Replica:
        """SIGKILL (no graceful shutdown), and reaped."""
        replica = self.replica(kind, index)
        assert replica.process is not None
        replica.process.send_signal(signal.SIGKILL)
        replica.process.wait()
        return replica

    def restart(self, kind: str, index: int = 0) -> Replica:
        """Starts a stopped (or killed) replica again on its port and waits until ready."""
        replica = self.replica(kind, index)
        self.start(replica)
        self.wait_ready(replica)
        return replica

    def log(self, kind: str, index: int = 0) -> str:
        return self.replica(kind, index).log()

    def stop(self) -> None:
        replicas = self.all_replicas()
        for replica in replicas:
            if replica.alive:
                assert replica.process is not None
                replica.process.terminate()
        for replica in replicas:
            if replica.process is not None:
                try:
                    replica.process.wait(timeout=STOP_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    replica.process.kill()
                    replica.process.wait()


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it is still there after STOP_TIMEOUT_SECONDS."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_pgbouncer(database_url: str, *, pool_size: int = 20) -> Iterator[PgBouncer]:
    """A PgBouncer alone (transaction pooling) for ``database_url``'s database, its files in
    a temporary folder."""
    run_dir = Path(tempfile.mkdtemp(prefix="rsi-pgbouncer-"))
    try:
        run_as = run_as_for(make_url(database_url))
        run_as.own(run_dir)
        bouncer = start_pgbouncer(database_url, run_dir, run_as, pool_size=pool_size)
        try:
            yield bouncer
        finally:
            stop_process(bouncer.process)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


@contextmanager
def running_fleet(
    database_url: str,
    run_dir: Path | None = None,
    processes: Mapping[str, tuple[Command, int]] = PROCESSES,
    environment: Mapping[str, str] | None = None,
    *,
    pgbouncer_pool_size: int = 20,
) -> Iterator[Fleet]:
    """PgBouncer for the (migrated, seeded) database of ``database_url``, then nginx, then
    every process of ``processes``, all ready; everything stopped at the end. ``run_dir``
    (created, or emptied first) holds the configuration files and every log; without it, a
    temporary folder removed at the end. As root, ``run_dir``'s parents must be open to the
    unprivileged user. ``environment`` adds to (or overrides) the services' settings."""
    with ExitStack() as stack:
        if run_dir is None:
            run_dir = Path(tempfile.mkdtemp(prefix="rsi-fleet-"))
            stack.callback(shutil.rmtree, run_dir, ignore_errors=True)
        elif run_dir.exists():
            shutil.rmtree(run_dir)
        run_dir.mkdir(parents=True, exist_ok=True)
        run_as = run_as_for(make_url(database_url))
        run_as.own(run_dir)
        pgbouncer = start_pgbouncer(database_url, run_dir, run_as, pool_size=pgbouncer_pool_size)
        stack.callback(stop_process, pgbouncer.process)
        replicas: dict[str, list[Replica]] = {}
        http_kinds = [kind for kind, (command, _) in processes.items() if PORT in command]
        ports = iter(free_ports(sum(processes[kind][1] for kind in http_kinds)))
        for kind, (command, count) in processes.items():
            replicas[kind] = [
                Replica(
                    kind,
                    index,
                    command,
                    next(ports) if kind in http_kinds else None,
                    run_dir / f"{kind}-{index}.log",
                )
                for index in range(count)
            ]
        nginx = start_nginx(
            run_dir,
            run_as,
            {kind: [r.port for r in replicas[kind] if r.port is not None] for kind in http_kinds},
        )
        stack.callback(stop_process, nginx.process)
        data_dir = run_dir / "data"
        data_dir.mkdir()
        config = StackConfig(
            data_dir=data_dir, port_base=0, spa_port=0, build_spa=False, database_url=None
        )
        peers = {service: f"{nginx.url}/api/{service}" for service in SERVICES}
        env = {
            **service_environment(config, pgbouncer.url, peers),
            "RSI_DB_POOLER": DbPooler.PGBOUNCER_TRANSACTION.value,
            **(environment or {}),
        }
        fleet = Fleet(run_dir, database_url, pgbouncer, nginx, env, replicas)
        stack.callback(fleet.stop)
        for replica in fleet.all_replicas():
            fleet.start(replica)
        for replica in fleet.all_replicas():
            fleet.wait_ready(replica)
        httpx.get(f"{nginx.url}/healthz", timeout=5).raise_for_status()
        yield fleet
