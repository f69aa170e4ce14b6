"""The JSON API: one NinjaAPI under /api/v1/, its authentication, error bodies and pagination.

Apps contribute routers (their `api.py`) which `urbanforum.api` mounts. Every error has the same
body: {"detail": "...", "errors": [{"field": "...", "message": "..."}]}.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase
from ninja.utils import check_csrf

from urbanforum import __version__
from urbanforum.core import errors as site_errors
from urbanforum.core import ratelimit
from urbanforum.core.i18n import activate_for
from urbanforum.core.pagination import rows_of_page
from urbanforum.core.schemas import field_of, message_of


class FieldError(Schema):
    field: str
    message: str


class ErrorBody(Schema):
    detail: str
    errors: list[FieldError] = []


# Who turns a bearer token into a user: the accounts app registers its function in ready(), so
# that core, on the ground floor, never imports accounts.
_token_authenticators: list[Callable[[str], Any]] = []


def register_token_authenticator(authenticate: Callable[[str], Any]) -> None:
    """`authenticate(key)` returns the token's user, or None when the key is unknown or revoked."""
    if authenticate not in _token_authenticators:
        _token_authenticators.append(authenticate)


def _authenticate_token(key: str) -> Any:
    for authenticate in _token_authenticators:
        user = authenticate(key)
        if user is not None:
            return user
    return None


TOKEN_SCOPE = "api_token"


class TooManyAttempts(HttpError):
    """429: too many failed authentications from this address; `retry_after` in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(429, "Too many failed authentications. Try again later.")
        self.retry_after = retry_after


class ApiAuth:
    """Personal API token (`Authorization: Bearer uf_…`) or the browser session.

    A session may only write with a valid CSRF token, like any form. With `optional`, anonymous
    requests pass as AnonymousUser, and the endpoint decides what they may see.
    """

    def __init__(self, *, optional: bool = False) -> None:
        self.optional = optional

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            # Guessing tokens is a log-in too: failures are counted per client address in the
            # shared cache (core.ratelimit), and a blocked address is refused before any lookup.
            limit = ratelimit.login_limit()
            keys = [f"ip:{ratelimit.client_ip(request)}"]
            wait = ratelimit.retry_after(TOKEN_SCOPE, keys, limit)
            if wait:
                raise TooManyAttempts(wait)
            scheme, _sep, key = header.partition(" ")
            user = _authenticate_token(key.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                ratelimit.record_failure(TOKEN_SCOPE, keys, limit)
                raise AuthenticationError(401, _("The API token is invalid or revoked."))
            request.user = user
            # The token's person reads the answer (and its errors) in their own language.
            activate_for(request, user)
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
                raise HttpError(
                    403, _("CSRF check failed: send the X-CSRFToken header, or use an API token.")
                )
            return user
        if self.optional:
            request.user = AnonymousUser()
            return request.user
        return None


public = ApiAuth(optional=True)
private = ApiAuth()

# The statuses any operation can answer with, whatever its own code does (docs/api-robustness.md):
# a body or query that cannot be read, a bad token, invalid input, the database away for a moment.
COMMON_ERRORS = {
    400: "Bad Request: the body or the query cannot be read (malformed JSON, multipart without boundary).",
    401: "Unauthorized: the API token is invalid or revoked, or the endpoint needs one.",
    414: "URI Too Long: the query string is longer than the server accepts.",
    422: "Unprocessable Content: invalid input; `errors` names each field.",
    503: "Service Unavailable: the database is away for a moment; retry after `Retry-After` seconds.",
}
WRITE_ERRORS = {
    403: "Forbidden: not allowed, or a session without its CSRF token.",
    413: "Content Too Large: the body is larger than the server accepts.",
}
PATH_ERRORS = {404: "Not Found."}


class DocumentedAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document declares, on every operation, the error statuses the
    plumbing can answer with (`COMMON_ERRORS`, and for writes and paths with parameters theirs),
    each with the one error body — so the document describes every response truly."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        error_ref = {"$ref": "#/components/schemas/ErrorBody"}  # declared by the endpoints
        public = self._public_operation_ids()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                declared = {
                    **COMMON_ERRORS,
                    **(WRITE_ERRORS if method.lower() not in ("get", "head", "options") else {}),
                    **(PATH_ERRORS if "{" in path else {}),
                }
                if operation.get("operationId") not in public:
                    declared.setdefault(403, WRITE_ERRORS[403])
                # ninja keys the endpoints' own statuses by int: one key per status, as JSON has
                # it (an int 401 and a str "401" were two keys with one name: Swagger UI refused)
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status, description in declared.items():
                    response = responses.setdefault(str(status), {"description": description})
                    response.setdefault("content", {"application/json": {"schema": error_ref}})
                responses["503"].setdefault(
                    "headers",
                    {
                        "Retry-After": {
                            "description": "Seconds to wait before retrying.",
                            "schema": {"type": "integer"},
                        }
                    },
                )
        _declare_shadowed_values(schema.get("paths", {}))
        return schema

    def _public_operation_ids(self) -> set[str]:
        """Operations anyone may call (auth=public): the only ones that never answer 403."""
        ids = set()
        for _prefix, router in self._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    if operation.auth_callbacks and all(
                        callback is public for callback in operation.auth_callbacks
                    ):
                        ids.add(self.get_openapi_operation_id(operation))
        return ids


def shadowed_values(paths: Any) -> dict[tuple[str, str], set[str]]:
    """{(templated path, parameter): the literals a static sibling path takes}: e.g.
    /procurements/{ref} never reaches a procurement whose reference is "ocds", because
    /procurements/ocds answers first. `core.models.RESERVED_SLUGS` keeps such slugs unused."""
    shadowed: dict[tuple[str, str], set[str]] = {}
    for path in paths:
        segments = path.split("/")
        for other in paths:
            others = other.split("/")
            if other == path or len(others) != len(segments):
                continue
            found: list[tuple[str, str]] = []
            for mine, theirs in zip(segments, others, strict=True):
                if mine.startswith("{") and not theirs.startswith("{"):
                    found.append((mine.strip("{}"), theirs))
                elif mine != theirs and not (mine.startswith("{") and theirs.startswith("{")):
                    break
            else:
                for name, literal in found:
                    shadowed.setdefault((path, name), set()).add(literal)
    return shadowed


def _declare_shadowed_values(paths: Any) -> None:
    for (path, name), literals in shadowed_values(paths).items():
        for operation in paths[path].values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") == name:
                    parameter["schema"] = {
                        **parameter["schema"],
                        "not": {"enum": sorted(literals)},
                    }


api = DocumentedAPI(
    title="urbanforum API",
    version="1",
    description=(
        "Every screen of urbanforum has its twin here. Authenticate with the browser session "
        "(send X-CSRFToken when writing) or a personal API token: `Authorization: Bearer uf_…` "
        "(create one on your profile page). Errors: {detail, errors: [{field, message}]}."
    ),
    urls_namespace="api",
    auth=private,
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_response(
    request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


def validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field if field != "__all__" else "", "message": str(msg)}
            for field, errs in exc.message_dict.items()
            for msg in errs
        ]
    return [{"field": "", "message": str(m)} for m in exc.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = validation_errors(exc)
    detail = "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
    )
    return error_response(request, 422, detail, errors)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    # The same field names and messages as a form validated by the same schema
    # (core.schemas): a validator's message comes without pydantic's "Value error, " prefix.
    errors = [{"field": field_of(err), "message": message_of(err)} for err in exc.errors]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or _("Invalid input.")
    return error_response(request, 422, detail, errors)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, str(exc) or _("You do not have permission to do this."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, str(exc) or _("Not found."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = (
        str(exc.message)
        if getattr(exc, "message", None) and str(exc.message) != "Unauthorized"
        else _("Log in or send an API token.")
    )
    return error_response(request, 401, message)


@api.exception_handler(TooManyAttempts)
def on_too_many_attempts(request: HttpRequest, exc: TooManyAttempts) -> HttpResponse:
    response = error_response(request, 429, str(exc))
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def on_other_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A database that is away → 503 with Retry-After; a body that cannot be read → 400/413; any
    other exception is a bug and goes on to Django (logged, the site's handler500)."""
    answer = site_errors.response_for(request, exc)
    if answer is None:
        raise exc
    return answer


MAX_PAGE = 1_000_000


class Page(PaginationBase):
    """?page=1&page_size=25 → {items, count, page, pages, page_size}."""

    class Input(Schema):
        # Bounded: a page number beyond this (2^63, say) is a 422, never an SQL offset overflow;
        # a page beyond the last one is an empty page.
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(25, ge=1, le=200)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int
        page_size: int

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        size = pagination.page_size
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * size
        return {
            "items": rows_of_page(queryset, offset, size),
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
            "page_size": size,
        }


class Health(Schema):
    status: str
    version: str


@api.get("/health", auth=public, response=Health, tags=["meta"])
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok", "version": __version__}
