"""The home page: the network at a glance (cities on the map, organisations)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.site.selectors import overview


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", dict(overview()))
