"""JSON twins of the marketplace screens: solutions and experts."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.core.services import field_error
from urbanforum.marketplace import selectors, services
from urbanforum.marketplace.models import Expert, Solution

router = Router(tags=["marketplace"])


class ReferenceOut(Schema):
    city: str
    country: str = ""
    year: int | None = None
    outcome: str = ""


class SolutionOut(Schema):
    id: int
    slug: str
    external_id: str | None
    title: str
    provider: str
    provider_name: str
    description: str
    domains: list[str]
    sdgs: list[int]
    maturity: str
    trl: int | None
    references: list[ReferenceOut]
    pricing_model: str
    standards: list[str]
    languages: list[str]
    illustrative: bool
    status: str

    @staticmethod
    def resolve_provider(obj: Solution) -> str:
        return obj.provider.slug

    @staticmethod
    def resolve_provider_name(obj: Solution) -> str:
        return obj.provider.name


class SolutionFieldsIn(Schema):
    title: str | None = None
    description: str | None = None
    domains: list[str] | None = None
    sdgs: list[int] | None = None
    maturity: str | None = None
    trl: int | None = None
    references: list[ReferenceOut] | None = None
    pricing_model: str | None = None
    standards: list[str] | None = None
    languages: list[str] | None = None
    status: str | None = None


class SolutionCreateIn(SolutionFieldsIn):
    provider: str  # organisation slug
    title: str
    description: str


class ExpertOut(Schema):
    id: int
    slug: str
    external_id: str | None
    name: str
    organisation_name: str
    country: str
    expertise: list[str]
    languages: list[str]
    availability: str
    past_engagements: list[str]
    bio: str
    is_fictional: bool
    is_published: bool


class ExpertFieldsIn(Schema):
    name: str | None = None
    organisation_name: str | None = None
    country: str | None = None
    expertise: list[str] | None = None
    languages: list[str] | None = None
    availability: str | None = None
    past_engagements: list[str] | None = None
    bio: str | None = None
    is_published: bool | None = None


class SolutionFilterIn(Schema):
    search: str = ""
    domain: str = ""
    maturity: str = ""
    country: str = ""
    language: str = ""


class ExpertFilterIn(Schema):
    search: str = ""
    domain: str = ""
    country: str = ""
    language: str = ""


def _fields(payload: Schema) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if data.get("references") is not None:
        data["references"] = [dict(r) for r in data["references"]]
    return data


def _solution(request: HttpRequest, slug: str) -> Solution:
    solution = selectors.solution_get(slug=slug)
    if solution is None or not request.user.has_perm("marketplace.view_solution", solution):
        raise Http404(f"No solution '{slug}'.")
    return solution


def _expert(request: HttpRequest, slug: str) -> Expert:
    expert = selectors.expert_get(slug=slug)
    if expert is None or not request.user.has_perm("marketplace.view_expert", expert):
        raise Http404(f"No expert '{slug}'.")
    return expert


@router.get("/solutions", response=list[SolutionOut], auth=public, summary="Search solutions")
@paginate(Page)
def list_solutions(request: HttpRequest, filters: Query[SolutionFilterIn]) -> Any:
    return selectors.solution_list(
        user=request.user, filters=selectors.SolutionFilters(**filters.dict())
    )


@router.get("/solutions/{slug}", response={200: SolutionOut, 404: ErrorBody}, auth=public)
def get_solution(request: HttpRequest, slug: str) -> Solution:
    return _solution(request, slug)


@router.post(
    "/solutions",
    response={201: SolutionOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Offer a solution (editors of a company)",
)
def create_solution(request: HttpRequest, payload: SolutionCreateIn) -> tuple[int, Solution]:
    data = _fields(payload)
    provider = Organisation.objects.filter(slug=data.pop("provider")).first()
    if provider is None:
        raise field_error("provider", "Unknown organisation.")
    return 201, services.solution_create(actor=current_user(request), provider=provider, **data)


@router.patch(
    "/solutions/{slug}",
    response={200: SolutionOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def patch_solution(request: HttpRequest, slug: str, payload: SolutionFieldsIn) -> Solution:
    solution = _solution(request, slug)
    return services.solution_update(
        actor=current_user(request), solution=solution, **_fields(payload)
    )


@router.get("/experts", response=list[ExpertOut], auth=public, summary="Search experts")
@paginate(Page)
def list_experts(request: HttpRequest, filters: Query[ExpertFilterIn]) -> Any:
    return selectors.expert_list(
        user=request.user, filters=selectors.ExpertFilters(**filters.dict())
    )


@router.get("/experts/{slug}", response={200: ExpertOut, 404: ErrorBody}, auth=public)
def get_expert(request: HttpRequest, slug: str) -> Expert:
    return _expert(request, slug)


@router.post(
    "/experts",
    response={201: ExpertOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Create your expert profile",
)
def create_expert(request: HttpRequest, payload: ExpertFieldsIn) -> tuple[int, Expert]:
    return 201, services.expert_create(actor=current_user(request), **_fields(payload))


@router.patch(
    "/experts/{slug}",
    response={200: ExpertOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def patch_expert(request: HttpRequest, slug: str, payload: ExpertFieldsIn) -> Expert:
    expert = _expert(request, slug)
    return services.expert_update(actor=current_user(request), expert=expert, **_fields(payload))
