"""The input of each notifications action, declared once (the API's body; the preferences page
posts one value per type and channel, validated through the same schema)."""

from __future__ import annotations

from urbanforum.core.schemas import Input


class PreferenceIn(Input):
    event_type: str
    channel: str
    frequency: str
