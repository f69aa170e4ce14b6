from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.http import current_user
from urbanforum.cities import selectors, services
from urbanforum.cities.models import City
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate


def _filters(request: HttpRequest) -> selectors.CityFilters:
    bsr = request.GET.get("bsr", "")
    return selectors.CityFilters(
        search=request.GET.get("q", "").strip(),
        country=request.GET.get("country", ""),
        size=request.GET.get("size", ""),
        region=request.GET.get("region", ""),
        bsr=True if bsr == "1" else (False if bsr == "0" else None),
        sort=request.GET.get("sort", "name"),
    )


def city_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    qs = selectors.city_list(filters=filters)
    page_info = paginate(qs, page=request.GET.get("page"), params=request.GET)
    context = {
        "page_info": page_info,
        "filters": filters,
        "facets": selectors.city_facets(),
        "map_points": city_map_points_for(page_info.items),
    }
    template = "cities/_results.html" if request.headers.get("HX-Request") else "cities/list.html"
    return render(request, template, context)


def city_map_points_for(cities: list[City]) -> list[dict[str, object]]:
    from django.urls import reverse

    return [
        {
            "name": c.name,
            "lat": c.latitude,
            "lon": c.longitude,
            "population": c.population,
            "url": reverse("cities:detail", args=[c.slug]),
        }
        for c in cities
        if c.latitude is not None
    ]


def city_profile_sections() -> list[str]:
    """Templates other apps contribute to the city profile (AppConfig.city_profile_templates).

    Each is included with `city` and `request` in its context; it loads its own template tags
    (inclusion tags calling the app's selectors), so cities never imports the other apps."""
    from django.apps import apps

    return [
        t
        for config in apps.get_app_configs()
        for t in getattr(config, "city_profile_templates", [])
    ]


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = selectors.city_get(ref=slug)
    if city is None:
        raise Http404("No such city.")
    context = {
        "city": city,
        "map_points": city_map_points_for([city]),
        "can_edit": request.user.has_perm("cities.change_city", city),
        "city_sections": city_profile_sections(),
    }
    return render(request, "cities/detail.html", context)


class CityForm(forms.Form):
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    local_names = forms.CharField(
        label=_("Local names"), required=False, help_text=_("Separated by commas.")
    )


@login_required
def city_edit(request: HttpRequest, slug: str) -> HttpResponse:
    city = selectors.city_get(ref=slug)
    if city is None:
        raise Http404("No such city.")
    if not request.user.has_perm("cities.change_city", city):
        raise PermissionDenied(
            "Only editors of the city's administration and coordinators can edit it."
        )
    initial = {"description": city.description, "local_names": ", ".join(city.local_names)}
    form = CityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.city_update(actor=current_user(request), city=city, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The city profile was saved."))
            return redirect("cities:detail", slug=city.slug)
    return render(request, "cities/edit.html", {"city": city, "form": form})
