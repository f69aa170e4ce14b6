"""JSON twins of the city directory and profile."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.cities import selectors, services
from urbanforum.cities.models import City
from urbanforum.cities.schemas import CityChanges
from urbanforum.core.api import ErrorBody, Page, private, public

router = Router(tags=["cities"])


class CityOut(Schema):
    id: int
    slug: str
    name: str
    local_names: list[str]
    country: str
    country_name: str
    eurostat_code: str | None
    nuts_code: str
    region: str
    population: int | None
    population_year: int | None
    population_source: str
    latitude: float | None
    longitude: float | None
    size_class: str
    is_bsr: bool
    administration: str | None
    description: str

    @staticmethod
    def resolve_administration(obj: City) -> str | None:
        return obj.administration.slug if obj.administration else None


class CityFilterIn(Schema):
    search: str = ""
    country: str = ""
    size: str = ""
    region: str = ""
    bsr: bool | None = None
    sort: str = "name"


def _get(ref: str) -> City:
    city = selectors.city_get(ref=ref)
    if city is None:
        field = (
            "code"
            if ref[:2].isalpha() and ref[:2].isupper() and any(c.isdigit() for c in ref)
            else "city"
        )
        raise Http404(
            _("Unknown city %(field)s '%(ref)s': no city has this Eurostat code, slug or id.")
            % {"field": field, "ref": ref}
        )
    return city


@router.get("/cities", response=list[CityOut], auth=public, summary="Search the city directory")
@paginate(Page)
def list_cities(request: HttpRequest, filters: Query[CityFilterIn]) -> QuerySet[City]:
    return selectors.city_list(filters=selectors.CityFilters(**filters.dict()))


@router.get(
    "/cities/{ref}",
    response={200: CityOut, 404: ErrorBody},
    auth=public,
    summary="A city by Eurostat code (FI001C), slug or id",
)
def get_city(request: HttpRequest, ref: str) -> City:
    return _get(ref)


@router.patch(
    "/cities/{ref}",
    response={200: CityOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    auth=private,
    summary="Edit a city's profile",
)
def patch_city(request: HttpRequest, ref: str, payload: CityChanges) -> City:
    return services.city_update(actor=current_user(request), city=_get(ref), changes=payload)
