"""Screens of review rounds and follow-up. Thin: parse (through the action's schema), call a
selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest, current_user
from urbanforum.accounts.models import Organisation
from urbanforum.cities.selectors import city_get
from urbanforum.core.forms import flash_errors
from urbanforum.core.lists import list_page
from urbanforum.core.schemas import parse
from urbanforum.impact.selectors import pilot_get, pilots_of_process
from urbanforum.processes.models import Process
from urbanforum.procurement.process_link import get_process
from urbanforum.procurement.selectors import (
    organisation_by_pk,
    organisations_for_join,
    user_of_email,
)
from urbanforum.reviews import followup, selectors, services
from urbanforum.reviews.models import RUBRIC, PolicyRecommendation, Response, ReviewRound
from urbanforum.reviews.permissions import may_manage_recommendation
from urbanforum.reviews.schemas import SCORES, ReviewInput
from urbanforum.reviews.selectors import RoundFilters


def _get(request: HttpRequest, pk: int) -> ReviewRound:
    r = selectors.round_visible(user=request.user, pk=pk)
    if r is None:
        raise Http404(_("No such review round."))
    return r


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    flash_errors(request, exc)


def round_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=RoundFilters,
        rows=lambda f: selectors.round_list(user=request.user),
        template="reviews/list.html",
        fragment="reviews/_results.html",
    )


@login_required
@require_POST
def round_create(request: AuthedRequest) -> HttpResponse:
    pilot = pilot_get(slug=request.POST.get("pilot", ""))
    if pilot is None:
        raise Http404
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    try:
        r = services.round_create(
            actor=request.user, pilot=pilot, title=request.POST.get("title", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("impact:detail", slug=pilot.slug)
    return redirect("reviews:detail", pk=r.pk)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    user = request.user
    mine = selectors.my_assignment(round=r, user=user)
    submitted = mine is not None and hasattr(mine, "review")
    see_all = selectors.sees_all_reviews(round=r, user=user)
    return render(
        request,
        "reviews/detail.html",
        {
            "round": r,
            "rubric": RUBRIC,
            "assignments": selectors.assignments(round=r),
            "reviews": selectors.visible_reviews(round=r, user=user),
            "aggregate": selectors.aggregate(round=r) if see_all else None,
            "mine": mine,
            "submitted": submitted,
            "see_all": see_all,
            "can_review": user.has_perm("reviews.submit_review", r) and not submitted,
            "can_manage": user.has_perm("reviews.manage_round", r),
            # The round's process, linked when the reader may see it (a reviewer from outside may not).
            "process": r.process
            if r.process and user.has_perm("processes.view_process", r.process)
            else None,
            "scores": range(1, 6),
        },
    )


@login_required
@require_POST
def assign(request: AuthedRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.manage_round", r):
        raise PermissionDenied
    reviewer = user_of_email(request.POST.get("email", ""))
    try:
        if reviewer is None:
            raise ValidationError({"email": [_("No account has this e-mail address.")]})
        city_ref = request.POST.get("city", "").strip()
        city = city_get(ref=city_ref) if city_ref else None
        if city_ref and city is None:
            raise ValidationError({"city": [_("No such city.")]})
        services.reviewer_assign(
            actor=request.user,
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
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.submit_review", r):
        mine = selectors.my_assignment(round=r, user=request.user)
        if mine is not None and mine.response != Response.ACCEPTED:
            raise PermissionDenied(services.NOT_ACCEPTED[mine.response]())
        raise PermissionDenied
    names = ("findings", "what_worked", "what_did_not", *SCORES)
    try:
        data = parse(ReviewInput, {name: request.POST.get(name, "") for name in names})
        services.review_submit(actor=request.user, round=r, data=data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("Thank you: your review is in. You can now read the other reviews.")
        )
    return redirect("reviews:detail", pk=r.pk)


@login_required
def invitation(request: AuthedRequest, pk: int) -> HttpResponse:
    """The invited reviewer's page: what is asked, by when, and Accept or Decline."""
    r = _get(request, pk)
    mine = selectors.my_assignment(round=r, user=request.user)
    if mine is None:
        raise Http404(_("You have no invitation to this review round."))
    return render(
        request,
        "reviews/invitation.html",
        {
            "round": r,
            "mine": mine,
            "rubric": RUBRIC,
            "can_answer": request.user.has_perm("reviews.answer_invitation", r),
            "process": r.process
            if r.process and request.user.has_perm("processes.view_process", r.process)
            else None,
        },
    )


@login_required
@require_POST
def accept(request: AuthedRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.answer_invitation", r):
        raise PermissionDenied
    try:
        services.invitation_accept(actor=request.user, round=r)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:invitation", pk=r.pk)
    messages.success(request, _("Thank you for accepting. Your review form is below."))
    return redirect("reviews:detail", pk=r.pk)


@login_required
@require_POST
def decline(request: AuthedRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.answer_invitation", r):
        raise PermissionDenied
    try:
        services.invitation_decline(
            actor=request.user, round=r, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("You declined; the round's organiser is told."))
    return redirect("reviews:invitation", pk=r.pk)


@login_required
@require_POST
def close(request: AuthedRequest, pk: int) -> HttpResponse:
    r = _get(request, pk)
    if not request.user.has_perm("reviews.manage_round", r):
        raise PermissionDenied
    try:
        services.round_close(actor=request.user, round=r)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The round is closed; its results are published."))
    return redirect("reviews:detail", pk=r.pk)


# --- processes: the Evaluation phase (review rounds) and Follow-up (practice, recommendations) ---


def _process(request: HttpRequest, slug: str) -> Process:
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No such process."))
    return process


def process_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    return render(
        request,
        "reviews/process.html",
        {
            "process": process,
            "rounds": selectors.rounds_of_process(user=request.user, process=process),
            "pilots": pilots_of_process(user=request.user, process=process),
            "can_add": request.user.has_perm("processes.change_process", process),
        },
    )


@login_required
@require_POST
def process_round_create(request: AuthedRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    pilot = (
        pilots_of_process(user=request.user, process=process)
        .filter(slug=request.POST.get("pilot", ""))
        .first()
    )
    try:
        r = services.round_create(
            actor=request.user,
            process=process,
            pilot=pilot,
            title=request.POST.get("title", ""),
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:process_reviews", slug=process.slug)
    return redirect("reviews:detail", pk=r.pk)


def process_follow_up(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    practice = selectors.process_practice(process=process)
    manage = request.user.has_perm("processes.change_process", process)
    return render(
        request,
        "reviews/follow_up.html",
        {
            "process": process,
            "practice": practice,
            "adoptions": selectors.adoptions(practice=practice) if practice else [],
            "finished": selectors.is_finished(process),
            "can_make_practice": manage and practice is None,
            "can_recommend": manage,
            "recommendations": selectors.recommendations(user=request.user, process=process),
        },
    )


@login_required
@require_POST
def process_practice(request: AuthedRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    try:
        practice = followup.practice_from_process(actor=request.user, process=process)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:process_follow_up", slug=process.slug)
    messages.success(
        request, _("A draft good practice was filled in from the process. Edit it and publish it.")
    )
    return redirect("practices:edit", slug=practice.slug)


@login_required
@require_POST
def recommendation_create(request: AuthedRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    try:
        rec = followup.recommendation_create(
            actor=request.user,
            process=process,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:process_follow_up", slug=process.slug)
    return redirect("reviews:recommendation", pk=rec.pk)


def _recommendation(request: HttpRequest, pk: int) -> PolicyRecommendation:
    rec = selectors.recommendation_get(pk=pk, user=request.user)
    if rec is None:
        raise Http404(_("No such recommendation."))
    return rec


def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    return render(
        request,
        "reviews/recommendation.html",
        {
            "rec": rec,
            "can_publish": rec.status == "draft" and may_manage_recommendation(request.user, rec),
        },
    )


@login_required
@require_POST
def recommendation_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    if not may_manage_recommendation(request.user, rec):
        raise PermissionDenied
    try:
        followup.recommendation_publish(actor=request.user, recommendation=rec)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("reviews:recommendation", pk=rec.pk)


def practice_adoptions(request: HttpRequest, slug: str) -> HttpResponse:
    practice = selectors.practice_get(slug=slug, user=request.user)
    if practice is None:
        raise Http404(_("No such practice."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        org = _org_of(request)
        try:
            followup.adoption_record(
                actor=current_user(request),
                practice=practice,
                organisation=org,
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Thank you: your city is listed as reusing this practice."))
        return redirect("reviews:adoptions", slug=practice.slug)
    orgs = organisations_for_join(request.user)
    return render(
        request,
        "reviews/adoptions.html",
        {
            "practice": practice,
            "adoptions": selectors.adoptions(practice=practice),
            "orgs": [o for o in orgs if o.pk != practice.city.administration_id],
        },
    )


def _org_of(request: HttpRequest) -> Organisation:
    org = organisation_by_pk(request.POST.get("organisation"))
    if org is None:
        raise PermissionDenied(_("Choose the administration you act for."))
    return org


def group_recommendations(request: HttpRequest, slug: str) -> HttpResponse:
    """Policy recommendations of a working group (community app): list; the group's lead writes."""
    group = selectors.working_group_get(slug=slug, user=request.user)
    if group is None:
        raise Http404(_("No such working group."))
    manage = request.user.has_perm("community.change_group", group)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not manage:
            raise PermissionDenied
        try:
            rec = followup.recommendation_create(
                actor=current_user(request),
                working_group=group,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
            )
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("reviews:group_recommendations", slug=group.slug)
        return redirect("reviews:recommendation", pk=rec.pk)
    return render(
        request,
        "reviews/group_recommendations.html",
        {
            "group": group,
            "recommendations": selectors.recommendations(user=request.user, working_group=group),
            "can_recommend": manage,
        },
    )
