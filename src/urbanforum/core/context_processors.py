from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from urbanforum import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {"URBANFORUM_VERSION": __version__, "LANGUAGES": settings.LANGUAGES}
