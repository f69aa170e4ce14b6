"""The shared taxonomy: domains and SDGs, used by practices, challenges, solutions, experts,
working groups and processes alike."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only

DOMAINS: list[tuple[str, StrOrPromise]] = [
    ("mobility", gettext_lazy("Mobility")),
    ("energy", gettext_lazy("Energy")),
    ("built-environment", gettext_lazy("Built environment")),
    ("environment", gettext_lazy("Environment")),
    ("climate", gettext_lazy("Climate")),
    ("circular-economy", gettext_lazy("Circular economy")),
    ("governance", gettext_lazy("Governance")),
    ("participation", gettext_lazy("Participation")),
    ("data", gettext_lazy("Data")),
    ("digital-services", gettext_lazy("Digital services")),
    ("economy", gettext_lazy("Economy")),
    ("people-education", gettext_lazy("People and education")),
    ("living-health", gettext_lazy("Living and health")),
    ("culture", gettext_lazy("Culture")),
]
DOMAIN_SLUGS = frozenset(slug for slug, _label in DOMAINS)
DOMAIN_LABELS = dict(DOMAINS)

# Short goal names (our own labels; the official titles are read from the SDG data when present).
SDG_GOALS: dict[int, StrOrPromise] = {
    1: gettext_lazy("No poverty"),
    2: gettext_lazy("Zero hunger"),
    3: gettext_lazy("Good health and well-being"),
    4: gettext_lazy("Quality education"),
    5: gettext_lazy("Gender equality"),
    6: gettext_lazy("Clean water and sanitation"),
    7: gettext_lazy("Affordable and clean energy"),
    8: gettext_lazy("Decent work and economic growth"),
    9: gettext_lazy("Industry, innovation and infrastructure"),
    10: gettext_lazy("Reduced inequalities"),
    11: gettext_lazy("Sustainable cities and communities"),
    12: gettext_lazy("Responsible consumption and production"),
    13: gettext_lazy("Climate action"),
    14: gettext_lazy("Life below water"),
    15: gettext_lazy("Life on land"),
    16: gettext_lazy("Peace, justice and strong institutions"),
    17: gettext_lazy("Partnerships for the goals"),
}


def validate_domains(values: list[str]) -> list[str]:
    """The domains, de-duplicated; raises ValueError naming an unknown one."""
    unknown = [v for v in values if v not in DOMAIN_SLUGS]
    if unknown:
        raise ValueError(
            _("unknown domain '%(domain)s' (known: %(known)s)")
            % {"domain": unknown[0], "known": ", ".join(sorted(DOMAIN_SLUGS))}
        )
    return sorted(set(values), key=list(DOMAIN_LABELS).index)


def validate_sdgs(values: list[int]) -> list[int]:
    bad = [v for v in values if not isinstance(v, int) or v not in SDG_GOALS]
    if bad:
        raise ValueError(_("'%(value)s' is not an SDG goal number (1–17)") % {"value": bad[0]})
    return sorted(set(values))


@cache
def sdg_targets() -> dict[str, str]:
    """Target code → title ("11.2" → "By 2030, provide access to …"), from the SDG data folder;
    empty when the data is absent."""
    import yaml

    from urbanforum.core.datadir import data_path

    path = data_path("sdg", "open-sdg-translations-en", "global_targets.yml")
    if path is None:
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        k.removesuffix("-title").replace("-", "."): v
        for k, v in raw.items()
        if k.endswith("-title")
    }


def validate_sdg_targets(values: list[str]) -> list[str]:
    targets = sdg_targets()
    for value in values:
        goal = value.split(".", 1)[0]
        if not goal.isdigit() or int(goal) not in SDG_GOALS or "." not in value:
            raise ValueError(
                _("'%(value)s' is not an SDG target code such as 11.2") % {"value": value}
            )
        if targets and value not in targets:
            raise ValueError(_("'%(value)s' is not an SDG target") % {"value": value})
    return sorted(set(values), key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")])
