"""JSON twins of the marketplace screens: solutions and experts."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.core.services import field_error
from urbanforum.marketplace import selectors, services
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.marketplace.schemas import ExpertFields, SolutionCreate, SolutionFields

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


def _solution(request: HttpRequest, slug: str) -> Solution:
    solution = selectors.solution_get(slug=slug)
    if solution is None or not request.user.has_perm("marketplace.view_solution", solution):
        raise Http404(_("No solution '%(slug)s'.") % {"slug": slug})
    return solution


def _expert(request: HttpRequest, slug: str) -> Expert:
    expert = selectors.expert_get(slug=slug)
    if expert is None or not request.user.has_perm("marketplace.view_expert", expert):
        raise Http404(_("No expert '%(slug)s'.") % {"slug": slug})
    return expert


@router.get("/solutions", response=list[SolutionOut], auth=public, summary="Search solutions")
@paginate(Page)
def list_solutions(request: HttpRequest, filters: Query[SolutionFilterIn]) -> QuerySet[Solution]:
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
def create_solution(request: HttpRequest, payload: SolutionCreate) -> tuple[int, Solution]:
    provider = Organisation.objects.filter(slug=payload.provider).first()
    if provider is None:
        raise field_error("provider", _("Unknown organisation."))
    return 201, services.solution_create(
        actor=current_user(request), provider=provider, fields=payload.fields()
    )


@router.patch(
    "/solutions/{slug}",
    response={200: SolutionOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def patch_solution(request: HttpRequest, slug: str, payload: SolutionFields) -> Solution:
    solution = _solution(request, slug)
    return services.solution_update(actor=current_user(request), solution=solution, changes=payload)


@router.get("/experts", response=list[ExpertOut], auth=public, summary="Search experts")
@paginate(Page)
def list_experts(request: HttpRequest, filters: Query[ExpertFilterIn]) -> QuerySet[Expert]:
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
def create_expert(request: HttpRequest, payload: ExpertFields) -> tuple[int, Expert]:
    return 201, services.expert_create(actor=current_user(request), fields=payload)


@router.patch(
    "/experts/{slug}",
    response={200: ExpertOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
)
def patch_expert(request: HttpRequest, slug: str, payload: ExpertFields) -> Expert:
    expert = _expert(request, slug)
    return services.expert_update(actor=current_user(request), expert=expert, changes=payload)
