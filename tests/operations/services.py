"""Real services for the fault tests, each on a free port of its own, started and stopped
by the test: a throwaway PostgreSQL cluster, a Redis server and an SMTP server.

The machine's own PostgreSQL and Redis are never touched.
"""

import glob
import os
import shutil
import subprocess
import tempfile
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tests.support.network import free_port, port_open, wait_until  # noqa: F401

# --- Redis ------------------------------------------------------------------------------


class RedisServer:
    """redis-server on 127.0.0.1:<port>, in memory only."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), "Redis starting")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_until(lambda: not port_open(self.port), "Redis stopping")


@pytest.fixture(scope="module")
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


# --- PostgreSQL -------------------------------------------------------------------------


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    return found[-1]


class PostgresCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, trust authentication.

    initdb refuses to run as root, so as root the cluster belongs to the postgres user.
    """

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="fault-pg-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")

    def run(self, *command, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(  # noqa: S603
            [*prefix, *command], check=check, capture_output=True, text=True
        )

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create(self):
        self.run(
            postgres_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )

    def start(self):
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start",
        )

    def stop(self):
        self.run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        wait_until(lambda: not port_open(self.port), "PostgreSQL stopping")

    def destroy(self):
        self.run(
            postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def postgres_available():
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb") or shutil.which("initdb"))


# --- SMTP -------------------------------------------------------------------------------


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted for delivery"


class SMTPServer:
    """aiosmtpd on 127.0.0.1:<port>, which the test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        wait_until(lambda: not port_open(self.port), "the SMTP server stopping")


# --- what a page's form would send ------------------------------------------------------


def form_values(form):
    """{name: [values]} that a browser would send from this form (a BeautifulSoup tag)."""
    values = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            found = [field.get_text().lstrip("\n")]
        elif field.name == "select":
            found = [option.get("value", "") for option in field.select("option[selected]")]
        elif field.get("type") in ("checkbox", "radio"):
            found = [field.get("value", "on")] if field.has_attr("checked") else []
        elif field.get("type") in ("submit", "button", "file"):
            found = []
        else:
            found = [field.get("value", "")]
        values.setdefault(name, []).extend(found)
    return values


def assert_answers_kept(form, answers):
    """Every answer typed is in the form again, as the same values."""
    kept = form_values(form)
    for name, typed in answers.items():
        typed = typed if isinstance(typed, list) else [typed]
        shown = [value.replace("\r\n", "\n") for value in kept.get(name, [])]
        assert sorted(shown) == sorted(typed), f"{name}: typed {typed!r}, shown {shown!r}"
