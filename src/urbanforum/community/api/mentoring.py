"""JSON twins of the mentoring pages."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.community import selectors, services
from urbanforum.community.api.common import ERRORS, check
from urbanforum.community.models import MentoringOffer, MentoringRequest, Mentorship
from urbanforum.community.schemas import (
    AnswerIn,
    FeedbackIn,
    OfferIn,
    ProposeIn,
    RequestIn,
    SessionIn,
)
from urbanforum.core.api import Page, public

router = Router()


class OfferOut(Schema):
    id: int
    mentor: str
    organisation: str | None
    topics: list[str]
    description: str

    @staticmethod
    def resolve_mentor(obj: MentoringOffer) -> str:
        return obj.mentor.display_name

    @staticmethod
    def resolve_organisation(obj: MentoringOffer) -> str | None:
        return obj.organisation.slug if obj.organisation else None


class ProposalOut(Schema):
    offer: OfferOut
    score: float
    reasons: list[str]


class RequestOut(Schema):
    id: int
    challenge: str
    organisation: str
    description: str
    proposals: list[ProposalOut]
    # The benchmark run whose scores rank city mentors: run_id, run (its name), run_url.
    scores_run: dict[str, Any] = {}


class MentorshipOut(Schema):
    id: int
    title: str
    mentor: str
    mentee_organisation: str
    status: str
    goals: str
    sessions: list[dict[str, Any]]
    feedback: list[dict[str, Any]]

    @staticmethod
    def resolve_mentor(obj: Mentorship) -> str:
        return obj.mentor.display_name

    @staticmethod
    def resolve_mentee_organisation(obj: Mentorship) -> str:
        return obj.mentee_organisation.slug

    @staticmethod
    def resolve_sessions(obj: Mentorship) -> list[dict[str, object]]:
        return [{"held_on": s.held_on, "notes": s.notes} for s in obj.sessions.all()]

    @staticmethod
    def resolve_feedback(obj: Mentorship) -> list[dict[str, object]]:
        return [{"side": f.side, "text": f.text, "rating": f.rating} for f in obj.feedback.all()]


@router.get("/mentoring/offers", response=list[OfferOut], auth=public)
@paginate(Page)
def list_offers(
    request: HttpRequest, topic: str = "", search: str = ""
) -> QuerySet[MentoringOffer]:
    return selectors.offer_list(filters=selectors.OfferFilters(topic=topic, search=search))


@router.post("/mentoring/offers", response={201: OfferOut, **ERRORS})
def create_offer(request: HttpRequest, payload: OfferIn) -> tuple[int, MentoringOffer]:
    return 201, services.offer_create(
        actor=current_user(request),
        topics=payload.topics,
        description=payload.description,
        organisation=selectors.organisation_by_slug(payload.organisation),
    )


def _request_out(req: MentoringRequest) -> dict[str, object]:
    return {
        "id": req.pk,
        "challenge": req.challenge.slug,
        "organisation": req.organisation.slug,
        "description": req.description,
        "proposals": [
            {"offer": p.offer, "score": p.score, "reasons": p.reasons}
            for p in selectors.propose_mentors(request=req)
        ],
        "scores_run": selectors.mentor_scores_run(),
    }


@router.post("/mentoring/requests", response={201: RequestOut, **ERRORS})
def create_request(request: HttpRequest, payload: RequestIn) -> tuple[int, dict[str, object]]:
    challenge = selectors.challenge_by_slug(payload.challenge)
    if challenge is None:
        raise Http404(_("Unknown challenge '%(challenge)s'.") % {"challenge": payload.challenge})
    req = services.request_create(
        actor=current_user(request), challenge=challenge, description=payload.description
    )
    return 201, _request_out(req)


def _req(request: HttpRequest, request_id: int) -> MentoringRequest:
    req = selectors.request_detail(request_id=request_id)
    if req is None:
        raise Http404(_("No MentoringRequest matches the given query."))
    check(
        request,
        "community.request_mentoring",
        req.challenge,
        _("Only the asking city sees its request."),
    )
    return req


@router.get("/mentoring/requests/{request_id}", response={200: RequestOut, **ERRORS})
def get_request(request: HttpRequest, request_id: int) -> dict[str, object]:
    return _request_out(_req(request, request_id))


@router.post(
    "/mentoring/requests/{request_id}/mentorships", response={201: MentorshipOut, **ERRORS}
)
def propose(request: HttpRequest, request_id: int, payload: ProposeIn) -> tuple[int, Mentorship]:
    req = _req(request, request_id)
    offer = get_object_or_404(MentoringOffer, pk=payload.offer)
    return 201, services.mentorship_propose(
        actor=current_user(request), request=req, offer=offer, goals=payload.goals
    )


def _mentorship(request: HttpRequest, mentorship_id: int) -> Mentorship:
    m = selectors.mentorship_detail(mentorship_id=mentorship_id)
    if m is None:
        raise Http404(_("No Mentorship matches the given query."))
    check(
        request,
        "community.view_mentorship",
        m,
        _("Only the mentor and the mentee city see a mentorship."),
    )
    return m


@router.get("/mentorships/{mentorship_id}", response={200: MentorshipOut, **ERRORS})
def get_mentorship(request: HttpRequest, mentorship_id: int) -> Mentorship:
    return _mentorship(request, mentorship_id)


@router.post("/mentorships/{mentorship_id}/answer", response={200: MentorshipOut, **ERRORS})
def answer(request: HttpRequest, mentorship_id: int, payload: AnswerIn) -> Mentorship:
    return services.mentorship_answer(
        actor=current_user(request),
        mentorship=_mentorship(request, mentorship_id),
        accept=payload.accept,
    )


@router.post("/mentorships/{mentorship_id}/sessions", response={200: MentorshipOut, **ERRORS})
def add_session(request: HttpRequest, mentorship_id: int, payload: SessionIn) -> Mentorship:
    m = _mentorship(request, mentorship_id)
    services.session_record(
        actor=current_user(request), mentorship=m, held_on=payload.held_on, notes=payload.notes
    )
    return m


@router.post("/mentorships/{mentorship_id}/end", response={200: MentorshipOut, **ERRORS})
def end(request: HttpRequest, mentorship_id: int) -> Mentorship:
    return services.mentorship_end(
        actor=current_user(request), mentorship=_mentorship(request, mentorship_id)
    )


@router.post("/mentorships/{mentorship_id}/feedback", response={200: MentorshipOut, **ERRORS})
def feedback(request: HttpRequest, mentorship_id: int, payload: FeedbackIn) -> Mentorship:
    m = _mentorship(request, mentorship_id)
    services.feedback_give(
        actor=current_user(request), mentorship=m, text=payload.text, rating=payload.rating
    )
    return m
