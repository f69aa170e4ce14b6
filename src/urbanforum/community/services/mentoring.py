"""Writes for mentoring: offers, requests, proposing a mentor, the mentor's answer, sessions,
ending and feedback from both sides."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.accounts.permissions import is_org_editor
from urbanforum.challenges.models import Challenge
from urbanforum.community.models import (
    MentoringOffer,
    MentoringRequest,
    MentoringSession,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
)
from urbanforum.community.selectors.mentoring import mentee_editors
from urbanforum.community.services.groups import known_domains
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate


@transaction.atomic
def offer_create(
    *, actor: User, topics: list[str], description: str, organisation: Organisation | None = None
) -> MentoringOffer:
    require(actor, "community.offer_mentoring")
    topics = known_domains(topics, "topics")
    if not topics:
        raise field_error("topics", _("Choose at least one topic."))
    if (
        organisation is not None
        and not actor.has_perm("accounts.change_organisation", organisation)
        and not is_org_editor(actor, organisation)
    ):
        raise field_error("organisation", _("Offer on behalf of an administration you edit."))
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
        raise field_error(
            "challenge", _("The challenge's city has no administration on urbanforum.")
        )
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
        raise field_error("request", _("This request is closed."))
    if not offer.active:
        raise field_error("offer", _("This mentor no longer offers mentoring."))
    if (
        Mentorship.objects.filter(request=request, mentor=offer.mentor)
        .exclude(status=MentorshipStatus.DECLINED)
        .exists()
    ):
        raise field_error("offer", _("You already asked this mentor."))
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
                    "user_ids": [mentorship.mentor_id, *mentee_editors(mentorship=mentorship)],
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
        raise field_error(
            "held_on", _("Record sessions that took place (the date is in the future).")
        )
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
        raise field_error("text", _("The %(side)s side already gave feedback.") % {"side": side})
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
