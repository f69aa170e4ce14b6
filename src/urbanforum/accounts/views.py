from __future__ import annotations

import contextlib
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts import selectors, services
from urbanforum.accounts.forms import (
    AccountDeletionForm,
    InvitationForm,
    OrganisationEditForm,
    OrganisationForm,
    ProfileForm,
    RoleForm,
    TokenForm,
)
from urbanforum.accounts.http import AuthedRequest
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, User
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page


def _organisation(slug: str) -> Organisation:
    org = selectors.organisation_get(slug=slug)
    if org is None:
        raise Http404(_("No such organisation."))
    return org


def _membership(slug: str, membership_id: int) -> Membership:
    membership = selectors.membership_get(pk=membership_id, organisation_slug=slug)
    if membership is None:
        raise Http404(_("No such membership."))
    return membership


def organisation_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.OrganisationFilters,
        rows=lambda filters: selectors.organisation_list(filters=filters),
        template="accounts/organisation_list.html",
        fragment="accounts/organisation_list.html",  # the page has no htmx part
        extra={"kinds": OrganisationKind.choices},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    org = _organisation(slug)
    can_view_members = request.user.has_perm("accounts.view_members", org)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": org,
            "members": selectors.organisation_members(viewer=request.user, organisation=org)
            if can_view_members
            else None,
            "cities": selectors.organisation_cities(organisation=org),
            "can_edit": request.user.has_perm("accounts.change_organisation", org),
            "can_manage": request.user.has_perm("accounts.manage_members", org),
        },
    )


@login_required
def organisation_create(request: AuthedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(actor=request.user, data=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The organisation was created; you are its admin."))
            return redirect("accounts:organisation_detail", slug=org.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


@login_required
def organisation_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    org = _organisation(slug)
    if not request.user.has_perm("accounts.change_organisation", org):
        raise PermissionDenied(_("Only the organisation's admins and coordinators can edit it."))
    initial = {
        "name": org.name,
        "kind": org.kind,
        "country": org.country,
        "website": org.website,
        "description": org.description,
        "email_domains": " ".join(org.email_domains),
    }
    form = OrganisationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=org, changes=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("accounts:organisation_detail", slug=org.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": org})


@login_required
def organisation_members(request: AuthedRequest, slug: str) -> HttpResponse:
    org = _organisation(slug)
    if not request.user.has_perm("accounts.manage_members", org):
        raise PermissionDenied(_("Only the organisation's admins and coordinators manage members."))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = form.validated
        try:
            services.invitation_create(
                actor=request.user,
                organisation=org,
                email=invitation.email,
                role=invitation.role,
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
            "members": selectors.organisation_members(viewer=request.user, organisation=org),
            "invitations": selectors.organisation_open_invitations(
                viewer=request.user, organisation=org
            ),
            "form": form,
            "role_form": RoleForm(),
        },
    )


@login_required
@require_POST
def membership_role(request: AuthedRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership(slug, membership_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"role": [_("Choose a role.")]})
        services.membership_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Role changed."))
    return redirect("accounts:organisation_members", slug=slug)


@login_required
@require_POST
def membership_remove(request: AuthedRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership(slug, membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Member removed."))
    if request.user.has_perm("accounts.manage_members", membership.organisation):
        return redirect("accounts:organisation_members", slug=slug)
    return redirect("accounts:profile")


@login_required
def invitation_accept(request: AuthedRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("You joined %(org)s.") % {"org": membership.organisation.name}
            )
            return redirect("accounts:organisation_detail", slug=membership.organisation.slug)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "job_title": user.job_title,
            "preferred_language": user.preferred_language,
            "time_zone": user.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=user, profile=form.validated)
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
            "tokens": selectors.user_tokens(user=user),
            "token_form": TokenForm(),
            "new_key": request.session.pop("new_api_key", None),
        },
    )


@login_required
@require_POST
def token_create(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        new = services.api_token_create(actor=request.user, name=form.validated.name)
        request.session["new_api_key"] = new.key
        messages.success(request, _("Token created. Copy it now: it is shown only once."))
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = selectors.user_token_get(user=request.user, pk=token_id)
    if token is None:
        raise Http404(_("No such token."))
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


@login_required
def personal_data_download(request: AuthedRequest) -> HttpResponse:
    """ "Download my data": everything the platform holds about the person, as a JSON file."""
    data = selectors.personal_data_export(actor=request.user, user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="urbanforum-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request: AuthedRequest) -> HttpResponse:
    """ "Delete my account", confirmed with the password."""
    if not request.user.has_perm("accounts.delete_account", request.user):
        raise PermissionDenied("Only you can delete your account.")
    form = AccountDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(
                actor=request.user, user=request.user, confirmation=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account was deleted. What you wrote in shared spaces stays, "
                    "signed “former member”."
                ),
            )
            return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's `set_language` (the cookie, for visitors), and for a
    logged-in person also their own language, which wins over the cookie (core.i18n)."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    if request.user.is_authenticated:
        person = User.objects.get(pk=request.user.pk)  # the user itself, not its lazy wrapper
        # An unknown language changes nothing: Django's view ignored it too.
        with contextlib.suppress(ValidationError):
            services.profile_language_set(actor=person, language=request.POST.get("language", ""))
    return response
