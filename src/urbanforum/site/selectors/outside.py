"""The workspace of a person who belongs to no city administration: a solution provider's and an
expert's own work comes first (QA: they landed on a page telling them to join a city)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.procurement.permissions import edits_a_provider
from urbanforum.site.selectors.steps import NextStep, Step


def outside_work(user: User) -> list[Step]:
    """A step "Your work" with the next steps of the person's roles; none for a citizen."""
    steps: list[NextStep] = []
    if edits_a_provider(user):
        steps += [
            NextStep(
                _(
                    "Calls for tenders from cities are open for bids: read them and bid before the deadline."
                ),
                reverse("procurement:list") + "?status=published",
                _("Open calls"),
            ),
            NextStep(
                _(
                    "Show cities what your organisation offers: add your solutions to the marketplace."
                ),
                reverse("marketplace:solution_list"),
                _("Marketplace"),
            ),
        ]
    if user.is_expert:
        steps += [
            NextStep(
                _(
                    "Cities invite experts to review their pilots and processes: answer your invitations."
                ),
                reverse("reviews:list"),
                _("Reviews"),
            ),
            NextStep(
                _("Offer mentoring to city officers on the topics you know."),
                reverse("community:mentoring"),
                _("Mentoring"),
            ),
        ]
    return [Step("work", _("Your work"), next_steps=steps)] if steps else []
