"""What the procurement services share: the row lock of the procurement."""

from __future__ import annotations

from urbanforum.procurement.models import JointProcurement


def lock(procurement: JointProcurement) -> JointProcurement:
    """The procurement row, locked for the rest of the transaction (status and deadline are read
    again under the lock: no check-then-act)."""
    return JointProcurement.objects.select_for_update().get(pk=procurement.pk)
