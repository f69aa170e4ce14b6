"""Writes of review rounds. Each action takes typed arguments; a review its validated input
(`schemas.ReviewInput`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.cities.models import City
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.impact.models import Pilot
from urbanforum.processes.models import Process
from urbanforum.procurement.process_link import lead_organisation
from urbanforum.reviews import eligibility
from urbanforum.reviews.models import (
    Assignment,
    Response,
    Review,
    ReviewerKind,
    ReviewRound,
    RoundStatus,
)
from urbanforum.reviews.schemas import ReviewInput


def round_create(
    *,
    actor: User,
    pilot: Pilot | None = None,
    process: Process | None = None,
    title: str = "",
    due_date: date | None = None,
) -> ReviewRound:
    """A review round on a pilot, on a process's Evaluation phase, or both. On a pilot: its editors
    (and coordinators); on a process: its lead and coordinators (`processes.change_process`)."""
    if pilot is None and process is None:
        raise field_error("pilot", _("Say what is reviewed: a pilot or a process."))
    if pilot is not None:
        require(actor, "impact.change_pilot", pilot)
    if process is not None:
        require(actor, "processes.change_process", process)
        if pilot is not None and pilot.process_id not in (None, process.pk):
            raise field_error("pilot", _("This pilot belongs to another process."))
    organisation: Organisation | None
    if pilot is not None:
        organisation, subject = pilot.organisation, pilot.title
    else:
        assert process is not None  # checked above
        organisation, subject = lead_organisation(process), process.title
    if organisation is None:
        raise field_error("process", _("The process has no lead organisation."))
    with transaction.atomic():
        r = ReviewRound(
            title=title.strip() or f"Review of {subject}",
            pilot=pilot,
            process=process,
            organisation=organisation,
            due_date=due_date,
            created_by=actor,
        )
        validate(r)
        r.save()
        record(actor=actor, action="reviews.round_create", target=r)
        emit(DomainEvent("reviews.round_created", actor.pk, {"round_id": r.pk}))
    return r


def reviewer_assign(
    *, actor: User, round: ReviewRound, reviewer: User, kind: str = "peer", city: City | None = None
) -> Assignment:
    """Assign a reviewer: an expert (platform role) as an expert, an official of a city as that
    city's peer (the city is found from their administration when not named); never a person of
    what is reviewed (`eligibility`). A reviewer who declined is invited again (their answer is
    cleared, the earlier reason kept in the audit trail)."""
    require(actor, "reviews.manage_round", round)
    if round.status != RoundStatus.OPEN:
        raise field_error("status", _("The round is closed."))
    declined = Assignment.objects.filter(
        round=round, reviewer=reviewer, response=Response.DECLINED
    ).first()
    if declined is not None:
        return _invite_again(actor, declined)
    if kind == ReviewerKind.PEER and city is None:
        city = eligibility.peer_city_of(reviewer, round)
    if kind == ReviewerKind.EXPERT:
        city = None
    try:
        eligibility.check(r=round, reviewer=reviewer, kind=kind, city=city)
    except eligibility.Ineligible as exc:
        raise field_error(exc.field, exc.message) from exc
    try:
        with transaction.atomic():
            a = Assignment(round=round, reviewer=reviewer, kind=kind, city=city)
            validate(a, exclude=["round", "reviewer"])
            a.save()
            record(
                actor=actor,
                action="reviews.assign",
                target=round,
                changes={"reviewer": reviewer.email},
            )
            emit(
                DomainEvent(
                    "reviews.assigned", actor.pk, {"round_id": round.pk, "user_id": reviewer.pk}
                )
            )
    except IntegrityError as exc:
        raise field_error(
            "reviewer", _("%(email)s is already a reviewer.") % {"email": reviewer.email}
        ) from exc
    return a


@transaction.atomic
def _invite_again(actor: User, declined: Assignment) -> Assignment:
    a = Assignment.objects.select_for_update().get(pk=declined.pk)
    if a.response != Response.DECLINED:  # answered meanwhile: nothing to renew
        raise field_error(
            "reviewer", _("%(email)s is already a reviewer.") % {"email": a.reviewer.email}
        )
    record(
        actor=actor,
        action="reviews.invite_again",
        target=a.round,
        changes={"reviewer": a.reviewer.email, "declined_because": a.decline_reason},
    )
    a.response, a.responded_at, a.decline_reason = Response.INVITED, None, ""
    a.save(update_fields=["response", "responded_at", "decline_reason"])
    emit(
        DomainEvent(
            "reviews.assigned", actor.pk, {"round_id": a.round_id, "user_id": a.reviewer_id}
        )
    )
    return a


# Why a reviewer who has not accepted cannot review (the refusal's text, read when raised).
NOT_ACCEPTED: dict[str, Callable[[], str]] = {
    Response.INVITED: lambda: _("Accept the invitation to review before you submit your review."),
    Response.DECLINED: lambda: _("You declined this invitation to review."),
}


def _invitation(actor: User, round: ReviewRound) -> Assignment:
    """The actor's assignment in an open round, locked (the invitation they answer)."""
    require(actor, "reviews.answer_invitation", round)
    r = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if r.status != RoundStatus.OPEN:
        raise field_error("status", _("The round is closed."))
    a = Assignment.objects.select_for_update().filter(round=r, reviewer=actor).first()
    if a is None:  # has_perm lets a superuser through
        raise PermissionDenied(_("Only the invited reviewers answer an invitation."))
    return a


def invitation_accept(*, actor: User, round: ReviewRound) -> Assignment:
    """The invited reviewer accepts: from now on they may submit their review."""
    with transaction.atomic():
        a = _invitation(actor, round)
        if a.response == Response.ACCEPTED:
            raise field_error("response", _("You have already accepted this invitation."))
        if a.response == Response.DECLINED:
            raise field_error(
                "response",
                _("You declined this invitation; ask the round's organiser to invite you again."),
            )
        a.response, a.responded_at = Response.ACCEPTED, timezone.now()
        a.save(update_fields=["response", "responded_at"])
        record(actor=actor, action="reviews.accept", target=a.round)
        emit(DomainEvent("reviews.accepted", actor.pk, {"round_id": a.round_id}))
    return a


def invitation_decline(*, actor: User, round: ReviewRound, reason: str = "") -> Assignment:
    """The invited (or accepted, before reviewing) reviewer declines, optionally saying why; the
    round's organiser is told so they can invite someone else."""
    reason = reason.strip()
    if len(reason) > 2000:
        raise field_error("reason", _("Keep the reason under 2,000 characters."))
    with transaction.atomic():
        a = _invitation(actor, round)
        if a.response == Response.DECLINED:
            raise field_error("response", _("You have already declined this invitation."))
        if Review.objects.filter(assignment=a).exists():
            raise field_error("response", _("You have already submitted your review."))
        a.response, a.responded_at, a.decline_reason = Response.DECLINED, timezone.now(), reason
        a.save(update_fields=["response", "responded_at", "decline_reason"])
        record(actor=actor, action="reviews.decline", target=a.round, changes={"reason": reason})
        emit(
            DomainEvent(
                "reviews.declined", actor.pk, {"round_id": a.round_id, "assignment_id": a.pk}
            )
        )
    return a


def review_submit(*, actor: User, round: ReviewRound, data: ReviewInput) -> Review:
    """Submit one's review. The assignment's rule is checked again: a reviewer who has since joined
    what is reviewed, left the city they review for, or lost the expert role is refused."""
    if not (
        round.status == RoundStatus.OPEN
        and round.assignments.filter(reviewer_id=getattr(actor, "pk", None)).exists()
    ):
        require(actor, "reviews.submit_review", round)  # the permission's own refusal
    if not data.findings.strip():
        raise field_error("findings", _("Write your findings."))
    with transaction.atomic():
        r = ReviewRound.objects.select_for_update().get(pk=round.pk)
        if r.status != RoundStatus.OPEN:
            raise field_error("status", _("The round is closed."))
        a = Assignment.objects.select_for_update().filter(round=r, reviewer=actor).first()
        if a is None:  # has_perm lets a superuser through
            raise PermissionDenied(_("Only the assigned reviewers review."))
        if a.response != Response.ACCEPTED:
            raise PermissionDenied(NOT_ACCEPTED[a.response]())
        try:
            eligibility.check(r=r, reviewer=actor, kind=a.kind, city=a.city)
        except eligibility.Ineligible as exc:
            raise PermissionDenied(exc.message) from exc
        if Review.objects.filter(assignment=a).exists():
            raise field_error("findings", _("You have already submitted your review."))
        review = Review(
            assignment=a,
            findings=data.findings.strip(),
            what_worked=data.what_worked.strip(),
            what_did_not=data.what_did_not.strip(),
            submitted_at=timezone.now(),
            **data.scores(),
        )
        validate(review, exclude=["assignment"])
        review.save()
        record(actor=actor, action="reviews.submit", target=r)
        emit(DomainEvent("reviews.submitted", actor.pk, {"round_id": r.pk}))
    return review


def round_close(*, actor: User, round: ReviewRound) -> ReviewRound:
    require(actor, "reviews.manage_round", round)
    with transaction.atomic():
        r = ReviewRound.objects.select_for_update().get(pk=round.pk)
        if r.status == RoundStatus.CLOSED:
            raise field_error("status", _("The round is already closed."))
        if not Review.objects.filter(assignment__round=r).exists():
            raise field_error("status", _("Close the round once at least one review is in."))
        r.status = RoundStatus.CLOSED
        r.save(update_fields=["status"])
        record(actor=actor, action="reviews.close", target=r)
        emit(DomainEvent("reviews.closed", actor.pk, {"round_id": r.pk}))
    return r
