"""A throwaway PostgreSQL cluster for the team-store tests (and ``bench_team_store.py``).

Uniquely named (not ``conftest``) so that test modules and the benchmark can import
it. :class:`ThrowawayCluster` runs ``initdb`` into a fresh temporary folder with the
Debian server binaries (``/usr/lib/postgresql/<version>/bin``, or ``$PG_BINDIR``),
starts it with ``pg_ctl`` on a free port of 127.0.0.1 only (its unix socket inside
that folder, trust authentication), and removes everything on :meth:`stop`. Run as
root, the server runs as the ``postgres`` user (``initdb`` refuses root).

The fixtures:

- ``pg_cluster`` (session): the running cluster, or a skip that says what to install
  (``apt-get install -y postgresql``); with ``WORKBENCH_REQUIRE_POSTGRES=1`` a missing
  server fails instead of skipping (for CI, where it must be there);
- ``pg_url`` (function): the URL of a fresh, empty schema in that cluster.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["ThrowawayCluster", "find_pg_bindir", "pg_cluster", "pg_url", "postgres_missing"]

SERVER_USER = "postgres"  # the OS account the server runs as when we are root


def find_pg_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``$PG_BINDIR``, else the newest Debian one, else PATH."""
    env = os.environ.get("PG_BINDIR")
    if env:  # an explicit choice: no fallback
        return Path(env) if (Path(env) / "initdb").is_file() and (Path(env) / "pg_ctl").is_file() else None
    candidates: list[Path] = []

    def _version(path: str) -> int:
        part = Path(path).parent.parent.name
        return int(part) if part.isdigit() else 0

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version, reverse=True)
    candidates += [Path(p).parent for p in debian]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def postgres_missing() -> str | None:
    """Why a throwaway cluster cannot start here, or ``None`` if it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed: pip install 'psycopg[binary]'"
    if find_pg_bindir() is None:
        return (
            "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); "
            "install them with: apt-get install -y postgresql"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root, but there is no '{SERVER_USER}' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayCluster:
    """A private PostgreSQL server on 127.0.0.1, deleted on :meth:`stop`.

    Parameters
    ----------
    durable
        Keep ``fsync`` on (as a real server); ``False`` (tests) trades crash safety of
        the throwaway data for speed.
    """

    def __init__(self, *, durable: bool = False) -> None:
        bindir = find_pg_bindir()
        if bindir is None:
            raise RuntimeError(postgres_missing() or "no PostgreSQL binaries")
        self.bindir = bindir
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="wb-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.user = SERVER_USER
        self._as_root = os.geteuid() == 0
        self._running = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:
            runuser = shutil.which("runuser")
            if runuser:
                cmd = [runuser, "-u", SERVER_USER, "--", *cmd]
            else:
                cmd = ["su", SERVER_USER, "-s", "/bin/sh", "-c", " ".join(map(_quote, cmd))]
        return subprocess.run(
            cmd, check=check, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )

    def start(self) -> ThrowawayCluster:
        """``initdb`` and start; returns ``self``."""
        if self._as_root:
            pw = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        init = self._run(
            "initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync", check=False,
        )  # fmt: skip
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        opts = [
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.root}",
            "-c max_connections=60",
            "-c shared_buffers=32MB",
        ]
        if not self.durable:
            opts += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        last = ""
        for _ in range(3):  # the free port may be taken between choosing and binding it
            self.port = _free_port()
            res = self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                "-o", " ".join([f"-p {self.port}", *opts]), "start", check=False,
            )  # fmt: skip
            if res.returncode == 0:
                self._running = True
                atexit.register(self.stop)
                return self
            last = res.stderr.strip() or res.stdout.strip()
            log = self.root / "server.log"
            if log.exists():
                last += "\n" + log.read_text(errors="replace")[-2000:]
        self.stop()
        raise RuntimeError(f"pg_ctl start failed: {last}")

    def url(self, database: str = "postgres", **params: str) -> str:
        """A ``postgresql://`` URL of a database of this cluster."""
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}" + (f"?{query}" if query else "")

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside a transaction (``CREATE DATABASE`` ...)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str | None = None, *, encoding: str = "UTF8") -> str:
        """A new empty database; its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING '{encoding}' LOCALE 'C'")
        return self.url(name)

    def create_schema(self, name: str | None = None) -> str:
        """A new empty schema in the ``postgres`` database; a URL whose search_path is it."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE SCHEMA "{name}"')
        return self.url(options=f"-csearch_path%3D{name}")

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder (idempotent)."""
        if self._running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop", check=False)
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[ThrowawayCluster]:
    """A running throwaway cluster for the whole session (skips when none can run)."""
    why = postgres_missing()
    if why:
        if os.environ.get("WORKBENCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"WORKBENCH_REQUIRE_POSTGRES=1 but {why}")
        pytest.skip(why)
    cluster = ThrowawayCluster()
    try:
        cluster.start()
    except RuntimeError as exc:
        if os.environ.get("WORKBENCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(str(exc))
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: ThrowawayCluster) -> str:
    """The URL of a fresh empty schema (its own tables) in the throwaway cluster."""
    return pg_cluster.create_schema()
