"""The shared taxonomy: domains and SDGs, used by practices, challenges, solutions, experts,
working groups and processes alike."""

from __future__ import annotations

from functools import cache

DOMAINS: list[tuple[str, str]] = [
    ("mobility", "Mobility"),
    ("energy", "Energy"),
    ("built-environment", "Built environment"),
    ("environment", "Environment"),
    ("climate", "Climate"),
    ("circular-economy", "Circular economy"),
    ("governance", "Governance"),
    ("participation", "Participation"),
    ("data", "Data"),
    ("digital-services", "Digital services"),
    ("economy", "Economy"),
    ("people-education", "People and education"),
    ("living-health", "Living and health"),
    ("culture", "Culture"),
]
DOMAIN_SLUGS = frozenset(slug for slug, _ in DOMAINS)
DOMAIN_LABELS = dict(DOMAINS)

# Short goal names (our own labels; the official titles are read from the SDG data when present).
SDG_GOALS: dict[int, str] = {
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health and well-being",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water and sanitation",
    7: "Affordable and clean energy",
    8: "Decent work and economic growth",
    9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities",
    11: "Sustainable cities and communities",
    12: "Responsible consumption and production",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
}


def validate_domains(values: list[str]) -> list[str]:
    """The domains, de-duplicated; raises ValueError naming an unknown one."""
    unknown = [v for v in values if v not in DOMAIN_SLUGS]
    if unknown:
        raise ValueError(
            f"unknown domain '{unknown[0]}' (known: {', '.join(sorted(DOMAIN_SLUGS))})"
        )
    return sorted(set(values), key=list(DOMAIN_LABELS).index)


def validate_sdgs(values: list[int]) -> list[int]:
    bad = [v for v in values if not isinstance(v, int) or v not in SDG_GOALS]
    if bad:
        raise ValueError(f"'{bad[0]}' is not an SDG goal number (1–17)")
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
            raise ValueError(f"'{value}' is not an SDG target code such as 11.2")
        if targets and value not in targets:
            raise ValueError(f"'{value}' is not an SDG target")
    return sorted(set(values), key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")])
