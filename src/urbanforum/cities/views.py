from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.cities import selectors, services
from urbanforum.cities.forms import CityForm
from urbanforum.cities.models import City
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page


def _city(slug: str) -> City:
    city = selectors.city_get(ref=slug)
    if city is None:
        raise Http404(_("No such city."))
    return city


def city_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.CityFilters,
        rows=lambda filters: selectors.city_list(filters=filters),
        facets=selectors.city_facets,
        template="cities/list.html",
        fragment="cities/_results.html",
    )


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city(slug)
    if city.slug != slug and (city.eurostat_code or "").lower() != slug.lower():
        return redirect("cities:detail", slug=city.slug, permanent=True)  # an old address
    context = {
        "city": city,
        "map_points": selectors.city_map_points_for([city]),
        "can_edit": request.user.has_perm("cities.change_city", city),
        "city_sections": selectors.city_profile_sections(),
    }
    return render(request, "cities/detail.html", context)


@login_required
def city_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    city = _city(slug)
    if city.slug != slug:
        return redirect("cities:edit", slug=city.slug, permanent=True)
    if not request.user.has_perm("cities.change_city", city):
        raise PermissionDenied(
            _("Only editors of the city's administration and coordinators can edit it.")
        )
    initial = {"description": city.description, "local_names": ", ".join(city.local_names)}
    form = CityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.city_update(actor=request.user, city=city, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The city profile was saved."))
            return redirect("cities:detail", slug=city.slug)
    return render(request, "cities/edit.html", {"city": city, "form": form})
