"""The site's URLs plus views that fail, for the error-page tests (ROOT_URLCONF override)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from urbanforum.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only the lead buyer can open the bids.")


def refuse_silently(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("malformed")


urlpatterns = [
    path("test-errors/boom/", boom),
    path("test-errors/refuse/", refuse),
    path("test-errors/refuse-silently/", refuse_silently),
    path("test-errors/bad/", bad),
    path("api/v1/test-errors/refuse/", refuse),
    *urlpatterns,
]
