"""Mentoring pages: offers, asking for a mentor, proposals, a mentorship and its steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.community import selectors, services
from urbanforum.community.forms import FeedbackForm, OfferForm, RequestForm, SessionForm
from urbanforum.community.models import MentoringOffer, MentoringRequest, Mentorship
from urbanforum.community.schemas import AnswerIn, ProposeIn
from urbanforum.community.views.common import check, flash, form_errors, posted
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.core.taxonomy import DOMAINS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only


def mentoring(request: HttpRequest) -> HttpResponse:
    user = request.user
    return list_page(
        request,
        filters=selectors.OfferFilters,
        rows=lambda f: selectors.offer_list(filters=f),
        template="community/mentoring.html",
        fragment="community/_offer_results.html",
        extra={
            "domains": DOMAINS,
            "mentorships": selectors.user_mentorships(user=user),
            "requests": selectors.user_requests(user=user),
            "can_offer": user.has_perm("community.offer_mentoring"),
            "offer_form": OfferForm(),
        },
    )


@login_required
@require_POST
def offer_create(request: AuthedRequest) -> HttpResponse:
    check(
        request, "community.offer_mentoring", None, _("Experts and city editors offer mentoring.")
    )
    form = OfferForm(request.POST)
    user = request.user
    try:
        if not form.is_valid():
            raise form_errors(form)
        # Experts offer as themselves; a city editor on behalf of the administration they edit.
        organisation = None if user.is_expert else selectors.offering_administration(user=user)
        services.offer_create(
            actor=user,
            topics=form.validated.topics,
            description=form.validated.description,
            organisation=organisation,
        )
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Your mentoring offer is published."))
    return redirect("community:mentoring")


@login_required
def request_create(request: AuthedRequest, challenge_slug: str) -> HttpResponse:
    challenge = selectors.challenge_by_slug(challenge_slug)
    if challenge is None:
        raise Http404(_("No such challenge."))
    check(
        request,
        "community.request_mentoring",
        challenge,
        _("The challenge's city asks for mentoring."),
    )
    form = RequestForm(request.POST or None, challenge=challenge.slug)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_create(
                actor=request.user, challenge=challenge, description=form.validated.description
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("community:request_detail", request_id=req.pk)
    return render(
        request,
        "community/form.html",
        {"form": form, "title": _("Ask for a mentor: %(c)s") % {"c": challenge.title}},
    )


def _request(request: HttpRequest, request_id: int) -> MentoringRequest:
    req = selectors.request_detail(request_id=request_id)
    if req is None:
        raise Http404(_("No such request."))
    check(
        request,
        "community.request_mentoring",
        req.challenge,
        _("Only the asking city sees its request."),
    )
    return req


@login_required
def request_detail(request: AuthedRequest, request_id: int) -> HttpResponse:
    req = _request(request, request_id)
    return render(
        request,
        "community/request_detail.html",
        {
            "req": req,
            "proposals": selectors.propose_mentors(request=req),
            "scores_run": selectors.mentor_scores_run(),
            "asked": selectors.request_mentorships(request=req),
            "asked_ids": selectors.asked_mentors(request=req),
        },
    )


@login_required
@require_POST
def mentorship_propose(request: AuthedRequest, request_id: int) -> HttpResponse:
    req = _request(request, request_id)
    try:
        data = posted(request, ProposeIn, goals="")
    except ValidationError:
        raise Http404(_("No such mentoring offer.")) from None
    offer = get_object_or_404(MentoringOffer, pk=data.offer)
    try:
        m = services.mentorship_propose(
            actor=request.user, request=req, offer=offer, goals=data.goals
        )
    except ValidationError as exc:
        flash(request, exc)
        return redirect("community:request_detail", request_id=req.pk)
    messages.success(request, _("%(m)s was asked.") % {"m": offer.mentor.display_name})
    return redirect("community:mentorship_detail", mentorship_id=m.pk)


def _mentorship(request: HttpRequest, mentorship_id: int) -> Mentorship:
    m = selectors.mentorship_detail(mentorship_id=mentorship_id)
    if m is None:
        raise Http404(_("No such mentorship."))
    check(
        request,
        "community.view_mentorship",
        m,
        _("Only the mentor and the mentee city see a mentorship."),
    )
    return m


@login_required
def mentorship_detail(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    m = _mentorship(request, mentorship_id)
    user = request.user
    return render(
        request,
        "community/mentorship_detail.html",
        {
            "m": m,
            "sessions": selectors.mentorship_sessions(mentorship=m),
            "feedback": selectors.mentorship_feedback(mentorship=m),
            "can_answer": user.has_perm("community.answer_mentorship", m),
            "can_record": user.has_perm("community.record_session", m),
            "can_end": user.has_perm("community.end_mentorship", m),
            "can_feedback": user.has_perm("community.give_feedback", m),
            "session_form": SessionForm(),
            "feedback_form": FeedbackForm(),
        },
    )


Step = Callable[[AuthedRequest, Mentorship], object]


def _mentorship_action(
    perm: str, message: StrOrPromise, action: Step
) -> Callable[..., HttpResponse]:
    @login_required
    @require_POST
    def view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
        m = _mentorship(request, mentorship_id)
        check(request, perm, m, str(message))
        try:
            action(request, m)
        except ValidationError as exc:
            flash(request, exc)
        return redirect("community:mentorship_detail", mentorship_id=m.pk)

    return view


def _answer(request: AuthedRequest, m: Mentorship) -> object:
    data = posted(request, AnswerIn, accept="1")
    return services.mentorship_answer(actor=request.user, mentorship=m, accept=data.accept)


def _session(request: AuthedRequest, m: Mentorship) -> object:
    form = SessionForm(request.POST)
    if not form.is_valid():
        raise form_errors(form)
    data = form.validated
    return services.session_record(
        actor=request.user, mentorship=m, held_on=data.held_on, notes=data.notes
    )


def _end(request: AuthedRequest, m: Mentorship) -> object:
    return services.mentorship_end(actor=request.user, mentorship=m)


def _feedback(request: AuthedRequest, m: Mentorship) -> object:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        raise form_errors(form)
    data = form.validated
    return services.feedback_give(
        actor=request.user, mentorship=m, text=data.text, rating=data.rating
    )


mentorship_answer = _mentorship_action(
    "community.answer_mentorship", gettext_lazy("Only the asked mentor answers."), _answer
)
mentorship_session = _mentorship_action(
    "community.record_session",
    gettext_lazy("The mentor and the mentee city record sessions."),
    _session,
)
mentorship_end = _mentorship_action(
    "community.end_mentorship",
    gettext_lazy("The mentor or the mentee city ends a mentorship."),
    _end,
)
mentorship_feedback = _mentorship_action(
    "community.give_feedback",
    gettext_lazy("Feedback is given by both sides after the end."),
    _feedback,
)
