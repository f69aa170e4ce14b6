"""The home page: the network at a glance (cities on the map, organisations)."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.accounts.models import Organisation
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_map_points


def home(request: HttpRequest) -> HttpResponse:
    bsr = City.objects.filter(is_bsr=True)
    context = {
        "city_count": City.objects.count(),
        "bsr_count": bsr.count(),
        "country_count": City.objects.values("country").distinct().count(),
        "organisation_count": Organisation.objects.count(),
        "largest": bsr.exclude(population=None).order_by("-population")[:12],
        "map_points": city_map_points(
            qs=bsr.exclude(population=None).order_by("-population"), limit=400
        ),
        "by_country": bsr.values("country").annotate(n=Count("id")).order_by("-n"),
    }
    return render(request, "site/home.html", context)
