from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAINS, SDG_GOALS
from urbanforum.matching import selectors, services
from urbanforum.matching.models import ItemKind, SavedSearch

KIND_CHOICES = [(k, str(label)) for k, label in ItemKind.choices if k != ItemKind.CITY]
LANGUAGES = [
    ("fi", "suomi"),
    ("et", "eesti"),
    ("sv", "svenska"),
    ("pl", "polski"),
    ("de", "Deutsch"),
    ("lv", "latviešu"),
    ("lt", "lietuvių"),
    ("da", "dansk"),
    ("en", "English"),
]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def filters_from(params: Any) -> selectors.SearchFilters:
    lang = params.get("lang", "")
    return selectors.SearchFilters(
        text=params.get("q", "").strip(),
        kind=params.get("kind", "") if params.get("kind", "") in dict(KIND_CHOICES) else "",
        domain=params.get("domain", ""),
        sdg=_int(params.get("sdg")),
        country=params.get("country", "").upper(),
        language=lang if lang in dict(LANGUAGES) else None,
    )


def facets() -> dict[str, list[tuple[str, str]]]:
    from urbanforum.cities.models import City

    countries = sorted(
        set(City.objects.filter(good_practices__isnull=False).values_list("country", flat=True))
        | set(City.objects.filter(owned_challenges__isnull=False).values_list("country", flat=True))
    )
    return {
        "kind": KIND_CHOICES,
        "domain": list(DOMAINS),
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "lang": LANGUAGES,
    }


def search(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request.GET)
    results = selectors.search(user=request.user, filters=filters)
    context = {
        "filters": filters,
        "results": results,
        "facets": facets(),
        "searched": bool(filters.text or filters.domain or filters.sdg),
        "can_save": request.user.has_perm("matching.add_savedsearch"),
    }
    template = (
        "matching/_results.html" if request.headers.get("HX-Request") else "matching/search.html"
    )
    return render(request, template, context)


@login_required
def saved_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if request.method == "POST":
        try:
            services.saved_search_create(
                actor=user,
                name=request.POST.get("name", ""),
                query=request.POST.get("q", ""),
                kind=request.POST.get("kind", ""),
                domain=request.POST.get("domain", ""),
                sdg=_int(request.POST.get("sdg")),
                country=request.POST.get("country", ""),
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved. We will tell you when new content matches."))
        return redirect("matching:saved")
    return render(request, "matching/saved.html", {"saved": selectors.saved_searches(user=user)})


@login_required
@require_POST
def saved_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    saved = SavedSearch.objects.filter(pk=pk).first()
    if saved is None or not user.has_perm("matching.view_savedsearch", saved):
        raise Http404("No such saved search.")
    services.saved_search_delete(actor=user, saved=saved)
    messages.success(request, _("The saved search was deleted."))
    return redirect("matching:saved")
