from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.practices.kb import KB, build, fake_embedder  # noqa: F401  (autouse fixture)


@pytest.fixture
def kb(world: World) -> KB:
    return build(world)


@pytest.fixture
def client_for(kb: KB) -> Any:
    return kb.world.client
