"""What the procurement screens share: the procurement behind a URL (404 when the user may not
see it) and the recipe of a write action (permission → service → message → back to the page)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation
from urbanforum.core.forms import flash_errors, keep_input
from urbanforum.procurement import selectors
from urbanforum.procurement.models import Bid, JointProcurement


def procurement_or_404(request: HttpRequest, ref: str) -> JointProcurement:
    p = selectors.procurement_visible(user=request.user, reference=ref)
    if p is None:
        raise Http404(_("No such procurement."))
    return p


def bid_or_404(p: JointProcurement, bid_id: str) -> Bid:
    bid = selectors.bid_get(procurement=p, bid_id=bid_id)
    if bid is None:
        raise Http404
    return bid


def message_errors(
    request: HttpRequest, exc: ValidationError, labels: Mapping[str, Any] | None = None
) -> None:
    """A service's errors as messages on the next page ("Field label: message")."""
    flash_errors(request, exc, labels)


def act(
    request: HttpRequest,
    p: JointProcurement,
    perm: str,
    call: Callable[[], object],
    done: str,
    labels: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Check `perm`, run the action (`call` parses its input and calls the service), say what
    happened, and go back to the procurement's page. `labels` name the posted fields as the
    page's form does, for the error messages."""
    if not request.user.has_perm(perm, p):
        raise PermissionDenied(_("You do not have permission to do this."))
    try:
        call()
    except ValidationError as exc:
        message_errors(request, exc, labels)
        keep_input(request)  # the page shows the form again with what was typed
    else:
        messages.success(request, done)
    return redirect("procurement:detail", ref=p.reference)


def posted(request: HttpRequest, *names: str) -> dict[str, str]:
    """The named fields of the POST (empty when not sent), to parse through the action's schema."""
    return {name: request.POST.get(name, "") for name in names}


def organisation_posted(request: HttpRequest, key: str = "organisation") -> Organisation:
    org = selectors.organisation_by_pk(request.POST.get(key))
    if org is None:
        raise PermissionDenied(_("Choose an organisation you act for."))
    return org
