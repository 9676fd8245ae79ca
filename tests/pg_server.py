"""A real PostgreSQL server for the tests, started from the Debian server package's binaries.

The server runs in a temporary folder on a free local port and is stopped at the end. initdb and
postgres refuse to run as root, so as root (CI containers) they run as the unprivileged ``postgres``
user (or ``nobody``) through ``runuser``. Skips only when no PostgreSQL binaries are found AND
``KLIMATBOKSLUT_REQUIRE_POSTGRES`` is not set; ``.ci/run`` installs the package and sets the variable,
so in CI the PostgreSQL tests never skip silently.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def bindir() -> Path | None:
    """The folder of initdb and pg_ctl: $KLIMATBOKSLUT_PG_BIN, the Debian layout, or the PATH."""
    given = os.environ.get("KLIMATBOKSLUT_PG_BIN")
    candidates = [given] if given else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> tuple[list[str], str | None]:
    """The command prefix that runs the server unprivileged, and that user (None when not root)."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    pytest.fail("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


class Server:
    """A running server: ``url(user, database)`` and ``admin_url``."""

    def __init__(self, port: int, folder: Path, bindir: Path, prefix: list[str]):
        self.port, self.folder, self.bindir, self.prefix = port, folder, bindir, prefix

    def url(self, user: str = "postgres", database: str = "postgres", password: str | None = None) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "stop",
                        "-m", "immediate"], capture_output=True, timeout=60)


def start() -> Server:
    """Start a server (or skip / fail as the module docstring says)."""
    b = bindir()
    if b is None:
        if os.environ.get("KLIMATBOKSLUT_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required (KLIMATBOKSLUT_REQUIRE_POSTGRES is set) but initdb/pg_ctl were "
                        "not found (Debian: apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries not found (set KLIMATBOKSLUT_REQUIRE_POSTGRES to make this a failure)")
    prefix, user = _as_user()
    folder = Path(tempfile.mkdtemp(prefix="kb_pg_"))
    if user is not None:
        os.chmod(folder, 0o755)
        shutil.chown(folder, user=user)
    data = folder / "data"
    run = lambda *a: subprocess.run([*prefix, *a], capture_output=True, text=True, timeout=120)
    r = run(str(b / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
    if r.returncode:
        pytest.fail(f"initdb failed: {r.stderr}")
    port = _free_port()
    r = run(str(b / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "start", "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off")
    if r.returncode:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        pytest.fail(f"PostgreSQL did not start: {r.stderr} {log}")
    server = Server(port, folder, b, prefix)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    return server
