"""JSON twins of organisations, memberships, invitations, the profile and API tokens."""

from datetime import datetime
from typing import Any

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts import selectors, services
from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from urbanforum.accounts.schemas import (
    AccountDeletion,
    InvitationInput,
    OrganisationChanges,
    OrganisationInput,
    ProfileInput,
    TokenInput,
)
from urbanforum.core.api import ErrorBody, Page, public

router = Router(tags=["accounts"])

ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    country: str
    website: str
    description: str


class OrganisationFilterIn(Schema):
    search: str = ""
    kind: str = ""
    country: str = ""


class MemberOut(Schema):
    id: int
    email: str
    name: str
    role: str
    verified_via: str

    @staticmethod
    def resolve_email(obj: Membership) -> str:
        return obj.user.email

    @staticmethod
    def resolve_name(obj: Membership) -> str:
        return obj.user.display_name


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    created_at: datetime
    expires_at: datetime


class MembershipOut(Schema):
    organisation: str
    organisation_name: str
    role: str

    @staticmethod
    def resolve_organisation(obj: Membership) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_name(obj: Membership) -> str:
        return obj.organisation.name


class MeOut(Schema):
    email: str
    full_name: str
    job_title: str
    preferred_language: str
    is_coordinator: bool
    is_expert: bool
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    key: str


def _org(slug: str) -> Organisation:
    org = selectors.organisation_get(slug=slug)
    if org is None:
        raise Http404(f"Unknown organisation '{slug}'.")
    return org


def _me(user: User) -> dict[str, object]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "is_coordinator": user.is_coordinator,
        "is_expert": user.is_expert,
        "memberships": list(selectors.user_memberships(user=user)),
    }


@router.get("/organisations", response=list[OrganisationOut], auth=public)
@paginate(Page)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilterIn]
) -> QuerySet[Organisation]:
    return selectors.organisation_list(filters=selectors.OrganisationFilters(**filters.dict()))


@router.post("/organisations", response={201: OrganisationOut, **ERRORS})
def create_organisation(
    request: HttpRequest, payload: OrganisationInput
) -> tuple[int, Organisation]:
    org = services.organisation_create(actor=current_user(request), data=payload)
    return 201, org


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: ErrorBody}, auth=public)
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    return _org(slug)


@router.patch("/organisations/{slug}", response={200: OrganisationOut, **ERRORS})
def patch_organisation(
    request: HttpRequest, slug: str, payload: OrganisationChanges
) -> Organisation:
    return services.organisation_update(
        actor=current_user(request), organisation=_org(slug), changes=payload
    )


@router.get("/organisations/{slug}/members", response={200: list[MemberOut], **ERRORS})
def list_members(request: HttpRequest, slug: str) -> list[Membership]:
    user = current_user(request)
    org = _org(slug)
    if not user.has_perm("accounts.view_members", org):
        raise PermissionDenied(
            "Only members of this organisation and coordinators see its members."
        )
    return list(selectors.organisation_members(viewer=user, organisation=org))


@router.post("/organisations/{slug}/invitations", response={201: InvitationOut, **ERRORS})
def create_invitation(
    request: HttpRequest, slug: str, payload: InvitationInput
) -> tuple[int, Invitation]:
    invitation = services.invitation_create(
        actor=current_user(request),
        organisation=_org(slug),
        email=payload.email,
        role=payload.role,
    )
    return 201, invitation


@router.get("/me", response={200: MeOut, 401: ErrorBody})
def me(request: HttpRequest) -> dict[str, object]:
    return _me(current_user(request))


@router.put("/me", response={200: MeOut, **ERRORS})
def update_me(request: HttpRequest, payload: ProfileInput) -> dict[str, object]:
    return _me(services.profile_update(actor=current_user(request), profile=payload))


@router.get("/me/tokens", response={200: list[TokenOut], 401: ErrorBody})
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    return list(selectors.user_tokens(user=current_user(request)))


@router.post("/me/tokens", response={201: NewTokenOut, **ERRORS})
def create_token(request: HttpRequest, payload: TokenInput) -> tuple[int, dict[str, object]]:
    new = services.api_token_create(actor=current_user(request), name=payload.name)
    t = new.token
    return 201, {
        "id": t.pk,
        "name": t.name,
        "prefix": t.prefix,
        "created_at": t.created_at,
        "last_used_at": None,
        "revoked_at": None,
        "key": new.key,
    }


@router.delete("/me/tokens/{token_id}", response={204: None, **ERRORS})
def revoke_token(request: HttpRequest, token_id: int) -> tuple[int, None]:
    user = current_user(request)
    token = selectors.user_token_get(user=user, pk=token_id)
    if token is None:
        raise Http404("No ApiToken matches the given query.")  # as get_object_or_404 said
    services.api_token_revoke(actor=user, token=token)
    return 204, None


class PersonalDataOut(Schema):
    """Everything the platform holds about the caller (docs/personal-data.md describes each part)."""

    format: str
    exported_at: str
    profile: dict[str, Any]
    email_addresses: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    invitations: list[dict[str, Any]]
    api_tokens: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    records: dict[str, Any]


class AccountDeletedOut(Schema):
    detail: str


@router.get("/me/data", response={200: PersonalDataOut, 401: ErrorBody, 403: ErrorBody})
def my_data(request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    return selectors.personal_data_export(actor=user, user=user)


@router.post("/me/delete", response={200: AccountDeletedOut, **ERRORS})
def delete_me(request: HttpRequest, payload: AccountDeletion) -> dict[str, str]:
    """Delete the caller's account, confirmed with their password (as on the profile page)."""
    user = current_user(request)
    services.account_delete(actor=user, user=user, confirmation=payload)
    if request.user.is_authenticated and hasattr(request, "session"):
        logout(request)
    return {"detail": "The account was deleted."}
