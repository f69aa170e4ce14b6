"""Writes for working groups, discussions, events and mentoring."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.community.models import (
    Event,
    GroupDocument,
    GroupMembership,
    MentoringOffer,
    MentoringRequest,
    MentoringSession,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    Post,
    PostReport,
    PostRevision,
    Registration,
    RegistrationStatus,
    Thread,
    WorkingGroup,
)
from urbanforum.community.permissions import forget_groups
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.taxonomy import validate_domains
from urbanforum.processes.models import Process


def _domains(values: list[str] | None, field: str = "domains") -> list[str]:
    try:
        return validate_domains(list(values or []))
    except ValueError as exc:
        raise field_error(field, str(exc)) from None


# --- working groups ------------------------------------------------------------------------------
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
        domains=_domains(domains),
        visibility=visibility,
        lead=actor,
    )
    if WorkingGroup.objects.filter(name__iexact=group.name).exists():
        raise field_error("name", f"A working group called '{group.name}' already exists.")
    validate(group, exclude=["slug", "lead", "challenges", "processes"])
    group.save()
    GroupMembership.objects.create(group=group, user=actor, role="lead")
    audit.record(actor=actor, action="group.create", target=group, changes={"name": group.name})
    return group


@transaction.atomic
def group_update(*, actor: User, group: WorkingGroup, **fields: Any) -> WorkingGroup:
    require(actor, "community.change_group", group)
    allowed = {"name", "description", "domains", "visibility"}
    if set(fields) - allowed:
        raise field_error(sorted(set(fields) - allowed)[0], "This field cannot be changed.")
    if "domains" in fields:
        fields["domains"] = _domains(fields["domains"])
    changes = audit.diff(group, fields)
    for key, value in fields.items():
        setattr(group, key, value)
    validate(group, exclude=["slug", "lead", "challenges", "processes"])
    group.save()
    audit.record(actor=actor, action="group.update", target=group, changes=changes)
    return group


@transaction.atomic
def group_join(*, actor: User, group: WorkingGroup) -> GroupMembership:
    require(actor, "community.join_group", group)
    membership, _ = GroupMembership.objects.get_or_create(group=group, user=actor)
    forget_groups(actor)
    audit.record(actor=actor, action="group.join", target=group)
    return membership


@transaction.atomic
def group_leave(*, actor: User, group: WorkingGroup) -> None:
    membership = GroupMembership.objects.filter(group=group, user=actor).first()
    if membership is None:
        raise field_error("group", "You are not a member of this group.")
    if (
        membership.role == "lead"
        and not GroupMembership.objects.filter(group=group, role="lead")
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise field_error("group", "The lead hands the group over before leaving.")
    membership.delete()
    forget_groups(actor)
    audit.record(actor=actor, action="group.leave", target=group)


@transaction.atomic
def group_add_member(
    *, actor: User, group: WorkingGroup, user: User, role: str = "member"
) -> GroupMembership:
    require(actor, "community.change_group", group)
    if role not in ("lead", "member"):
        raise field_error("role", "A member is a lead or a member.")
    membership, created = GroupMembership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
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
        raise field_error("challenge", "Link a challenge or a process.")
    if challenge is not None:
        if not actor.has_perm("challenges.view_challenge", challenge):
            raise field_error("challenge", "You cannot see this challenge.")
        group.challenges.add(challenge)
    if process is not None:
        if not actor.has_perm("processes.view_process", process):
            raise field_error("process", "You cannot see this process.")
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
        raise field_error("file", "Upload a file or give a link.")
    doc = GroupDocument(group=group, title=(title or "").strip(), url=url.strip(), added_by=actor)
    validate(doc, exclude=["file", "added_by"])
    if file is not None:
        doc.file.save(file.name or "document", file, save=False)
    doc.save()
    audit.record(actor=actor, action="group.document", target=group, changes={"title": doc.title})
    return doc


# --- discussions ---------------------------------------------------------------------------------
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w][\w.-]*\w)")


def mentioned_users(body: str, *, readable_by: Thread) -> list[User]:
    """@someone@example.org or @local-part (when unique) — only people who can read the thread."""
    found: list[User] = []
    for handle in dict.fromkeys(MENTION.findall(body or "")):
        if "@" in handle:
            user = User.objects.filter(email__iexact=handle, is_active=True).first()
        else:
            matches = list(User.objects.filter(email__istartswith=f"{handle}@", is_active=True)[:2])
            user = matches[0] if len(matches) == 1 else None
        if (
            user is not None
            and user.has_perm("community.read_discussion", readable_by)
            and user not in found
        ):
            found.append(user)
    return found


def _thread_event(name: str, actor: User, thread: Thread, **payload: Any) -> None:
    emit(
        DomainEvent(
            name, actor.pk, {"thread_id": thread.pk, "thread_title": thread.title, **payload}
        )
    )


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise field_error("body", "Write something.")
    if len(body) > 20_000:
        raise field_error("body", "A post has at most 20,000 characters.")
    return body


@transaction.atomic
def thread_create(
    *,
    actor: User,
    title: str,
    body: str,
    group: WorkingGroup | None = None,
    process: Process | None = None,
) -> Thread:
    container = group if group is not None else process
    if container is None:
        raise field_error("group", "A discussion belongs to a working group or a process.")
    require(actor, "community.write_discussion", container)
    title = (title or "").strip()
    if not title:
        raise field_error("title", "Give the discussion a title.")
    thread = Thread(title=title[:200], group=group, process=process, author=actor)
    validate(thread, exclude=["author"])
    thread.save()
    post = Post.objects.create(thread=thread, author=actor, body=_body(body))
    audit.record(actor=actor, action="discussion.thread", target=thread, changes={"title": title})
    users = mentioned_users(post.body, readable_by=thread)
    if users:
        _thread_event(
            "community.mentioned", actor, thread, post_id=post.pk, user_ids=[u.pk for u in users]
        )
    return thread


@transaction.atomic
def post_reply(*, actor: User, thread: Thread, body: str) -> Post:
    require(actor, "community.write_discussion", thread)
    post = Post.objects.create(thread=thread, author=actor, body=_body(body))
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
    audit.record(actor=actor, action="discussion.reply", target=thread, changes={"post": post.pk})
    users = mentioned_users(post.body, readable_by=thread)
    ids = [u.pk for u in users]
    if users:
        _thread_event("community.mentioned", actor, thread, post_id=post.pk, user_ids=ids)
    _thread_event("community.replied", actor, thread, post_id=post.pk, user_ids=ids)
    return post


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    require(actor, "community.edit_post", post)
    post = Post.objects.select_for_update().get(pk=post.pk)
    new = _body(body)
    if new == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
    before = {u.pk for u in mentioned_users(post.body, readable_by=post.thread)}
    post.body = new
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    audit.record(
        actor=actor, action="discussion.edit", target=post.thread, changes={"post": post.pk}
    )
    added = [u.pk for u in mentioned_users(new, readable_by=post.thread) if u.pk not in before]
    if added:
        _thread_event("community.mentioned", actor, post.thread, post_id=post.pk, user_ids=added)
    return post


@transaction.atomic
def post_report(*, actor: User, post: Post, reason: str) -> PostReport:
    require(actor, "community.report_post", post)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Say what is wrong with the post.")
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=actor, reason=reason)
    except IntegrityError:
        raise field_error("post", "You already reported this post.") from None
    audit.record(
        actor=actor,
        action="discussion.report",
        target=post.thread,
        changes={"post": post.pk, "reason": reason},
    )
    _thread_event("community.post_reported", actor, post.thread, post_id=post.pk, reason=reason)
    return report


@transaction.atomic
def post_moderate(*, actor: User, post: Post, hide: bool, reason: str) -> Post:
    require(actor, "community.moderate", post)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Give the reason (it is shown with the hidden post).")
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.hidden_at = timezone.now() if hide else None
    post.hidden_by = actor if hide else None
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    PostReport.objects.filter(post=post, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    audit.record(
        actor=actor,
        action="discussion.hide" if hide else "discussion.restore",
        target=post.thread,
        changes={"post": post.pk, "reason": reason},
    )
    return post


# --- events --------------------------------------------------------------------------------------
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise field_error(
            "timezone", f"'{name}' is not a time zone such as Europe/Helsinki."
        ) from None


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    """Naive times are wall-clock times in the event's zone; everything is stored in UTC."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zone)
    return value.astimezone(ZoneInfo("UTC"))


EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "agenda",
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "online_url",
    "capacity",
)


def _check_event(event: Event) -> None:
    if not event.place and not event.online_url:
        raise field_error("place", "Give a place or an online link.")
    validate(event, exclude=["slug", "organiser", "group", "process"])


@transaction.atomic
def event_create(
    *,
    actor: User,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str = "Europe/Helsinki",
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    description: str = "",
    agenda: str = "",
    group: WorkingGroup | None = None,
    process: Process | None = None,
) -> Event:
    require(actor, "community.add_event")
    if group is not None and not (actor.has_perm("community.add_document", group)):
        raise field_error("group", "Only members of the group organise its events.")
    if process is not None and not actor.has_perm("processes.comment", process):
        raise field_error("process", "Only participants organise events of a process.")
    zone = _zone(timezone)
    if capacity is not None and capacity < 1:
        raise field_error("capacity", "The capacity is at least 1 (leave it empty for no limit).")
    event = Event(
        title=(title or "").strip(),
        kind=kind,
        starts_at=_aware(starts_at, zone),
        ends_at=_aware(ends_at, zone),
        timezone=timezone,
        place=place.strip(),
        online_url=online_url.strip(),
        capacity=capacity,
        description=description.strip(),
        agenda=agenda.strip(),
        group=group,
        process=process,
        organiser=actor,
    )
    _check_event(event)
    event.save()
    audit.record(actor=actor, action="event.create", target=event, changes={"title": event.title})
    emit(
        DomainEvent(
            "community.event_created",
            actor.pk,
            {"event_id": event.pk, "event_title": event.title, "group_id": event.group_id},
        )
    )
    return event


@transaction.atomic
def event_update(*, actor: User, event: Event, **fields: Any) -> Event:
    require(actor, "community.change_event", event)
    unknown = set(fields) - set(EVENT_FIELDS) - {"report"}
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be changed.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    zone = _zone(fields.get("timezone", event.timezone))
    for key in ("starts_at", "ends_at"):
        if key in fields and fields[key] is not None:
            fields[key] = _aware(fields[key], zone)
    if "capacity" in fields and fields["capacity"] is not None and fields["capacity"] < 1:
        raise field_error("capacity", "The capacity is at least 1 (leave it empty for no limit).")
    if "report" in fields and fields["report"] and not event.is_past:
        raise field_error("report", "The report is written after the event.")
    changes = audit.diff(event, fields)
    for key, value in fields.items():
        setattr(event, key, value.strip() if isinstance(value, str) else value)
    _check_event(event)
    event.save()
    _promote(event)  # more capacity: the waiting list moves up
    audit.record(actor=actor, action="event.update", target=event, changes=changes)
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: Event) -> Event:
    require(actor, "community.change_event", event)
    event.cancelled_at = timezone.now()
    event.save(update_fields=["cancelled_at"])
    audit.record(actor=actor, action="event.cancel", target=event)
    return event


def _promote(event: Event) -> list[Registration]:
    """Move people from the waiting list up, first come first served, while there is room.
    The caller holds the event row lock."""
    if event.capacity is None:
        waiting = list(event.registrations.filter(status=RegistrationStatus.WAITING))
    else:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        free = max(0, event.capacity - confirmed)
        waiting = list(
            event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
                "requested_at", "id"
            )[:free]
        )
    for reg in waiting:
        reg.status = RegistrationStatus.CONFIRMED
        reg.save(update_fields=["status", "updated_at"])
        emit(
            DomainEvent(
                "community.registration_promoted",
                None,
                {"event_id": event.pk, "event_title": event.title, "user_id": reg.user_id},
            )
        )
    return waiting


@transaction.atomic
def event_register(*, actor: User, event: Event) -> Registration:
    """Register, or join the waiting list when the event is full. Race-safe: the event row is
    locked while places are counted (select_for_update), so two people never get the last place."""
    require(actor, "community.register_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    existing = Registration.objects.filter(event=event, user=actor).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise field_error("event", "You are already registered (or on the waiting list).")
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).exists()
    full = event.capacity is not None and (confirmed >= event.capacity or waiting)
    status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
    if existing is not None:
        existing.status = status
        existing.requested_at = timezone.now()  # back of the queue
        existing.save(update_fields=["status", "requested_at", "updated_at"])
        reg = existing
    else:
        reg = Registration.objects.create(event=event, user=actor, status=status)
    audit.record(actor=actor, action="event.register", target=event, changes={"status": status})
    return reg


@transaction.atomic
def registration_cancel(*, actor: User, event: Event) -> Registration:
    event = Event.objects.select_for_update().get(pk=event.pk)
    reg = (
        Registration.objects.filter(event=event, user=actor)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if reg is None:
        raise field_error("event", "You are not registered for this event.")
    was = reg.status
    reg.status = RegistrationStatus.CANCELLED
    reg.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="event.unregister", target=event, changes={"was": was})
    if was == RegistrationStatus.CONFIRMED and event.cancelled_at is None:
        _promote(event)
    return reg


# --- mentoring -----------------------------------------------------------------------------------
@transaction.atomic
def offer_create(
    *, actor: User, topics: list[str], description: str, organisation: Organisation | None = None
) -> MentoringOffer:
    require(actor, "community.offer_mentoring")
    topics = _domains(topics, "topics")
    if not topics:
        raise field_error("topics", "Choose at least one topic.")
    if organisation is not None and not actor.has_perm(
        "accounts.change_organisation", organisation
    ):
        from urbanforum.accounts.permissions import is_org_editor

        if not is_org_editor(actor, organisation):
            raise field_error("organisation", "Offer on behalf of an administration you edit.")
    offer = MentoringOffer(
        mentor=actor,
        organisation=organisation,
        topics=topics,
        description=(description or "").strip(),
    )
    validate(offer, exclude=["mentor", "organisation"])
    offer.save()
    audit.record(actor=actor, action="mentoring.offer", target=offer, changes={"topics": topics})
    return offer


@transaction.atomic
def request_create(*, actor: User, challenge: Challenge, description: str) -> MentoringRequest:
    require(actor, "community.request_mentoring", challenge)
    org = challenge.owner_organisation or challenge.owner_city.administration
    if org is None:
        raise field_error("challenge", "The challenge's city has no administration on urbanforum.")
    req = MentoringRequest(
        challenge=challenge,
        organisation=org,
        requested_by=actor,
        description=(description or "").strip(),
    )
    validate(req, exclude=["requested_by"])
    req.save()
    audit.record(
        actor=actor, action="mentoring.request", target=req, changes={"challenge": challenge.slug}
    )
    return req


@transaction.atomic
def mentorship_propose(
    *, actor: User, request: MentoringRequest, offer: MentoringOffer, goals: str = ""
) -> Mentorship:
    """The asking city picks a proposed mentor; the mentor answers."""
    require(actor, "community.request_mentoring", request.challenge)
    if request.closed_at is not None:
        raise field_error("request", "This request is closed.")
    if not offer.active:
        raise field_error("offer", "This mentor no longer offers mentoring.")
    if (
        Mentorship.objects.filter(request=request, mentor=offer.mentor)
        .exclude(status=MentorshipStatus.DECLINED)
        .exists()
    ):
        raise field_error("offer", "You already asked this mentor.")
    mentorship = Mentorship.objects.create(
        request=request,
        mentor=offer.mentor,
        mentee_organisation=request.organisation,
        challenge=request.challenge,
        title=request.challenge.title,
        goals=(goals or "").strip(),
    )
    audit.record(
        actor=actor,
        action="mentoring.propose",
        target=mentorship,
        changes={"mentor": offer.mentor.email},
    )
    emit(
        DomainEvent(
            "community.mentoring_requested",
            actor.pk,
            {
                "request_id": request.pk,
                "title": mentorship.title,
                "user_ids": [offer.mentor_id],
            },
        )
    )
    return mentorship


def _mentee_people(mentorship: Mentorship) -> list[int]:
    from urbanforum.accounts.models import Membership

    return list(
        Membership.objects.filter(
            organisation=mentorship.mentee_organisation, role__in=["editor", "admin"]
        ).values_list("user_id", flat=True)
    )


@transaction.atomic
def mentorship_answer(*, actor: User, mentorship: Mentorship, accept: bool) -> Mentorship:
    require(actor, "community.answer_mentorship", mentorship)
    mentorship.status = MentorshipStatus.ACTIVE if accept else MentorshipStatus.DECLINED
    mentorship.started_at = timezone.now() if accept else None
    mentorship.save(update_fields=["status", "started_at"])
    audit.record(
        actor=actor, action="mentoring.accept" if accept else "mentoring.decline", target=mentorship
    )
    if accept:
        emit(
            DomainEvent(
                "community.mentorship_started",
                actor.pk,
                {
                    "mentorship_id": mentorship.pk,
                    "title": mentorship.title,
                    "user_ids": [mentorship.mentor_id, *_mentee_people(mentorship)],
                },
            )
        )
    return mentorship


@transaction.atomic
def session_record(
    *, actor: User, mentorship: Mentorship, held_on: date, notes: str = ""
) -> MentoringSession:
    require(actor, "community.record_session", mentorship)
    if held_on > timezone.localdate():
        raise field_error("held_on", "Record sessions that took place (the date is in the future).")
    session = MentoringSession.objects.create(
        mentorship=mentorship, held_on=held_on, notes=(notes or "").strip(), recorded_by=actor
    )
    audit.record(
        actor=actor, action="mentoring.session", target=mentorship, changes={"held_on": held_on}
    )
    return session


@transaction.atomic
def mentorship_end(*, actor: User, mentorship: Mentorship) -> Mentorship:
    require(actor, "community.end_mentorship", mentorship)
    mentorship.status = MentorshipStatus.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.save(update_fields=["status", "ended_at"])
    if mentorship.request_id:
        MentoringRequest.objects.filter(pk=mentorship.request_id).update(closed_at=timezone.now())
    audit.record(actor=actor, action="mentoring.end", target=mentorship)
    return mentorship


@transaction.atomic
def feedback_give(
    *, actor: User, mentorship: Mentorship, text: str, rating: int | None = None
) -> MentorshipFeedback:
    require(actor, "community.give_feedback", mentorship)
    side = "mentor" if mentorship.mentor_id == actor.pk else "mentee"
    if MentorshipFeedback.objects.filter(mentorship=mentorship, side=side).exists():
        raise field_error("text", f"The {side} side already gave feedback.")
    fb = MentorshipFeedback(
        mentorship=mentorship, side=side, author=actor, text=(text or "").strip(), rating=rating
    )
    validate(fb, exclude=["author"])
    fb.save()
    audit.record(
        actor=actor,
        action="mentoring.feedback",
        target=mentorship,
        changes={"side": side, "rating": rating},
    )
    return fb


__all__ = ["Q"]
