from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from urbanforum import __version__

# The main navigation follows the five steps of the platform (benchmark → challenge and matching
# → joint action → evaluation → sharing), plus the community. Apps put their entries into a group
# with `nav_group` on their AppConfig (or a third element of a `nav_items` entry); an entry whose
# group is unknown goes to the last step, "Share". Home and the account menu are outside the groups,
# so the bar has at most seven top-level entries.
NAV_GROUPS: tuple[tuple[str, str | Promise], ...] = (
    ("start", _("1 Start")),
    ("challenges", _("2 Challenges")),
    ("action", _("3 Action")),
    ("evaluation", _("4 Evaluation")),
    ("share", _("5 Share")),
    ("community", _("Community")),
)
NAV_GROUP_TITLES: dict[str, str | Promise] = {
    "start": _("Where does my city stand? Cities and benchmark"),
    "challenges": _("Challenges, search and matching, good practices, marketplace"),
    "action": _("Joint action: processes, procurement, pilots"),
    "evaluation": _("Evaluation: reviews and impact"),
    "share": _("Share what worked: good practices and recommendations"),
    "community": _("Working groups, events, mentoring, organisations"),
}
DEFAULT_NAV_GROUP = "share"


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    app: str


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    title: str | Promise
    items: list[NavItem] = field(default_factory=list)

    @property
    def apps(self) -> frozenset[str]:
        return frozenset(item.app for item in self.items)


@cache
def _nav_items() -> tuple[tuple[str | Promise, str, str, str], ...]:
    """(label, url, app label, group) of every app's main navigation entries that resolve."""
    known = {key for key, _label in NAV_GROUPS}
    items = []
    for config in apps.get_app_configs():
        app_group = getattr(config, "nav_group", DEFAULT_NAV_GROUP)
        for entry in getattr(config, "nav_items", []):
            label, url_name = entry[0], entry[1]
            group = entry[2] if len(entry) > 2 else app_group
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append((label, url, config.label, group if group in known else DEFAULT_NAV_GROUP))
    return tuple(items)


def nav_groups() -> list[NavGroup]:
    """The groups of the main navigation, in step order; empty groups are left out."""
    groups = [NavGroup(key, label, NAV_GROUP_TITLES[key]) for key, label in NAV_GROUPS]
    by_key = {g.key: g for g in groups}
    for label, url, app, group in _nav_items():
        by_key[group].items.append(NavItem(label, url, app))
    return [g for g in groups if g.items]


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "URBANFORUM_VERSION": __version__,
        "LANGUAGES": settings.LANGUAGES,
        "NAV_ITEMS": tuple((label, url, app) for label, url, app, _g in _nav_items()),
        "NAV_GROUPS": nav_groups(),
    }
