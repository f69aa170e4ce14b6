from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.lists import render_list
from urbanforum.matching import selectors, services
from urbanforum.matching.forms import SavedSearchForm


def search(request: HttpRequest) -> HttpResponse:
    filters = selectors.SearchFilters.from_params(request.GET)
    context = {
        "filters": filters,
        "results": selectors.search(user=request.user, filters=filters),
        "facets": selectors.search_facets(),
        "searched": bool(filters.text or filters.domain or filters.sdg),
        "can_save": request.user.has_perm("matching.add_savedsearch"),
    }
    return render_list(
        request, template="matching/search.html", fragment="matching/_results.html", context=context
    )


@login_required
def saved_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        if form.is_valid():
            services.saved_search_create(actor=user, search=form.validated)
            messages.success(request, _("Saved. We will tell you when new content matches."))
        else:
            messages.error(request, "; ".join(form.error_messages()))
        return redirect("matching:saved")
    return render(request, "matching/saved.html", {"saved": selectors.saved_searches(user=user)})


@login_required
@require_POST
def saved_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    saved = selectors.saved_search_get(user=request.user, pk=pk)
    if saved is None:
        raise Http404(_("No such saved search."))
    services.saved_search_delete(actor=request.user, saved=saved)
    messages.success(request, _("The saved search was deleted."))
    return redirect("matching:saved")
