"""Screens of review rounds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, User
from urbanforum.cities.models import City
from urbanforum.impact.models import Pilot
from urbanforum.impact.selectors import pilot_get
from urbanforum.practices.models import GoodPractice
from urbanforum.reviews import followup, selectors, services
from urbanforum.reviews.models import (
    RUBRIC,
    Adoption,
    PolicyRecommendation,
    ProcessPractice,
    ReviewRound,
)
from urbanforum.reviews.permissions import (
    can_see_reviews,
    may_manage_recommendation,
    may_view_recommendation,
)


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


# --- processes: the Evaluation phase (review rounds) and Follow-up (practice, recommendations) ---


def _process(request: HttpRequest, slug: str) -> Any:
    from urbanforum.procurement.process_link import get_process

    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404("No such process.")
    return process


def process_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    rounds = [
        r
        for r in ReviewRound.objects.filter(process=process).select_related("pilot")
        if request.user.has_perm("reviews.view_round", r)
    ]
    return render(
        request,
        "reviews/process.html",
        {
            "process": process,
            "rounds": rounds,
            "pilots": Pilot.objects.filter(process=process),
            "can_add": request.user.has_perm("processes.change_process", process),
        },
    )


@login_required
@require_POST
def process_round_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    pilot = Pilot.objects.filter(process=process, slug=request.POST.get("pilot", "")).first()
    try:
        r = services.round_create(
            actor=current_user(request),
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
    link = ProcessPractice.objects.filter(process=process).select_related("practice").first()
    manage = request.user.has_perm("processes.change_process", process)
    recs = [
        r
        for r in PolicyRecommendation.objects.filter(process=process)
        if may_view_recommendation(request.user, r)
    ]
    return render(
        request,
        "reviews/follow_up.html",
        {
            "process": process,
            "practice": link.practice if link else None,
            "adoptions": Adoption.objects.filter(practice=link.practice).select_related("city")
            if link
            else [],
            "finished": followup.is_finished(process),
            "can_make_practice": manage and link is None,
            "can_recommend": manage,
            "recommendations": recs,
        },
    )


@login_required
@require_POST
def process_practice(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    try:
        practice = followup.practice_from_process(actor=current_user(request), process=process)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:process_follow_up", slug=process.slug)
    messages.success(
        request, _("A draft good practice was filled in from the process. Edit it and publish it.")
    )
    return redirect("practices:edit", slug=practice.slug)


@login_required
@require_POST
def recommendation_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    if not request.user.has_perm("processes.change_process", process):
        raise PermissionDenied
    try:
        rec = followup.recommendation_create(
            actor=current_user(request),
            process=process,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("reviews:process_follow_up", slug=process.slug)
    return redirect("reviews:recommendation", pk=rec.pk)


def _recommendation(request: HttpRequest, pk: int) -> PolicyRecommendation:
    rec = (
        PolicyRecommendation.objects.select_related("process", "working_group")
        .filter(pk=pk)
        .first()
    )
    if rec is None or not may_view_recommendation(request.user, rec):
        raise Http404("No such recommendation.")
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
def recommendation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    if not may_manage_recommendation(request.user, rec):
        raise PermissionDenied
    try:
        followup.recommendation_publish(actor=current_user(request), recommendation=rec)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("reviews:recommendation", pk=rec.pk)


def practice_adoptions(request: HttpRequest, slug: str) -> HttpResponse:
    practice = GoodPractice.objects.filter(slug=slug).select_related("city").first()
    if practice is None or not request.user.has_perm("practices.view_goodpractice", practice):
        raise Http404("No such practice.")
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
    from urbanforum.procurement.selectors import organisations_for_join

    orgs = organisations_for_join(request.user) if request.user.is_authenticated else []
    return render(
        request,
        "reviews/adoptions.html",
        {
            "practice": practice,
            "adoptions": Adoption.objects.filter(practice=practice).select_related("city"),
            "orgs": [o for o in orgs if o.pk != practice.city.administration_id],
        },
    )


def _org_of(request: HttpRequest) -> Organisation:
    org = Organisation.objects.filter(pk=request.POST.get("organisation") or 0).first()
    if org is None:
        raise PermissionDenied(_("Choose the administration you act for."))
    return org


def group_recommendations(request: HttpRequest, slug: str) -> HttpResponse:
    """Policy recommendations of a working group (community app): list; the group's lead writes."""
    from urbanforum.community.models import WorkingGroup

    group = WorkingGroup.objects.filter(slug=slug).first()
    if group is None or not request.user.has_perm("community.view_group", group):
        raise Http404("No such working group.")
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
    recs = [
        r
        for r in PolicyRecommendation.objects.filter(working_group=group)
        if may_view_recommendation(request.user, r)
    ]
    return render(
        request,
        "reviews/group_recommendations.html",
        {"group": group, "recommendations": recs, "can_recommend": manage},
    )
