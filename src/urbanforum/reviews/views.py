"""Screens of review rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.core.permissions import current_user
from urbanforum.impact.selectors import pilot_get
from urbanforum.reviews import selectors, services
from urbanforum.reviews.models import RUBRIC, ReviewRound
from urbanforum.reviews.permissions import can_see_reviews


def _get(request: HttpRequest, pk: int) -> ReviewRound:
    r = ReviewRound.objects.select_related("pilot", "organisation").filter(pk=pk).first()
    if r is None or not request.user.has_perm("reviews.view_round", r):
        raise Http404("No such review round.")
    return r


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for field, errs in (
        exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
    ):
        for e in errs:
            messages.error(request, f"{field}: {e}" if field and field != "__all__" else e)


def round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/list.html", {"rounds": selectors.round_list(user=request.user)})


@login_required
@require_POST
def round_create(request: HttpRequest) -> HttpResponse:
    pilot = pilot_get(slug=request.POST.get("pilot", ""))
    if pilot is None:
        raise Http404
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    try:
        r = services.round_create(
            actor=current_user(request), pilot=pilot, title=request.POST.get("title", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("impact:detail", slug=pilot.slug)
    return redirect("reviews:detail", pk=r.pk)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    user = request.user
    mine = (
        r.assignments.filter(reviewer=user).select_related("review").first()
        if user.is_authenticated
        else None
    )
    submitted = mine is not None and hasattr(mine, "review")
    see_all = can_see_reviews(user, r)
    return render(
        request,
        "reviews/detail.html",
        {
            "round": r,
            "rubric": RUBRIC,
            "assignments": r.assignments.select_related("reviewer", "city"),
            "reviews": selectors.visible_reviews(round=r, user=user),
            "aggregate": selectors.aggregate(round=r) if see_all else None,
            "mine": mine,
            "submitted": submitted,
            "see_all": see_all,
            "can_review": user.has_perm("reviews.submit_review", r) and not submitted,
            "can_manage": user.has_perm("reviews.manage_round", r),
            "scores": range(1, 6),
        },
    )


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.manage_round", r):
        raise PermissionDenied
    reviewer = User.objects.filter(email__iexact=request.POST.get("email", "").strip()).first()
    try:
        if reviewer is None:
            raise ValidationError({"email": [_("No account has this e-mail address.")]})
        city = City.objects.filter(slug=request.POST.get("city", "")).first()
        services.reviewer_assign(
            actor=current_user(request),
            round=r,
            reviewer=reviewer,
            kind=request.POST.get("kind", "peer"),
            city=city,
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The reviewer was assigned."))
    return redirect("reviews:detail", pk=r.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.submit_review", r):
        raise PermissionDenied
    try:
        services.review_submit(
            actor=current_user(request),
            round=r,
            findings=request.POST.get("findings", ""),
            what_worked=request.POST.get("what_worked", ""),
            what_did_not=request.POST.get("what_did_not", ""),
            **{k: request.POST.get(k) for k, _label in RUBRIC},
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("Thank you: your review is in. You can now read the other reviews.")
        )
    return redirect("reviews:detail", pk=r.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.manage_round", r):
        raise PermissionDenied
    try:
        services.round_close(actor=current_user(request), round=r)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The round is closed; its results are published."))
    return redirect("reviews:detail", pk=r.pk)
