"""Mounts every app's router (the `router` in its api.py) on the one API under /api/v1/."""

import importlib
import importlib.util

from django.apps import apps

from urbanforum.core.api import api
from urbanforum.core.audit_api import router as audit_router
from urbanforum.core.translations.api import router as translations_router


def _mount() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("urbanforum."):
            continue
        if importlib.util.find_spec(f"{config.name}.api") is None:
            continue
        module = importlib.import_module(f"{config.name}.api")
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)
    api.add_router("", audit_router)
    api.add_router("", translations_router)


_mount()

__all__ = ["api"]
