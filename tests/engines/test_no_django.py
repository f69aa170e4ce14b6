"""Each engine imports without Django (or any app): it is pure Python on numpy/pandas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

# Run in a fresh interpreter where importing Django (or any urbanforum app) raises.
PROBE = """
import importlib.abc, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        app = name.split(".")[1] if name.startswith("urbanforum.") else ""
        if top in ("django", "ninja", "rules") or (app and app != "engines"):
            raise ImportError(f"the engine imported {name}")
        return None

sys.meta_path.insert(0, Refuse())
module = __import__("urbanforum.engines.%s", fromlist=["*"])
for name in getattr(module, "__all__", []):
    getattr(module, name)
assert not [m for m in sys.modules if m.split(".")[0] == "django"], "django was imported"
print("ok")
"""


@pytest.mark.parametrize("engine", ["benchmark", "matching"])
def test_engine_imports_without_django(engine: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE % engine],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_probe_catches_a_django_import() -> None:
    """The probe itself fails when a module imports Django (so the test above can fail)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.replace('"urbanforum.engines.%s"', '"django.db"')],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "the engine imported django" in result.stderr
