from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest, current_user
from urbanforum.challenges import selectors, services
from urbanforum.challenges.facets import challenge_facets
from urbanforum.challenges.forms import ChallengeCreateForm, ChallengeForm
from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.challenges.schemas import MatchDecision, StatusChange
from urbanforum.cities.models import City
from urbanforum.cities.selectors import cities_edited_by
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.core.schemas import parse
from urbanforum.core.taxonomy import DOMAIN_LABELS
from urbanforum.matching.selectors import scores_source


def _city(value: str | None) -> City | None:
    """The city a join/leave form names by its id (None when it names none)."""
    return City.objects.filter(pk=int(value)).first() if value and value.isdigit() else None


def challenge_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.ChallengeFilters,
        rows=lambda f: selectors.challenge_list(user=request.user, filters=f),
        facets=challenge_facets,
        template="challenges/list.html",
        fragment="challenges/_results.html",
        extra={"can_add": request.user.has_perm("challenges.add_challenge")},
    )


def get_visible(request: HttpRequest, slug: str) -> Challenge:
    """The challenge, or 404 — also when the user may not see it (its existence stays private)."""
    challenge = selectors.challenge_get(slug=slug)
    if challenge is None or not request.user.has_perm("challenges.view_challenge", challenge):
        raise Http404(_("No such challenge."))
    return challenge


def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    can_edit = user.has_perm("challenges.change_challenge", challenge)
    matches = (
        selectors.challenge_matches(user=user, challenge=challenge)
        if challenge.status != ChallengeStatus.DRAFT or can_edit
        else {}
    )
    mentors, mentor_note = selectors.mentor_cities(challenge=challenge)
    mentor_run = scores_source() if mentors else {}
    joinable = (
        selectors.joinable_cities(actor=current_user(request), challenge=challenge)
        if user.has_perm("challenges.join_challenge", challenge)
        else []
    )
    context = {
        "mentor_run": mentor_run,
        "challenge": challenge,
        "can_edit": can_edit,
        "can_decide": user.has_perm("challenges.decide_match", challenge),
        "can_leave": user.has_perm("challenges.leave_challenge", challenge),
        "joinable": joinable,
        "sections": [(kind, label, matches.get(kind, [])) for kind, label in selectors.sections()],
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
def challenge_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("challenges.add_challenge"):
        raise PermissionDenied(_("Only editors of a city administration can post challenges."))
    form = ChallengeCreateForm(request.POST or None, cities=cities_edited_by(user))
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(
                actor=user, owner_city=form.cleaned_data["owner_city"], fields=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The challenge was saved as a draft. Publish it to open it.")
            )
            return redirect("challenges:detail", slug=challenge.slug)
    return render(request, "challenges/form.html", {"form": form, "challenge": None})


@login_required
def challenge_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    if not user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied(_("Only editors of the owning city can edit the challenge."))
    initial = {name: getattr(challenge, name) for name in ChallengeForm.base_fields}
    form = ChallengeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(actor=user, challenge=challenge, changes=form.validated)
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
def challenge_status(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    if not user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied(_("Only editors of the owning city can change the status."))
    try:
        change = parse(StatusChange, {"status": request.POST.get("status", "")})
        services.challenge_set_status(actor=user, challenge=challenge, status=change.status)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The status was changed."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def challenge_join(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    if not user.has_perm("challenges.join_challenge", challenge):
        raise PermissionDenied(_("Only editors of a city administration can join a challenge."))
    try:
        services.challenge_join(
            actor=user,
            challenge=challenge,
            city=_city(request.POST.get("city")),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your city now shares this challenge."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def challenge_leave(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    if not user.has_perm("challenges.leave_challenge", challenge):
        raise PermissionDenied(_("Only editors of a city that joined can leave."))
    try:
        services.challenge_leave(
            actor=user, challenge=challenge, city=_city(request.POST.get("city"))
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your city left the challenge."))
    return redirect("challenges:detail", slug=challenge.slug)


@login_required
@require_POST
def match_decide(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = get_visible(request, slug)
    user = request.user
    if not user.has_perm("challenges.decide_match", challenge):
        raise PermissionDenied(
            _("Only editors of the owning city can accept or dismiss suggestions.")
        )
    item_id = request.POST.get("item_id", "")
    try:
        decided = parse(
            MatchDecision,
            {
                "item_kind": request.POST.get("item_kind", ""),
                "item_id": int(item_id) if item_id.isdigit() else 0,
                "decision": request.POST.get("decision", ""),
            },
        )
        if decided.decision == "undo":
            services.match_undo(
                actor=user,
                challenge=challenge,
                item_kind=decided.item_kind,
                item_id=decided.item_id,
            )
        else:
            services.match_decide(
                actor=user,
                challenge=challenge,
                item_kind=decided.item_kind,
                item_id=decided.item_id,
                decision=decided.decision,
            )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your decision was saved."))
    return redirect(reverse("challenges:detail", args=[challenge.slug]) + "#matches")
