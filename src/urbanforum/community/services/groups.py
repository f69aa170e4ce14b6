"""Writes for working groups: create, change, join, leave, members, links, documents."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.challenges.models import Challenge
from urbanforum.community.models import GroupDocument, GroupMembership, WorkingGroup
from urbanforum.community.permissions import forget_groups
from urbanforum.community.schemas import GroupChanges
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error, update, validate
from urbanforum.core.taxonomy import validate_domains
from urbanforum.processes.models import Process

GROUP_VALIDATE_EXCLUDE = ["slug", "lead", "challenges", "processes"]


def known_domains(values: list[str] | None, field: str = "domains") -> list[str]:
    """The domains, checked against the shared taxonomy (the error names `field`)."""
    try:
        return validate_domains(list(values or []))
    except ValueError as exc:
        raise field_error(field, str(exc)) from None


@transaction.atomic
def group_create(
    *,
    actor: User,
    name: str,
    description: str = "",
    domains: list[str] | None = None,
    visibility: str = "public",
) -> WorkingGroup:
    require(actor, "community.add_group")
    group = WorkingGroup(
        name=(name or "").strip(),
        description=(description or "").strip(),
        domains=known_domains(domains),
        visibility=visibility,
        lead=actor,
    )
    if WorkingGroup.objects.filter(name__iexact=group.name).exists():
        raise field_error(
            "name", _("A working group called '%(group)s' already exists.") % {"group": group.name}
        )
    validate(group, exclude=GROUP_VALIDATE_EXCLUDE)
    group.save()
    GroupMembership.objects.create(group=group, user=actor, role="lead")
    audit.record(actor=actor, action="group.create", target=group, changes={"name": group.name})
    return group


@transaction.atomic
def group_update(*, actor: User, group: WorkingGroup, changes: GroupChanges) -> WorkingGroup:
    require(actor, "community.change_group", group)
    values = changes.given()
    if "domains" in values:
        values["domains"] = known_domains(values["domains"])
    updated = update(
        group,
        actor=actor,
        values=values,
        action="group.update",
        validate_exclude=GROUP_VALIDATE_EXCLUDE,
    )
    forget(group)  # who may see it may have changed
    return updated.instance


@transaction.atomic
def group_join(*, actor: User, group: WorkingGroup) -> GroupMembership:
    require(actor, "community.join_group", group)
    membership, _ = GroupMembership.objects.get_or_create(group=group, user=actor)
    forget_groups(actor)
    forget(group)
    audit.record(actor=actor, action="group.join", target=group)
    return membership


@transaction.atomic
def group_leave(*, actor: User, group: WorkingGroup) -> None:
    membership = GroupMembership.objects.filter(group=group, user=actor).first()
    if membership is None:
        raise field_error("group", _("You are not a member of this group."))
    if (
        membership.role == "lead"
        and not GroupMembership.objects.filter(group=group, role="lead")
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise field_error("group", _("The lead hands the group over before leaving."))
    membership.delete()
    forget_groups(actor)
    forget(group)
    audit.record(actor=actor, action="group.leave", target=group)


@transaction.atomic
def group_add_member(
    *, actor: User, group: WorkingGroup, user: User, role: str = "member"
) -> GroupMembership:
    require(actor, "community.change_group", group)
    if role not in ("lead", "member"):
        raise field_error("role", _("A member is a lead or a member."))
    membership, created = GroupMembership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    forget_groups(user)
    forget(group)
    audit.record(
        actor=actor,
        action="group.add_member",
        target=group,
        changes={"user": user.email, "role": role},
    )
    return membership


@transaction.atomic
def group_link(
    *,
    actor: User,
    group: WorkingGroup,
    challenge: Challenge | None = None,
    process: Process | None = None,
) -> WorkingGroup:
    require(actor, "community.change_group", group)
    if challenge is None and process is None:
        raise field_error("challenge", _("Link a challenge or a process."))
    if challenge is not None:
        if not actor.has_perm("challenges.view_challenge", challenge):
            raise field_error("challenge", _("You cannot see this challenge."))
        group.challenges.add(challenge)
    if process is not None:
        if not actor.has_perm("processes.view_process", process):
            raise field_error("process", _("You cannot see this process."))
        group.processes.add(process)
    audit.record(
        actor=actor,
        action="group.link",
        target=group,
        changes={
            "challenge": getattr(challenge, "slug", ""),
            "process": getattr(process, "slug", ""),
        },
    )
    return group


@transaction.atomic
def document_add(
    *, actor: User, group: WorkingGroup, title: str, file: UploadedFile | None = None, url: str = ""
) -> GroupDocument:
    require(actor, "community.add_document", group)
    if file is None and not url:
        raise field_error("file", _("Upload a file or give a link."))
    doc = GroupDocument(group=group, title=(title or "").strip(), url=url.strip(), added_by=actor)
    validate(doc, exclude=["file", "added_by"])
    if file is not None:
        doc.file.save(file.name or "document", file, save=False)
    doc.save()
    audit.record(actor=actor, action="group.document", target=group, changes={"title": doc.title})
    return doc
