"""Which benchmark runs a person may see, written once (core.policies).

- **Official runs** (published by a coordinator, `is_official`) are public: everyone, anonymous
  people included, sees them, their results and their CSV. The public default — the dashboard
  without a chosen run, a city's profile, matching's and mentoring's characteristic scores — is
  always the latest official run, so no member's run can replace it.
- **Everyone else's runs** are private: seen by the person who ran it and the members of the
  organisation it was run for (`BenchmarkRun.organisation`), and by coordinators (who decide what
  to publish). A run of the system with no organisation that is not published is the
  coordinators' only.

Every read of runs (pages, the API, the city-profile section, `rerun_of`) goes through `runs`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Membership
from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated, is_coordinator

OFFICIAL = Q(is_official=True)


class RunPolicy(VisibilityPolicy[BenchmarkRun]):
    model = BenchmarkRun

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return OFFICIAL
        return (
            OFFICIAL
            | Q(created_by_id=user.pk)
            | Q(
                organisation_id__in=Membership.objects.filter(user_id=user.pk).values(
                    "organisation_id"
                )
            )
        )


runs = RunPolicy()


def audience(run: BenchmarkRun) -> str:
    """Who sees `run`, as its label on every page: official, or private to an organisation or a
    person."""
    if run.is_official:
        return str(_("Official — published by a coordinator, public"))
    if run.organisation_id is not None and run.organisation is not None:
        return str(_("Private to %(organisation)s") % {"organisation": run.organisation.name})
    if run.created_by_id is not None:
        return str(_("Private to the person who ran it"))
    return str(_("Unpublished — coordinators only"))


def visibility(run: BenchmarkRun) -> str:
    """The same as a code for the API: "official", "organisation", "personal" or "unpublished"."""
    if run.is_official:
        return "official"
    if run.organisation_id is not None:
        return "organisation"
    if run.created_by_id is not None:
        return "personal"
    return "unpublished"
