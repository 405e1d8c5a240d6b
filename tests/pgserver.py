"""A throwaway PostgreSQL server for the tests and benchmarks: ``initdb`` + ``pg_ctl`` in a temporary folder.

Uses the Debian ``postgresql`` package's binaries (``installers/setup.sh --test``
installs it). The server listens on 127.0.0.1 on a free port with password
(SCRAM) authentication for TCP, so that a wrong password is a real refusal.
Run as root (CI), the server runs as the ``postgres`` system user, because
PostgreSQL refuses to run as root. ``fsync`` is off (a throwaway server's
files need not survive a power cut, only a killed server, which the
operating system's cache already gives); commits stay synchronous, so that a
server killed by a test keeps every transaction it reported as committed.

    python -m tests.pgserver start DIR   # prints the server's URL (user, password, port)
    python -m tests.pgserver stop DIR

The test suite reads ``ATMP_TEST_PG_URL`` (a URL of a role allowed to create
databases); without it, ``tests/conftest.py`` starts a server of its own when
the binaries are there.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

USER = "atmp_test"
PASSWORD = "throwaway-test-password"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def url(port: int, dbname: str = "postgres", password: str = PASSWORD) -> str:
    return f"postgresql://{USER}:{password}@127.0.0.1:{port}/{dbname}"


def _options(port: int, folder: Path, durable: bool) -> str:
    safety = "" if durable else "-c fsync=off -c full_page_writes=off "
    return (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
            f"{safety}-c max_connections=200 -c shared_buffers=128MB")


def start(folder: str | os.PathLike[str], durable: bool = False) -> str:
    """Create a cluster in *folder* (which must not hold one), start it, return its URL.

    *durable* keeps PostgreSQL's own defaults for fsync and full-page writes,
    as a ward's server has them (the benchmarks use it).
    """
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no pg_ctl); run 'bash installers/setup.sh --test' as root")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(pwfile, "postgres")
    subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, f"--pwfile={pwfile}",
                         "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                         "--no-instructions"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    port = _free_port()
    options = _options(port, folder, durable)
    subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                         "-o", options, "-w", "-t", "60", "start"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    (folder / "port").write_text(str(port))
    (folder / "durable").write_text("yes" if durable else "no")
    return url(port)


def stop(folder: str | os.PathLike[str], mode: str = "fast") -> None:
    bin_dir = binaries()
    data = Path(folder) / "data"
    if bin_dir is None or not data.exists():
        return
    subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"]),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(folder: str | os.PathLike[str], timeout: float = 30.0) -> str:
    """Start a stopped cluster again (after a kill, or one kept by a benchmark); wait for it; return its URL."""
    bin_dir = binaries()
    assert bin_dir is not None
    folder = Path(folder)
    port = int((folder / "port").read_text())
    if not _port_is_free(port):  # a kept cluster whose port another program took meanwhile
        port = _free_port()
        (folder / "port").write_text(str(port))
    durable = (folder / "durable").exists() and (folder / "durable").read_text() == "yes"
    options = _options(port, folder, durable)
    subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
                         "-o", options, "-w", "-t", str(int(timeout)), "start"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return url(port)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the PostgreSQL server in {folder} did not come up within {timeout:.0f} s")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: python -m tests.pgserver start|stop DIR", file=sys.stderr)
        return 2
    if argv[0] == "start":
        print(start(argv[1]))
    else:
        stop(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
