"""Writes of review rounds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.impact.models import Pilot
from urbanforum.reviews.models import RUBRIC, Assignment, Review, ReviewRound, RoundStatus


def round_create(*, actor: User, pilot: Pilot, title: str, due_date: Any = None) -> ReviewRound:
    require(actor, "impact.change_pilot", pilot)
    with transaction.atomic():
        r = ReviewRound(
            title=title.strip() or f"Review of {pilot.title}",
            pilot=pilot,
            organisation=pilot.organisation,
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
    require(actor, "reviews.manage_round", round)
    if round.status != RoundStatus.OPEN:
        raise field_error("status", "The round is closed.")
    if reviewer.memberships.filter(organisation=round.organisation).exists():
        raise field_error(
            "reviewer",
            "Reviewers come from other cities or are experts, not from the reviewed organisation.",
        )
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
        raise field_error("reviewer", f"{reviewer.email} is already a reviewer.") from exc
    return a


def review_submit(
    *,
    actor: User,
    round: ReviewRound,
    findings: str,
    what_worked: str = "",
    what_did_not: str = "",
    **scores: Any,
) -> Review:
    require(actor, "reviews.submit_review", round)
    if not findings.strip():
        raise field_error("findings", "Write your findings.")
    with transaction.atomic():
        r = ReviewRound.objects.select_for_update().get(pk=round.pk)
        if r.status != RoundStatus.OPEN:
            raise field_error("status", "The round is closed.")
        a = Assignment.objects.select_for_update().get(round=r, reviewer=actor)
        if Review.objects.filter(assignment=a).exists():
            raise field_error("findings", "You have already submitted your review.")
        values = {}
        for key, _label in RUBRIC:
            raw = scores.get(key)
            try:
                values[key] = int(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise field_error(key, "Score from 1 to 5.") from None
        review = Review(
            assignment=a,
            findings=findings.strip(),
            what_worked=what_worked.strip(),
            what_did_not=what_did_not.strip(),
            submitted_at=timezone.now(),
            **values,
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
            raise field_error("status", "The round is already closed.")
        if not Review.objects.filter(assignment__round=r).exists():
            raise field_error("status", "Close the round once at least one review is in.")
        r.status = RoundStatus.CLOSED
        r.save(update_fields=["status"])
        record(actor=actor, action="reviews.close", target=r)
        emit(DomainEvent("reviews.closed", actor.pk, {"round_id": r.pk}))
    return r


def may_act(user: Any, round: ReviewRound) -> bool:
    return bool(user.has_perm("reviews.manage_round", round))


__all__ = ["PermissionDenied"]
