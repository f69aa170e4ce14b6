"""Who may see and write good practices.

Seeing: the practice policy (`practices.policies`): published practices are public; drafts are
seen by members of the author organisation and of the city's administration, and coordinators.
Writing: editors/admins of a city administration create practices (for their city); editors/admins
of the author organisation or of the city's administration edit them; coordinators do everything
(also the bulk import).
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.accounts.permissions import (
    edits_a_city_administration,
    is_coordinator,
    is_org_editor,
)
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.policies import practice_policy


@rules.predicate
def is_practice_editor(user: User | AnonymousUser, practice: GoodPractice | None) -> bool:
    if practice is None:
        return False
    return is_org_editor(user, practice.author_organisation) or is_org_editor(
        user, practice.city.administration
    )


rules.add_perm("practices.view_goodpractice", practice_policy.predicate)
rules.add_perm("practices.add_goodpractice", edits_a_city_administration | is_coordinator)
rules.add_perm("practices.change_goodpractice", is_practice_editor | is_coordinator)
rules.add_perm("practices.import_goodpractice", is_coordinator)
