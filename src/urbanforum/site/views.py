"""The home page (the network at a glance) and the workspace (a city officer's city, a
coordinator's network, in the five steps)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.accounts.http import AuthedRequest
from urbanforum.site import selectors
from urbanforum.site.selectors import overview


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", dict(overview()))


@login_required
def workspace(request: AuthedRequest) -> HttpResponse:
    found = selectors.workspace(user=request.user, city_slug=request.GET.get("city", ""))
    if found.kind == "none":
        return render(
            request,
            "site/workspace_join.html",
            {"help": selectors.join_help(), "workspace": found},
        )
    return render(request, "site/workspace.html", {"workspace": found})
