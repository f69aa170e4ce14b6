"""The one clock procurement asks for the time.

Every deadline decision (late bids, opening, standstill) goes through `now()`, so tests can move time
with `patch("urbanforum.procurement.clock.now", …)` — also in the live-server thread of a browser test.
The time is always the server's: a client-supplied time is never trusted.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
