from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.challenges import selectors, services
from urbanforum.challenges.forms import ChallengeCreateForm, ChallengeForm
from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.cities.models import City
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.core.taxonomy import DOMAIN_LABELS
from urbanforum.matching import selectors as matching
from urbanforum.matching import services as matching_services
from urbanforum.practices.views import creatable_cities


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def filters_from(params: Any) -> selectors.ChallengeFilters:
    return selectors.ChallengeFilters(
        search=params.get("q", "").strip(),
        domain=params.get("domain", ""),
        sdg=_int(params.get("sdg")),
        country=params.get("country", ""),
        size=params.get("size", ""),
        status=params.get("status", ""),
        city=params.get("city", ""),
    )


def challenge_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request.GET)
    qs = selectors.challenge_list(user=request.user, filters=filters)
    context = {
        "page_info": paginate(qs, page=request.GET.get("page"), params=request.GET),
        "filters": filters,
        "facets": selectors.challenge_facets(),
        "can_add": request.user.has_perm("challenges.add_challenge"),
    }
    template = (
        "challenges/_results.html" if request.headers.get("HX-Request") else "challenges/list.html"
    )
    return render(request, template, context)


def get_visible(request: HttpRequest, slug: str) -> Challenge:
    """The challenge, or 404 — also when the user may not see it (its existence stays private)."""
    challenge = selectors.challenge_get(slug=slug)
    if challenge is None or not request.user.has_perm("challenges.view_challenge", challenge):
        raise Http404("No such challenge.")
    return challenge


def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    can_edit = user.has_perm("challenges.change_challenge", challenge)
    matches = (
        matching.challenge_matches(user=user, challenge=challenge)
        if challenge.status != ChallengeStatus.DRAFT or can_edit
        else {}
    )
    mentors, mentor_note = matching.mentor_cities(challenge=challenge)
    joinable = (
        services.joinable_cities(actor=current_user(request), challenge=challenge)
        if user.has_perm("challenges.join_challenge", challenge)
        else []
    )
    context = {
        "challenge": challenge,
        "can_edit": can_edit,
        "can_decide": user.has_perm("challenges.decide_match", challenge),
        "can_leave": user.has_perm("challenges.leave_challenge", challenge),
        "joinable": joinable,
        "sections": [
            (kind, label, matches.get(str(kind), [])) for kind, label in matching.SECTIONS
        ],
        "mentors": mentors,
        "mentor_note": mentor_note,
        "next_statuses": [
            (s, ChallengeStatus(s).label)
            for s in ChallengeStatus.values  # in life-cycle order
            if s in services.TRANSITIONS[challenge.status]
        ],
        "domain_labels": DOMAIN_LABELS,
    }
    return render(request, "challenges/detail.html", context)


@login_required
def challenge_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not user.has_perm("challenges.add_challenge"):
        raise PermissionDenied(_("Only editors of a city administration can post challenges."))
    form = ChallengeCreateForm(request.POST or None, cities=creatable_cities(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        city: City = data.pop("owner_city")
        try:
            challenge = services.challenge_create(actor=user, owner_city=city, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The challenge was saved as a draft. Publish it to open it.")
            )
            return redirect("challenges:detail", slug=challenge.slug)
    return render(request, "challenges/form.html", {"form": form, "challenge": None})


@login_required
def challenge_edit(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = current_user(request)
    if not user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied(_("Only editors of the owning city can edit the challenge."))
    initial = {name: getattr(challenge, name) for name in ChallengeForm.base_fields}
    form = ChallengeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(actor=user, challenge=challenge, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The challenge was saved."))
            return redirect("challenges:detail", slug=challenge.slug)
    return render(request, "challenges/form.html", {"form": form, "challenge": challenge})


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, "; ".join(exc.messages))


@login_required
@require_POST
def challenge_status(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = current_user(request)
    if not user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied(_("Only editors of the owning city can change the status."))
    try:
        services.challenge_set_status(
            actor=user, challenge=challenge, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The status was changed."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def challenge_join(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = current_user(request)
    if not user.has_perm("challenges.join_challenge", challenge):
        raise PermissionDenied(_("Only editors of a city administration can join a challenge."))
    city = (
        City.objects.filter(pk=_int(request.POST.get("city")) or 0).first()
        if request.POST.get("city")
        else None
    )
    try:
        services.challenge_join(
            actor=user, challenge=challenge, city=city, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your city now shares this challenge."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def challenge_leave(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = current_user(request)
    if not user.has_perm("challenges.leave_challenge", challenge):
        raise PermissionDenied(_("Only editors of a city that joined can leave."))
    city = (
        City.objects.filter(pk=_int(request.POST.get("city")) or 0).first()
        if request.POST.get("city")
        else None
    )
    try:
        services.challenge_leave(actor=user, challenge=challenge, city=city)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your city left the challenge."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def match_decide(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = current_user(request)
    if not user.has_perm("challenges.decide_match", challenge):
        raise PermissionDenied(
            _("Only editors of the owning city can accept or dismiss suggestions.")
        )
    item_id = _int(request.POST.get("item_id"))
    try:
        if request.POST.get("decision") == "undo":
            matching_services.match_undo(
                actor=user,
                challenge=challenge,
                item_kind=request.POST.get("item_kind", ""),
                item_id=item_id or 0,
            )
        else:
            matching_services.match_decide(
                actor=user,
                challenge=challenge,
                item_kind=request.POST.get("item_kind", ""),
                item_id=item_id or 0,
                decision=request.POST.get("decision", ""),
            )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your decision was saved."))
    return redirect(f"{challenge_url(challenge)}#matches")


def challenge_url(challenge: Challenge) -> str:
    from django.urls import reverse

    return reverse("challenges:detail", args=[challenge.slug])


def city_challenges(city: City, user: Any) -> list[Challenge]:
    return list(
        selectors.challenge_list(user=user, filters=selectors.ChallengeFilters(city=city.slug))[:10]
    )
