"""README lists every setting the code reads from the environment."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names: set[str] = set()
    for path in [ROOT / "src/urbanforum/settings.py", ROOT / "src/urbanforum/__main__.py"]:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
        names |= set(re.findall(r'env_(?:bool|list)\("([A-Z_]+)"', text))
    assert names, "no setting found: the pattern is stale"
    missing = sorted(n for n in names if f"`{n}`" not in readme)
    assert missing == [], f"settings missing from README.md: {missing}"


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick, flags=re.M)
    assert commands == ["make run", "make test"]
