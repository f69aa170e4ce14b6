"""Who may do what with benchmark runs.

- Everyone (anonymous included) sees the official runs (published by a coordinator); a member's
  own runs are seen by them and their organisation (benchmark.policies).
- Only coordinators publish a run as official (or withdraw it).
- Any logged-in member of an organisation may start a nominal run (fast, inline).
- Uncertainty runs (Monte Carlo in the background, costly) need an editor or admin role in some
  organisation, or a coordinator.
"""

from __future__ import annotations

import rules

from urbanforum.accounts.permissions import (
    belongs_to_an_organisation,
    edits_for_an_organisation,
    is_coordinator,
)
from urbanforum.benchmark.policies import runs

rules.add_perm("benchmark.view_run", runs.predicate)
rules.add_perm("benchmark.add_run", belongs_to_an_organisation | is_coordinator)
rules.add_perm("benchmark.add_uncertainty_run", edits_for_an_organisation | is_coordinator)
# Publishing makes a run official, i.e. public and the public default: coordinators only.
rules.add_perm("benchmark.publish_run", is_coordinator)
