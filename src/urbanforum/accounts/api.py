"""JSON twins of organisations, memberships, invitations, the profile and API tokens."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts import selectors, services
from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import ApiToken, Membership, Organisation, OrganisationKind, Role
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


class OrganisationIn(Schema):
    name: str
    kind: OrganisationKind
    country: str = ""
    website: str = ""
    description: str = ""
    email_domains: list[str] = []


class OrganisationPatchIn(Schema):
    name: str | None = None
    kind: OrganisationKind | None = None
    country: str | None = None
    website: str | None = None
    description: str | None = None
    email_domains: list[str] | None = None


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


class InvitationIn(Schema):
    email: str
    role: Role = Role.MEMBER


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


class ProfileIn(Schema):
    full_name: str
    job_title: str = ""
    preferred_language: str = "en"


class TokenIn(Schema):
    name: str


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
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise Http404(f"Unknown organisation '{slug}'.")
    return org


@router.get("/organisations", response=list[OrganisationOut], auth=public)
@paginate(Page)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilterIn]) -> Any:
    return selectors.organisation_list(**filters.dict())


@router.post("/organisations", response={201: OrganisationOut, **ERRORS})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Any:
    org = services.organisation_create(actor=current_user(request), **payload.dict())
    return 201, org


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: ErrorBody}, auth=public)
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    return _org(slug)


@router.patch("/organisations/{slug}", response={200: OrganisationOut, **ERRORS})
def patch_organisation(
    request: HttpRequest, slug: str, payload: OrganisationPatchIn
) -> Organisation:
    return services.organisation_update(
        actor=current_user(request),
        organisation=_org(slug),
        **payload.dict(exclude_unset=True),
    )


@router.get("/organisations/{slug}/members", response={200: list[MemberOut], **ERRORS})
def list_members(request: HttpRequest, slug: str) -> Any:
    org = _org(slug)
    if not request.user.has_perm("accounts.view_members", org):
        raise PermissionDenied(
            "Only members of this organisation and coordinators see its members."
        )
    return list(selectors.organisation_members(organisation=org))


@router.post("/organisations/{slug}/invitations", response={201: InvitationOut, **ERRORS})
def create_invitation(request: HttpRequest, slug: str, payload: InvitationIn) -> Any:
    invitation = services.invitation_create(
        actor=current_user(request),
        organisation=_org(slug),
        email=payload.email,
        role=payload.role,
    )
    return 201, invitation


@router.get("/me", response={200: MeOut, 401: ErrorBody})
def me(request: HttpRequest) -> Any:
    user = current_user(request)
    return {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "is_coordinator": user.is_coordinator,
        "is_expert": user.is_expert,
        "memberships": list(selectors.user_memberships(user=user)),
    }


@router.put("/me", response={200: MeOut, **ERRORS})
def update_me(request: HttpRequest, payload: ProfileIn) -> Any:
    services.profile_update(actor=current_user(request), **payload.dict())
    return me(request)


@router.get("/me/tokens", response={200: list[TokenOut], 401: ErrorBody})
def list_tokens(request: HttpRequest) -> Any:
    return list(ApiToken.objects.filter(user=current_user(request)))


@router.post("/me/tokens", response={201: NewTokenOut, **ERRORS})
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
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
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token = get_object_or_404(ApiToken, pk=token_id, user=current_user(request))
    services.api_token_revoke(actor=current_user(request), token=token)
    return 204, None
