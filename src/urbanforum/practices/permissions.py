"""Who may see and write good practices.

Published practices are public. Drafts: members of the author organisation and of the city's
administration, and coordinators. Writing: editors/admins of a city administration create practices
(for their city); editors/admins of the author organisation or of the city's administration edit
them; coordinators do everything (also the bulk import).
"""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.permissions import is_coordinator, is_org_editor, is_org_member
from urbanforum.challenges.permissions import edits_a_city_administration
from urbanforum.practices.models import GoodPractice, PracticeStatus


@rules.predicate
def is_published(user: Any, practice: GoodPractice | None) -> bool:
    return practice is not None and practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_practice_member(user: Any, practice: GoodPractice | None) -> bool:
    if practice is None:
        return False
    return is_org_member(user, practice.author_organisation) or is_org_member(
        user, practice.city.administration
    )


@rules.predicate
def is_practice_editor(user: Any, practice: GoodPractice | None) -> bool:
    if practice is None:
        return False
    return is_org_editor(user, practice.author_organisation) or is_org_editor(
        user, practice.city.administration
    )


rules.add_perm("practices.view_goodpractice", is_published | is_practice_member | is_coordinator)
rules.add_perm("practices.add_goodpractice", edits_a_city_administration | is_coordinator)
rules.add_perm("practices.change_goodpractice", is_practice_editor | is_coordinator)
rules.add_perm("practices.import_goodpractice", is_coordinator)
