"""Follow-up and promotion (writes): turn a finished process into a good practice (a draft
pre-filled from the challenge, the pilots' KPIs and impact, and the review findings — read by
`selectors.practice_draft_fields` — for its owner to edit and publish in the practices app), track
the cities that reused a practice, and policy recommendations attached to a process or a working
group."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.community.models import WorkingGroup
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.schemas import parse
from urbanforum.core.services import field_error, validate
from urbanforum.impact.models import Pilot
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.services import practice_create
from urbanforum.processes.models import Process
from urbanforum.procurement.selectors import represented_city
from urbanforum.reviews import selectors
from urbanforum.reviews.models import (
    Adoption,
    PolicyRecommendation,
    ProcessPractice,
    RecommendationStatus,
)


def practice_from_process(*, actor: User, process: Process) -> GoodPractice:
    """One action: a finished process → a draft GoodPractice of the challenge's owner city. Running
    it again returns the same draft."""
    require(actor, "processes.change_process", process)
    existing = selectors.process_practice(process=process)
    if existing is not None:
        return existing
    if not selectors.is_finished(process):
        raise field_error(
            "process",
            _(
                "Only a finished process (Follow-up, result published or closed) becomes a good practice."
            ),
        )
    fields = {
        k: v for k, v in selectors.practice_draft_fields(process).items() if v not in (None, "", [])
    }
    with transaction.atomic():
        practice = practice_create(
            actor=actor, city=process.challenge.owner_city, fields=parse(PracticeFields, fields)
        )
        try:
            ProcessPractice.objects.create(process=process, practice=practice, created_by=actor)
        except IntegrityError as exc:  # a concurrent click won
            raise field_error("process", _("The good practice is being created already.")) from exc
        record(
            actor=actor,
            action="reviews.practice_from_process",
            target=process,
            changes={"practice": practice.slug},
        )
        emit(
            DomainEvent(
                "followup.practice_drafted",
                actor.pk,
                {"process_id": process.pk, "practice_id": practice.pk},
            )
        )
    return practice


def adoption_record(
    *,
    actor: User,
    practice: GoodPractice,
    organisation: Organisation,
    note: str = "",
    pilot: Pilot | None = None,
) -> Adoption:
    """A city says it reused a published practice."""
    require(actor, "practices.view_goodpractice", practice)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied(
            _("Only editors of the city's administration can record that it reused a practice.")
        )
    city = represented_city(organisation)
    if city is None:
        raise field_error("organisation", _("This organisation does not represent a city."))
    if city.pk == practice.city_id:
        raise field_error("organisation", _("The practice's own city cannot adopt it."))
    try:
        with transaction.atomic():
            a = Adoption.objects.create(
                practice=practice,
                city=city,
                organisation=organisation,
                note=note.strip(),
                pilot=pilot,
                created_by=actor,
            )
            record(
                actor=actor, action="reviews.adoption", target=practice, changes={"city": city.name}
            )
            emit(
                DomainEvent(
                    "followup.adopted", actor.pk, {"practice_id": practice.pk, "city_id": city.pk}
                )
            )
    except IntegrityError as exc:
        raise field_error(
            "organisation",
            _("%(city)s has already recorded that it reused this.") % {"city": city.name},
        ) from exc
    return a


def recommendation_create(
    *,
    actor: User,
    title: str,
    body: str,
    process: Process | None = None,
    working_group: WorkingGroup | None = None,
) -> PolicyRecommendation:
    if process is not None:
        require(actor, "processes.change_process", process)
    if working_group is not None:
        require(actor, "community.change_group", working_group)
    with transaction.atomic():
        rec = PolicyRecommendation(
            title=title.strip(),
            body=body.strip(),
            process=process,
            working_group=working_group,
            created_by=actor,
        )
        validate(rec)
        rec.save()
        record(actor=actor, action="reviews.recommendation_create", target=rec)
    return rec


def recommendation_publish(
    *, actor: User, recommendation: PolicyRecommendation
) -> PolicyRecommendation:
    if recommendation.process is not None:
        require(actor, "processes.change_process", recommendation.process)
    else:
        require(actor, "community.change_group", recommendation.working_group)
    with transaction.atomic():
        rec = PolicyRecommendation.objects.select_for_update().get(pk=recommendation.pk)
        if rec.status == RecommendationStatus.PUBLISHED:
            raise field_error("status", _("Already published."))
        rec.status = RecommendationStatus.PUBLISHED
        rec.published_at = timezone.now()
        rec.save()
        record(actor=actor, action="reviews.recommendation_publish", target=rec)
        emit(
            DomainEvent(
                "followup.recommendation_published", actor.pk, {"recommendation_id": rec.pk}
            )
        )
    return rec
