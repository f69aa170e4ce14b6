from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # models cannot be imported before the apps are ready; impact is a floor below
    from django.contrib.auth.models import AnonymousUser

    from urbanforum.accounts.models import User
    from urbanforum.impact.models import Pilot


def pilot_section(pilot: Pilot, user: User | AnonymousUser) -> dict[str, object]:
    """The review rounds on a pilot's page (impact's pilot-section hook): those `user` may see,
    and whether they may start one."""
    from urbanforum.reviews.selectors import rounds_of_pilot

    return {
        "rounds": list(rounds_of_pilot(user=user, pilot=pilot)),
        "can_start": user.has_perm("impact.change_pilot", pilot),
    }


class ReviewsConfig(AppConfig):
    name = "urbanforum.reviews"
    label = "reviews"
    verbose_name = _("Peer and expert review")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "reviews/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "evaluation"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[Any, str]] = [(_("Reviews"), "reviews:list")]

    def ready(self) -> None:
        from urbanforum.impact.registry import register_pilot_section
        from urbanforum.practices import related
        from urbanforum.processes.registry import register_feature
        from urbanforum.reviews import notifications, permissions  # noqa: F401  (registers the rules)
        from urbanforum.reviews.origin import practice_origin

        # A good practice's page links to the process, pilots, procurements and reviews it came
        # from (practices does not know them).
        related.register("reviews.origin", practice_origin)
        # Its notification strategies (the reviewer is asked to review) join the registry.
        notifications.connect()
        # A pilot's page shows its review rounds (impact does not know reviews).
        register_pilot_section(
            "reviews", template="reviews/_pilot_section.html", context=pilot_section
        )

        # The Evaluation phase offers review rounds; Follow-up turns the process into a good practice.
        register_feature(
            phase_type="evaluation",
            feature="review-rounds",
            label=str(_("Peer and expert review rounds")),
            url_name="reviews:process_reviews",
            description=str(_("Rubric-based reviews by peer cities and experts, aggregated.")),
        )
        register_feature(
            phase_type="follow_up",
            feature="good-practice",
            label=str(_("Good practice and recommendations")),
            url_name="reviews:process_follow_up",
            description=str(
                _("Publish what was learned as a good practice; policy recommendations.")
            ),
        )

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.reviews.personal_data import register_personal_data

        register_personal_data()
