"""Who may do what with open data: everyone reads the catalogue and the dumps (no rule needed);
coordinators may ask for the dumps to be regenerated now."""

from __future__ import annotations

import rules

from urbanforum.accounts.permissions import is_coordinator

rules.add_perm("opendata.regenerate", is_coordinator)
