"""Where a published good practice came from, for its page (the practices app's `related`
registry, filled in ReviewsConfig.ready()): the process it was drafted from, that process's
pilots, the joint procurements they were bought through and the review rounds — each only when
the reader may see it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from urbanforum.impact.models import Pilot
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.related import RelatedLink
from urbanforum.procurement.models import JointProcurement
from urbanforum.reviews.models import ProcessPractice, ReviewRound


def practice_origin(practice: GoodPractice, user: Any) -> list[RelatedLink]:
    link = ProcessPractice.objects.filter(practice=practice).select_related("process").first()
    if link is None:
        return []
    process = link.process
    links: list[RelatedLink] = []
    if user.has_perm("processes.view_process", process):
        links.append(
            RelatedLink(
                "process",
                _("The collaboration process"),
                process.title,
                reverse("processes:detail", args=[process.slug]),
            )
        )
    pilots = list(Pilot.objects.filter(process=process).order_by("start_date", "pk"))
    for pilot in pilots:
        if user.has_perm("impact.view_pilot", pilot):
            links.append(
                RelatedLink(
                    "pilot", _("Pilot"), pilot.title, reverse("impact:detail", args=[pilot.slug])
                )
            )
    procurements = JointProcurement.objects.filter(
        Q(process=process) | Q(pk__in=[p.procurement_id for p in pilots if p.procurement_id])
    ).order_by("pk")
    for procurement in procurements:
        if user.has_perm("procurement.view_jointprocurement", procurement):
            links.append(
                RelatedLink(
                    "procurement",
                    _("Joint procurement"),
                    procurement.title,
                    reverse("procurement:detail", args=[procurement.reference]),
                )
            )
    rounds = ReviewRound.objects.filter(Q(process=process) | Q(pilot__in=pilots)).order_by("pk")
    for r in rounds:
        if user.has_perm("reviews.view_round", r):
            links.append(
                RelatedLink("review", _("Review"), r.title, reverse("reviews:detail", args=[r.pk]))
            )
    return links
