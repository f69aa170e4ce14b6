from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts import selectors, services
from urbanforum.accounts.forms import (
    InvitationForm,
    OrganisationForm,
    ProfileForm,
    RoleForm,
    TokenForm,
)
from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
)
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate


def organisation_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.organisation_list(
        search=request.GET.get("q", "").strip(),
        kind=request.GET.get("kind", ""),
        country=request.GET.get("country", ""),
    )
    page_info = paginate(qs, page=request.GET.get("page"), params=request.GET)
    return render(
        request,
        "accounts/organisation_list.html",
        {
            "page_info": page_info,
            "kinds": OrganisationKind.choices,
            "q": request.GET.get("q", ""),
            "kind": request.GET.get("kind", ""),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation, slug=slug)
    can_view_members = request.user.has_perm("accounts.view_members", org)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": org,
            "members": selectors.organisation_members(organisation=org)
            if can_view_members
            else None,
            "cities": org.represented_cities.all(),
            "can_edit": request.user.has_perm("accounts.change_organisation", org),
            "can_manage": request.user.has_perm("accounts.manage_members", org),
        },
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(actor=current_user(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The organisation was created; you are its admin."))
            return redirect("accounts:organisation_detail", slug=org.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("accounts.change_organisation", org):
        raise PermissionDenied("Only the organisation's admins and coordinators can edit it.")
    initial = {
        "name": org.name,
        "kind": org.kind,
        "country": org.country,
        "website": org.website,
        "description": org.description,
        "email_domains": " ".join(org.email_domains),
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=current_user(request), organisation=org, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("accounts:organisation_detail", slug=org.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": org})


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("accounts.manage_members", org):
        raise PermissionDenied("Only the organisation's admins and coordinators manage members.")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=current_user(request), organisation=org, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            return redirect("accounts:organisation_members", slug=org.slug)
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": org,
            "members": selectors.organisation_members(organisation=org),
            "invitations": selectors.organisation_open_invitations(organisation=org),
            "form": form,
            "role_form": RoleForm(),
        },
    )


@login_required
@require_POST
def membership_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_id, organisation__slug=slug)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"role": ["Choose a role."]})
        services.membership_set_role(
            actor=current_user(request), membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Role changed."))
    return redirect("accounts:organisation_members", slug=slug)


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_id, organisation__slug=slug)
    try:
        services.membership_remove(actor=current_user(request), membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Member removed."))
    if request.user.has_perm("accounts.manage_members", membership.organisation):
        return redirect("accounts:organisation_members", slug=slug)
    return redirect("accounts:profile")


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=current_user(request), token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("You joined %(org)s.") % {"org": membership.organisation.name}
            )
            return redirect("accounts:organisation_detail", slug=membership.organisation.slug)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "job_title": user.job_title,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": selectors.user_memberships(user=user),
            "tokens": ApiToken.objects.filter(user=user),
            "token_form": TokenForm(),
            "new_key": request.session.pop("new_api_key", None),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        new = services.api_token_create(actor=current_user(request), name=form.cleaned_data["name"])
        request.session["new_api_key"] = new.key
        messages.success(request, _("Token created. Copy it now: it is shown only once."))
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=current_user(request))
    services.api_token_revoke(actor=current_user(request), token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


__all__ = ["paginate"]
