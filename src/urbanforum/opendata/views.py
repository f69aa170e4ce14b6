"""The open-data pages: the dataset list with its downloads, the catalogue (Turtle, JSON-LD, and
content-negotiated), the files themselves, and a coordinator's "regenerate now"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.opendata import selectors, services

TURTLE = "text/turtle"
JSONLD = "application/ld+json"


def _release() -> selectors.Release:
    return selectors.release(services.dumps_ensure())


def index(request: HttpRequest) -> HttpResponse:
    rel = _release()
    site = services.site_url()
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": selectors.dataset_views(rel, site=site),
            "generated": parse_datetime(rel.manifest["generated"]),
            "can_regenerate": request.user.has_perm("opendata.regenerate"),
        },
    )


def _catalogue(fmt: str) -> HttpResponse:
    rel = _release()
    graph = selectors.catalogue_graph(rel, site=services.site_url())
    if fmt == "json-ld":
        body = graph.serialize(format="json-ld", encoding="utf-8")
        return HttpResponse(body, content_type=f"{JSONLD}; charset=utf-8")
    body = graph.serialize(format="turtle", encoding="utf-8")
    return HttpResponse(body, content_type=f"{TURTLE}; charset=utf-8")


def catalog_ttl(request: HttpRequest) -> HttpResponse:
    return _catalogue("turtle")


def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    return _catalogue("json-ld")


def _preferred(accept: str) -> str:
    """The first of Turtle, JSON-LD or HTML the Accept header prefers (by q, then order)."""
    offers = {
        TURTLE: "turtle",
        JSONLD: "json-ld",
        "application/json": "json-ld",
        "text/html": "html",
        "application/xhtml+xml": "html",
    }
    best, best_q = "turtle", -1.0
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        kind = offers.get(fields[0].lower())
        if kind and q > best_q and q > 0:
            best, best_q = kind, q - position * 1e-6
    return best


def catalog(request: HttpRequest) -> HttpResponse:
    """The catalogue at its stable URL: Turtle, JSON-LD or (for a browser) the page, by the
    Accept header; Turtle when nothing is asked for."""
    kind = _preferred(request.headers.get("Accept", ""))
    if kind == "html":
        response: HttpResponse = redirect("opendata:index")
    else:
        response = _catalogue(kind)
    response["Vary"] = "Accept"
    return response


def download(request: HttpRequest, name: str) -> FileResponse:
    """Exactly the file the catalogue names (from the generation being served)."""
    rel = _release()
    path = selectors.file_path(rel, name)
    if path is None:
        raise Http404
    return FileResponse(
        open(path, "rb"),  # FileResponse closes it
        content_type=selectors.media_type_of(rel, name),
        as_attachment=not name.endswith((".ics", ".json")),
        filename=name,
    )


@login_required
@require_POST
def regenerate(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("opendata.regenerate"):
        raise PermissionDenied
    services.dumps_regenerate(actor=request.user)
    messages.success(request, _("The open data will be regenerated in the background."))
    return redirect("opendata:index")


def dataset(request: HttpRequest, slug: str) -> HttpResponse:
    """A dataset's IRI in the catalogue resolves to its entry on the page."""
    rel = _release()
    if not any(d["slug"] == slug for d in rel.manifest["datasets"]):
        raise Http404
    return redirect(f"{reverse('opendata:index')}#{slug}")
