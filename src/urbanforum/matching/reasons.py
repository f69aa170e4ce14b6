"""Why a match was made, in the reader's language and in plain words.

The engine (pure Python) explains each match with an English sentence and the same statement as
data (`Reason.detail`: a code and its values). This module says it again through gettext, so a
Finnish officer reads "Myös aiheesta “talvipyöräily”" rather than an English sentence or a score.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAIN_LABELS, SDG_GOALS
from urbanforum.engines.matching import Reason

_SIZES = {
    "small": lambda: _("a small city"),
    "medium": lambda: _("a medium-sized city"),
    "large": lambda: _("a large city"),
    "metropolitan": lambda: _("a metropolitan city"),
}


def _domain_label(value: str) -> str:
    key = value.strip().lower()
    for slug, label in DOMAIN_LABELS.items():
        if key in (slug, str(label).lower()):
            return str(label)
    return value


def _sdg_label(value: str) -> str:
    goal = SDG_GOALS.get(int(value)) if value.isdigit() else None
    return f"{value}. {goal}" if goal else value


def reason_text(reason: Reason) -> str:
    """The reason as a sentence in the active language."""
    d = reason.details()
    if reason.kind == "phrase" and "phrase" in d:
        return _("Also about “%(phrase)s”") % {"phrase": d["phrase"]}
    if reason.kind == "semantic":
        if d.get("code") == "very_close":
            return _("Very close in meaning to your need")
        return _("Close in meaning to your need")
    if reason.kind == "domain" and "domain" in d:
        return _("Also about %(domain)s") % {"domain": _domain_label(d["domain"])}
    if reason.kind == "sdg" and "sdg" in d:
        return _("Serves the same Sustainable Development Goal: %(goal)s") % {
            "goal": _sdg_label(d["sdg"])
        }
    code = d.get("code", "")
    if code == "same_country":
        return _("In the same country (%(country)s)") % {
            "country": country_name(d.get("country", ""))
        }
    if code == "same_region":
        return _("In the same region (%(region)s)") % {"region": d.get("region", "")}
    if code == "same_size":
        size = _SIZES.get(d.get("size", ""))
        return _("Also %(size)s") % {"size": size()} if size else _("A city of the same size")
    if code == "similar_size":
        return _("A city of similar size")
    if code == "same_climate":
        return _("The same climate zone (%(climate)s)") % {"climate": d.get("climate", "")}
    if code == "similar_climate":
        return _("A similar climate")
    if code == "similar_profile":
        return _("A similar profile in the benchmark")
    return reason.text


def localised(reasons: list[Reason]) -> list[Reason]:
    """The reasons with their text in the active language (weights and data unchanged)."""
    return [replace(r, text=reason_text(r)) for r in reasons]


# The scores from which pages call a match "strong" and "good" (a challenge's new matches are
# notified from GOOD_MATCH up).
STRONG_MATCH = 0.7
GOOD_MATCH = 0.5


def strength(score: float) -> str:
    """A match's score in words, for pages (the API keeps the number)."""
    if score >= STRONG_MATCH:
        return _("Strong match")
    if score >= GOOD_MATCH:
        return _("Good match")
    return _("Partial match")
