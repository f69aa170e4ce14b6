"""`urbanforum serve` starts the production server (gunicorn + WhiteNoise, DEBUG off)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_in_production_mode(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"URBANFORUM_DEV", "DEBUG"}},
        "URBANFORUM_TESTING": "0",
        "SECRET_KEY": "test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "URBANFORUM_VAR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "urbanforum",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as r:
                    body = r.read().decode()
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert '"status": "ok"' in body or '"status":"ok"' in body, body
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/css/urbanforum.css", timeout=5
        ) as r:
            assert r.status == 200 and b"--primary" in r.read()
        assert (tmp_path / "static" / "staticfiles.json").exists()  # hashed names for caching
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "Booting worker" in out or "Listening at" in out, out[-2000:]


def test_serve_preloads_the_warmed_app_and_sets_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The master loads and warms the app once (--preload) and a worker may take two minutes
    (or URBANFORUM_SERVE_TIMEOUT / --timeout) before gunicorn restarts it."""
    import gunicorn.app.wsgiapp

    import urbanforum.__main__ as cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "_django", lambda argv: 0)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["urbanforum"])
    monkeypatch.delenv("URBANFORUM_SERVE_TIMEOUT", raising=False)
    cli._serve(["--workers", "3"])
    argv = seen[-1]
    assert "--preload" in argv
    assert argv[argv.index("--timeout") + 1] == "120"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[-1] == "urbanforum.wsgi:application"
    monkeypatch.setenv("URBANFORUM_SERVE_TIMEOUT", "300")
    cli._serve([])
    assert seen[-1][seen[-1].index("--timeout") + 1] == "300"
    cli._serve(["--timeout", "45"])
    assert seen[-1][seen[-1].index("--timeout") + 1] == "45"


def test_the_wsgi_module_warms_the_url_configuration() -> None:
    """Importing the WSGI module (what --preload does in the master) imports the URL
    configuration and the API, so no worker pays for it on its first request."""
    code = (
        "import sys, urbanforum.wsgi; "
        "print('urbanforum.urls' in sys.modules, 'urbanforum.api' in sys.modules)"
    )
    # (the matching index's warm-up: tests/matching/test_store.py)
    env = {**os.environ, "URBANFORUM_DEV": "1", "URBANFORUM_WARM_MATCHING": "0"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["True", "True"]
    env["URBANFORUM_WARM"] = "0"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]
