"""Pilots are public (cities learn from them: `policies.pilot_policy`). Editors/admins of the
pilot's organisation and coordinators edit them; editors of a city administration start them."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.accounts.permissions import (
    edits_a_city_administration,
    is_coordinator,
    is_org_editor,
)
from urbanforum.impact.models import Pilot
from urbanforum.impact.policies import pilot_policy


@rules.predicate
def is_pilot_editor(user: User | AnonymousUser, pilot: Pilot | None) -> bool:
    return pilot is not None and is_org_editor(user, pilot.organisation)


rules.add_perm("impact.view_pilot", pilot_policy.predicate)
rules.add_perm("impact.add_pilot", edits_a_city_administration | is_coordinator)
rules.add_perm("impact.change_pilot", is_pilot_editor | is_coordinator)
