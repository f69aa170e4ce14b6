"""The matching engine's reasons in the reader's language.

The engine (`engines.matching`) is pure Python and writes its reasons as short English sentences
("Shared domain: mobility", "Same country (FI)"). This module, on the Django side, recognises each
of those sentences and says it again through the catalogues, with the domain's label and the
numbers in the reader's language. A sentence it does not recognise is shown as the engine wrote
it, so a new kind of reason is never lost, only untranslated until it is added here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from urbanforum.core.taxonomy import DOMAIN_LABELS, SDG_GOALS
from urbanforum.engines.matching.types import Reason


def _number(text: str) -> str:
    """The engine's "0.83" as "0,83" in a language with a decimal comma (the engine's digits are kept)."""
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return str(number_format(Decimal(text), decimal_pos=decimals))


def _domain(slug: str) -> str:
    """The domain's label; the engine writes the item's own spelling ("mobility", "Built
    environment"), so the slug is also looked up from a label-like spelling."""
    label = DOMAIN_LABELS.get(slug) or DOMAIN_LABELS.get(slug.strip().lower().replace(" ", "-"))
    return str(label) if label else slug


def _sdg(goal: str) -> str:
    name = SDG_GOALS.get(int(goal)) if goal.isdigit() else None
    return f"{goal} ({name})" if name else goal


# (pattern of the engine's English sentence, its translation given the match)
PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Matches “(?P<phrase>.*)”"), lambda m: _("Matches “%(phrase)s”") % m.groupdict()),
    (
        re.compile(r"Similar in meaning \(cosine similarity (?P<x>[-\d.]+)\)"),
        lambda m: (
            _("Similar in meaning (cosine similarity %(similarity)s)")
            % {"similarity": _number(m["x"])}
        ),
    ),
    (
        re.compile(r"Shared domain: (?P<d>.+)"),
        lambda m: _("Shared domain: %(domain)s") % {"domain": _domain(m["d"])},
    ),
    (
        re.compile(r"Shared SDG (?P<s>.+)"),
        lambda m: _("Shared SDG %(goal)s") % {"goal": _sdg(m["s"])},
    ),
    (
        re.compile(r"Same country \((?P<c>.*)\)"),
        lambda m: _("Same country (%(country)s)") % {"country": m["c"]},
    ),
    (
        re.compile(r"Same region \((?P<r>.*)\)"),
        lambda m: _("Same region (%(region)s)") % {"region": m["r"]},
    ),
    (
        re.compile(r"Same size class \((?P<s>.*)\)"),
        lambda m: _("Same size class (%(size)s)") % {"size": m["s"]},
    ),
    (
        re.compile(r"Similar size class \((?P<s>.*), you: (?P<q>.*)\)"),
        lambda m: (
            _("Similar size class (%(size)s, you: %(yours)s)") % {"size": m["s"], "yours": m["q"]}
        ),
    ),
    (
        re.compile(r"Same climate zone \((?P<c>.*)\)"),
        lambda m: _("Same climate zone (%(climate)s)") % {"climate": m["c"]},
    ),
    (
        re.compile(r"Similar climate \(latitude (?P<a>[-\d.]+)°, you: (?P<b>[-\d.]+)°\)"),
        lambda m: (
            _("Similar climate (latitude %(latitude)s°, you: %(yours)s°)")
            % {"latitude": _number(m["a"]), "yours": _number(m["b"])}
        ),
    ),
    (re.compile(r"Similar climate"), lambda m: _("Similar climate")),
    (re.compile(r"Similar indicator profile"), lambda m: _("Similar indicator profile")),
]


def translate_text(text: str) -> str:
    """One of the engine's sentences in the active language (unchanged when unknown)."""
    for pattern, say in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return say(match)
    return text


def translated(reason: Reason) -> Reason:
    """The engine's reason with its text in the active language (kind and weight unchanged)."""
    return Reason(reason.kind, translate_text(reason.text), reason.weight)
