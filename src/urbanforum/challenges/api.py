"""JSON twins of the challenge screens, including the matches and the owner's decisions."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.challenges import selectors, services
from urbanforum.challenges.models import Challenge
from urbanforum.challenges.schemas import (
    ChallengeCreate,
    ChallengeFields,
    JoinRequest,
    LeaveRequest,
    MatchDecision,
    StatusChange,
)
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_get
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.core.services import field_error
from urbanforum.matching.api import ReasonOut  # one component for one shape
from urbanforum.matching.selectors import Result, scores_source

router = Router(tags=["challenges"])


class SharedCityOut(Schema):
    city: str
    city_name: str
    role: str
    note: str


class ChallengeOut(Schema):
    id: int
    slug: str
    external_id: str | None
    title: str
    owner_city: str
    owner_city_name: str
    owner_organisation: str | None
    problem_statement: str
    context: str
    baseline: str
    desired_outcomes: str
    constraints: str
    budget_min_eur: int | None
    budget_max_eur: int | None
    timeline: str
    domains: list[str]
    sdgs: list[int]
    sdg_targets: list[str]
    status: str
    visibility: str
    language: str
    illustrative: bool
    cities: list[SharedCityOut]

    @staticmethod
    def resolve_owner_city(obj: Challenge) -> str:
        return obj.owner_city.slug

    @staticmethod
    def resolve_owner_city_name(obj: Challenge) -> str:
        return obj.owner_city.name

    @staticmethod
    def resolve_owner_organisation(obj: Challenge) -> str | None:
        return obj.owner_organisation.slug if obj.owner_organisation else None

    @staticmethod
    def resolve_cities(obj: Challenge) -> list[dict[str, str]]:
        return [
            {"city": c.city.slug, "city_name": c.city.name, "role": c.role, "note": c.note}
            for c in obj.cities.all()
        ]


class ChallengeFilterIn(Schema):
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    status: str = ""
    city: str = ""


class MatchOut(Schema):
    id: str
    kind: str
    title: str
    score: float
    url: str
    reasons: list[ReasonOut]
    decision: str
    item_id: int


class MatchesOut(Schema):
    challenge: list[MatchOut]
    practice: list[MatchOut]
    solution: list[MatchOut]
    expert: list[MatchOut]
    mentors: list[dict[str, Any]]
    mentors_note: str
    # The benchmark run the mentor cities' scores come from: run_id, run (its name), run_url.
    mentors_run: dict[str, Any]


class DecisionOut(Schema):
    item_kind: str
    item_id: int
    decision: str


def _get(request: HttpRequest, slug: str) -> Challenge:
    challenge = selectors.challenge_get(slug=slug)
    if challenge is None or not request.user.has_perm("challenges.view_challenge", challenge):
        raise Http404(_("No challenge '%(slug)s'.") % {"slug": slug})
    return challenge


def _city(ref: str | None, field: str) -> City | None:
    if not ref:
        return None
    city = city_get(ref=ref)
    if city is None:
        raise field_error(field, _("Unknown city '%(ref)s'.") % {"ref": ref})
    return city


@router.get("/challenges", response=list[ChallengeOut], auth=public, summary="Search challenges")
@paginate(Page)
def list_challenges(request: HttpRequest, filters: Query[ChallengeFilterIn]) -> QuerySet[Challenge]:
    return selectors.challenge_list(
        user=request.user, filters=selectors.ChallengeFilters(**filters.dict())
    )


@router.get("/challenges/{slug}", response={200: ChallengeOut, 404: ErrorBody}, auth=public)
def get_challenge(request: HttpRequest, slug: str) -> Challenge:
    return _get(request, slug)


@router.post(
    "/challenges",
    response={201: ChallengeOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Post a challenge for your city (created as a draft)",
)
def create_challenge(request: HttpRequest, payload: ChallengeCreate) -> tuple[int, Challenge]:
    city = _city(payload.owner_city, "owner_city")
    if city is None:
        raise field_error("owner_city", _("Name the city (its slug or Eurostat code)."))
    challenge = services.challenge_create(
        actor=current_user(request), owner_city=city, fields=payload.fields()
    )
    return 201, _get(request, challenge.slug)


@router.patch(
    "/challenges/{slug}",
    response={200: ChallengeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def patch_challenge(request: HttpRequest, slug: str, payload: ChallengeFields) -> Challenge:
    challenge = _get(request, slug)
    services.challenge_update(actor=current_user(request), challenge=challenge, changes=payload)
    return _get(request, slug)


@router.post(
    "/challenges/{slug}/status",
    response={200: ChallengeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    summary="Move a challenge: draft → open → matched → in_process → closed",
)
def set_status(request: HttpRequest, slug: str, payload: StatusChange) -> Challenge:
    challenge = _get(request, slug)
    services.challenge_set_status(
        actor=current_user(request), challenge=challenge, status=payload.status
    )
    return _get(request, slug)


@router.post(
    "/challenges/{slug}/join",
    response={201: ChallengeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    summary="We have this challenge too",
)
def join(request: HttpRequest, slug: str, payload: JoinRequest) -> tuple[int, Challenge]:
    challenge = _get(request, slug)
    services.challenge_join(
        actor=current_user(request),
        challenge=challenge,
        city=_city(payload.city, "city"),
        note=payload.note,
    )
    return 201, _get(request, slug)


@router.post(
    "/challenges/{slug}/leave",
    response={200: ChallengeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def leave(request: HttpRequest, slug: str, payload: LeaveRequest) -> Challenge:
    challenge = _get(request, slug)
    services.challenge_leave(
        actor=current_user(request), challenge=challenge, city=_city(payload.city, "city")
    )
    return _get(request, slug)


def _match_out(r: Result) -> dict[str, Any]:
    return {**r.as_dict(), "item_id": r.obj.pk}


@router.get(
    "/challenges/{slug}/matches",
    response={200: MatchesOut, 404: ErrorBody},
    auth=public,
    summary="Suggestions for a challenge, with reasons (dismissed ones hidden)",
)
def matches(request: HttpRequest, slug: str) -> dict[str, Any]:
    challenge = _get(request, slug)
    found = selectors.challenge_matches(user=request.user, challenge=challenge)
    mentors, note = selectors.mentor_cities(challenge=challenge)
    return {
        **{kind: [_match_out(r) for r in results] for kind, results in found.items()},
        "mentors": [m.as_dict() for m in mentors],
        "mentors_note": note,
        "mentors_run": scores_source() if mentors else {},
    }


@router.post(
    "/challenges/{slug}/matches/decisions",
    response={200: DecisionOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    summary="Accept or dismiss a suggestion (or undo)",
)
def decide(request: HttpRequest, slug: str, payload: MatchDecision) -> dict[str, Any]:
    challenge = _get(request, slug)
    actor = current_user(request)
    if payload.decision == "undo":
        services.match_undo(
            actor=actor, challenge=challenge, item_kind=payload.item_kind, item_id=payload.item_id
        )
    else:
        services.match_decide(
            actor=actor,
            challenge=challenge,
            item_kind=payload.item_kind,
            item_id=payload.item_id,
            decision=payload.decision,
        )
    return payload.model_dump()
