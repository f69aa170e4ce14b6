"""Mounts every app's router on the one API. Apps add themselves here."""

from urbanforum.accounts.api import router as accounts_router
from urbanforum.cities.api import router as cities_router
from urbanforum.core.api import api
from urbanforum.core.audit_api import router as audit_router

api.add_router("", cities_router)
api.add_router("", accounts_router)
api.add_router("", audit_router)

__all__ = ["api"]
