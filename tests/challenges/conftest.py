from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.practices.kb import (  # noqa: F401  (fixtures: fake_embedder is autouse)
    KB,
    benchmark,
    build,
    fake_embedder,
)


@pytest.fixture
def kb(world: World) -> KB:
    return build(world)


@pytest.fixture
def client_for(kb: KB) -> Any:
    return kb.world.client
