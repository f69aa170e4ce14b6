"""More than one server (issue 12, point 8): two `urbanforum serve` instances on different ports,
sharing one PostgreSQL database, one Redis and one media folder, behave as one site — a session
made on one works on the other, a file uploaded through one is served by the other, the log-in
rate limit counts across both, and each background task runs exactly once although two workers
compete for the queue.

Runs the real commands as separate processes (as an operator would), in production mode (no
URBANFORUM_TESTING: tasks go through the database queue)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import REPO, urbanforum

pytestmark = [pytest.mark.services, pytest.mark.slow]
PUBLIC_HOST = "forum.example.org"

SETUP = """
from allauth.account.models import EmailAddress
from urbanforum.accounts.models import Membership, Organisation, User
from urbanforum.community import services
org = Organisation.objects.create(name="Ops Town", kind="city_administration", country="FI")
for email in ("alice@ops.example", "bob@ops.example"):
    user = User.objects.create_user(email, "a-Strong-password-1")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
alice = User.objects.get(email="alice@ops.example")
Membership.objects.create(user=alice, organisation=org, role="admin", verified_via="admin")
group = services.group_create(actor=alice, name="Shared drive", visibility="private")
print("SETUP", org.slug, group.slug)
"""

RESULTS = """
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.filter(task_path="urbanforum.core.tasks.send_email")
for r in rows:
    print("TASK", r.status, len(r.worker_ids), r.worker_ids[0] if r.worker_ids else "-", r.args_kwargs["args"][2][0])
"""


BURST = """
from django.db import transaction
from urbanforum.core.tasks import send_email
with transaction.atomic():
    for email in {burst!r}:
        send_email.enqueue("Burst", "One of many.", [email])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """A tiny HTTP client with a cookie jar (the same jar for both servers: one person)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def request(
        self, url: str, data: dict[str, str] | None = None, files: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {}
        body: bytes | None = None
        if files:
            boundary = uuid.uuid4().hex
            body = _multipart(boundary, data or {}, files)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None and self.cookie("csrftoken"):
            headers["X-CSRFToken"] = self.cookie("csrftoken") or ""
        # Behind the reverse proxy every app server sees the public host name (allauth's
        # rate-limit keys and the CSRF check include it).
        headers["Host"] = PUBLIC_HOST
        req = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def csrf_get(self, url: str) -> str:
        status, _, body = self.request(url)
        assert status == 200, (url, status)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert match, url
        return match.group(1).decode()

    def log_in(self, base: str, email: str, password: str) -> tuple[int, bytes]:
        token = self.csrf_get(f"{base}/accounts/login/")
        status, _, body = self.request(
            f"{base}/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )
        return status, body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _multipart(boundary: str, data: dict[str, str], files: dict[str, Any]) -> bytes:
    parts = []
    for name, value in data.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def _env(tmp: Path, database_url: str, redis_url: str, name: str, run: str) -> dict[str, str]:
    (tmp / name).mkdir(exist_ok=True)
    return {
        "URBANFORUM_TESTING": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "two-servers-test-secret",
        "ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
        # This run's own keys in the shared Redis (its rate-limit counters start at zero).
        "URBANFORUM_CACHE_PREFIX": f"uf-test-{run}",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "URBANFORUM_VAR": str(tmp / name),  # each server its own local folder …
        "URBANFORUM_MEDIA_ROOT": str(tmp / "shared-media"),  # … and the shared uploads
        "URBANFORUM_STATIC_ROOT": str(tmp / "static"),
        "URBANFORUM_EMBEDDER": "fake",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "LOG_LEVEL": "WARNING",
    }


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    full.update({"PYTHONPATH": str(REPO / "src"), **env})
    return subprocess.Popen(
        [sys.executable, "-m", "urbanforum", *args],
        env=full,
        cwd=REPO,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with its gunicorn workers
    )


def _wait_up(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{base} exited: {log.read_text()[-3000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=5) as r,
        ):
            if r.status == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"{base} did not start: {log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def site(fresh_postgres: str, redis_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A fresh PostgreSQL database with two users and a private working group; two servers."""
    run = uuid.uuid4().hex[:12]
    env_a = _env(tmp_path, fresh_postgres, redis_url, "a", run)
    env_b = _env(tmp_path, fresh_postgres, redis_url, "b", run)
    migrated = urbanforum("migrate", "--noinput", env=env_a)
    assert migrated.returncode == 0, migrated.stderr
    setup = urbanforum("shell", "-c", SETUP, env=env_a)
    assert setup.returncode == 0, setup.stderr
    org, group = next(
        line for line in setup.stdout.splitlines() if line.startswith("SETUP")
    ).split()[1:]
    ports = free_port(), free_port()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        a = _spawn(
            ["serve", "--bind", f"127.0.0.1:{ports[0]}", "--workers", "2"],
            env_a,
            tmp_path / "a.log",
        )
        procs.append(a)
        _wait_up(f"http://127.0.0.1:{ports[0]}", a, tmp_path / "a.log")
        b = _spawn(
            ["serve", "--bind", f"127.0.0.1:{ports[1]}", "--workers", "2", "--no-collectstatic"],
            env_b,
            tmp_path / "b.log",
        )
        procs.append(b)
        _wait_up(f"http://127.0.0.1:{ports[1]}", b, tmp_path / "b.log")
        yield {
            "a": f"http://127.0.0.1:{ports[0]}",
            "b": f"http://127.0.0.1:{ports[1]}",
            "env_a": env_a,
            "env_b": env_b,
            "org": org,
            "group": group,
            "tmp": tmp_path,
            "procs": procs,
        }
    finally:
        for proc in procs:
            _stop(proc)


def test_two_servers_behave_as_one_site(site: dict[str, Any]) -> None:
    a, b, tmp = site["a"], site["b"], site["tmp"]

    # A session made on A is valid on B (sessions in the shared database, cached in Redis).
    alice = Browser()
    status, _ = alice.log_in(a, "alice@ops.example", "a-Strong-password-1")
    assert status == 302 and alice.cookie("sessionid")
    status, _, body = alice.request(f"{b}/profile/")
    assert status == 200 and b"alice@ops.example" in body
    status, headers, _ = Browser().request(f"{b}/profile/")
    assert status == 302 and "/accounts/login/" in headers["Location"]

    # A file uploaded through B lands in the shared storage and is served by A, to a session of A,
    # from a private group (so the download also needs the shared session).
    token = alice.csrf_get(f"{b}/community/groups/{site['group']}/")
    content = b"%PDF-1.4 minutes of the meeting " + uuid.uuid4().bytes
    status, _, _ = alice.request(
        f"{b}/community/groups/{site['group']}/documents/",
        {"csrfmiddlewaretoken": token, "document-title": "Minutes"},
        files={"document-file": ("minutes.pdf", content)},
    )
    assert status == 302
    assert [p.read_bytes() for p in (tmp / "shared-media").rglob("minutes*.pdf")] == [content]
    _, _, page = alice.request(f"{a}/community/groups/{site['group']}/")
    link = re.search(rb'href="(/community/documents/\d+/)"', page)
    assert link, page[:500]
    status, _, body = alice.request(a + link.group(1).decode())
    assert status == 200 and body == content
    assert Browser().request(a + link.group(1).decode())[0] in (302, 403, 404)

    # The log-in rate limit counts across both servers (allauth's counters in the shared Redis):
    # fail on A until A refuses; then B refuses too, even the right password, though B itself has
    # seen no failure (with a cache per process it would let the attempt through).
    mallory = Browser()
    failures = 0
    while failures < 30:
        status, body = mallory.log_in(a, "bob@ops.example", "wrong-password")
        assert status == 200
        if b"Too many failed login attempts" in body:
            break
        failures += 1
    assert 1 <= failures < 30
    status, body = Browser().log_in(b, "bob@ops.example", "a-Strong-password-1")
    assert status in (200, 429) and b"Too many failed login attempts" in body

    # Background tasks run once: two workers compete for the queue while both servers enqueue
    # invitation e-mails; each e-mail is sent exactly once and each task claimed by one worker
    # (which worker takes how many is up to the race, printed but not asserted).
    workers = [
        _spawn(
            ["worker", "--interval", "0.2", "--no-startup-delay", "--worker-id", name],
            env,
            tmp / f"{name}.log",
        )
        for name, env in (("worker-1", site["env_a"]), ("worker-2", site["env_b"]))
    ]
    site["procs"].extend(workers)
    members = f"/organisations/{site['org']}/members/"
    recipients = [f"invitee{i}@elsewhere.example" for i in range(16)]
    for i, email in enumerate(recipients):
        base = a if i % 2 == 0 else b
        token = alice.csrf_get(base + members)
        status, _, _ = alice.request(
            base + members, {"csrfmiddlewaretoken": token, "email": email, "role": "member"}
        )
        assert status == 302, (email, status)
    # … and a burst of 80 queued at once, so that both workers find work at the same moment
    burst = [f"burst{i}@elsewhere.example" for i in range(80)]
    queued = urbanforum("shell", "-c", BURST.format(burst=burst), env=site["env_b"])
    assert queued.returncode == 0, queued.stderr
    recipients += burst
    rows: list[list[str]] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        out = urbanforum("shell", "-c", RESULTS, env=site["env_a"])
        assert out.returncode == 0, out.stderr
        rows = [x.split()[1:] for x in out.stdout.splitlines() if x.startswith("TASK")]
        if len(rows) == len(recipients) and all(r[0] == "SUCCESSFUL" for r in rows):
            break
        time.sleep(1)
    for worker in workers:
        _stop(worker)
    assert sorted(r[3] for r in rows) == sorted(recipients)
    assert all(r[0] == "SUCCESSFUL" and r[1] == "1" for r in rows), rows
    assert {r[2] for r in rows} <= {"worker-1", "worker-2"}
    sent = "".join(p.read_text() for p in (tmp / "mail").glob("*.log"))
    for email in recipients:
        assert sent.count(f"To: {email}") == 1, email
    print("tasks per worker:", {w: sum(r[2] == w for r in rows) for w in ("worker-1", "worker-2")})
