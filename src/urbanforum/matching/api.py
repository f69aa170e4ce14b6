"""JSON twins of search, saved searches and the city matches."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from urbanforum.accounts.http import current_user
from urbanforum.cities import selectors as city_selectors
from urbanforum.core.api import ErrorBody, public
from urbanforum.matching import selectors, services
from urbanforum.matching.models import SavedSearch
from urbanforum.matching.schemas import SavedSearchInput

router = Router(tags=["matching"])


class ReasonOut(Schema):
    kind: str
    text: str
    weight: float | None


class ResultOut(Schema):
    id: str
    kind: str
    title: str
    score: float
    url: str
    reasons: list[ReasonOut]


class SearchIn(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_CHARS)
    kind: str = ""
    domain: str = ""
    sdg: str = ""
    country: str = ""
    lang: str = ""
    limit: int = 30


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str
    kind: str
    domain: str
    sdg: int | None
    country: str


class CityMatchesOut(Schema):
    peers: list[ResultOut]
    twins: list[ResultOut]
    twins_note: str


@router.get(
    "/search",
    response=list[ResultOut],
    auth=public,
    summary="Search across practices, challenges, solutions and experts (best first, with reasons)",
)
def search(request: HttpRequest, params: Query[SearchIn]) -> list[dict[str, Any]]:
    filters = selectors.SearchFilters.from_params(params.dict())
    limit = max(1, min(params.limit, 100))
    return [r.as_dict() for r in selectors.search(user=request.user, filters=filters, limit=limit)]


@router.get("/saved-searches", response={200: list[SavedSearchOut], 401: ErrorBody})
def list_saved(request: HttpRequest) -> list[SavedSearch]:
    return selectors.saved_searches(user=current_user(request))


@router.post(
    "/saved-searches",
    response={201: SavedSearchOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Be told (event saved_search.new_match + e-mail) when new content matches",
)
def create_saved(request: HttpRequest, payload: SavedSearchInput) -> tuple[int, SavedSearch]:
    return 201, services.saved_search_create(actor=current_user(request), search=payload)


@router.delete("/saved-searches/{pk}", response={204: None, 401: ErrorBody, 404: ErrorBody})
def delete_saved(request: HttpRequest, pk: int) -> tuple[int, None]:
    user = current_user(request)
    saved = selectors.saved_search_get(user=user, pk=pk)
    if saved is None:
        raise Http404("No such saved search.")
    services.saved_search_delete(actor=user, saved=saved)
    return 204, None


@router.get(
    "/cities/{ref}/matches",
    response={200: CityMatchesOut, 404: ErrorBody},
    auth=public,
    summary="Peer cities and twin candidates of a city (the city page's section)",
)
def city_matches(request: HttpRequest, ref: str) -> dict[str, Any]:
    city = city_selectors.city_get(ref=ref)
    if city is None:
        raise Http404(f"Unknown city '{ref}'.")
    twins, note = selectors.twin_candidates(city=city, limit=10)
    return {
        "peers": [m.as_dict() for m in selectors.peer_cities(city=city, limit=10)],
        "twins": [m.as_dict() for m in twins],
        "twins_note": note,
    }
