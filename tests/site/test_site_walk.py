"""Every feature is reachable by clicking from the home page.

On demo-like data (the demo accounts and every app's demo content), the test walks the site as
each role (Django test client): breadth-first over the same-site `<a href>` links, starting at
`/`. It then lists every named URL pattern of the site (django.urls resolver; not the API, not the
admin) and fails on each that was never reached although it is a page the role can open: a
pattern without arguments that answers 200, or one whose arguments can be filled from objects the
walk met (the values of reached URLs with the same argument names) and answers 200 for some role.
POST-only actions answer 405 and are forms, not links; they are not required.

The allow-list below is the exceptions, each with its reason."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404

from tests.site.demo_world import load_demo
from tests.site.html import parse
from urbanforum.accounts.models import User

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "city admin": "admin@helsinki.example",
    "other city": "officer@tallinn.example",
    "provider": "provider@snowline.example",
    "expert": "expert@urbanforum.example",
    "coordinator": "coordinator@urbanforum.example",
}

# Reached from outside the site's pages, or not a page: each with the reason.
ALLOWED_UNLINKED = {
    # allauth's steps that an e-mail or a redirect leads to, never a link
    "account_inactive": "shown by allauth when an inactive account logs in",
    "account_reauthenticate": "allauth asks for it before a sensitive change",
    "account_email_verification_sent": "allauth redirects there after sign-up",
    "account_confirm_email": "the link in the confirmation e-mail",
    "account_confirm_login_code": "allauth's login-by-code step (a redirect)",
    "account_reset_password_done": "allauth redirects there after a reset request",
    "account_reset_password_from_key": "the link in the password-reset e-mail",
    "account_reset_password_from_key_done": "allauth redirects there after a reset",
    "account_set_password": "allauth redirects there for accounts without a password",
    "account_logout": "a POST form (the account menu's Log out button)",
    "set_language": "a POST form (the language selector)",
    "accounts:invitation_accept": "the link in the invitation e-mail (a secret token)",
    "notifications:unsubscribe": "the link in a notification e-mail (a secret token)",
    "benchmark:run_progress": "the htmx fragment that the run page polls",
    "opendata:catalog": "the catalogue's stable URL for harvesters (content negotiation; a browser"
    " is sent to the open-data page, which links the Turtle and JSON-LD files)",
    "community:post_history": 'linked from a post once it was edited ("edited"); no demo post is',
    # The /favicon.ico redirect is unnamed and so never listed.
}
CAP_PER_PATTERN = 4  # distinct URLs of one pattern visited per role (44 cities need not all be)
SKIP_PREFIXES = ("/api/", "/admin/", "/static/", "/media/", "/accounts/logout/", "/i18n/")


@dataclass
class Walk:
    reached: dict[str, set[str]] = field(default_factory=dict)  # url name → paths
    # (namespace, argument names) → the arguments of reached URLs
    kwargs_seen: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = field(
        default_factory=dict
    )
    server_errors: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


def _route_name(path: str) -> tuple[str, dict[str, Any]] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.view_name if match.url_name else ""), match.kwargs


def walk_as(client: Client, walk: Walk, role: str) -> None:
    queue: deque[tuple[str, str]] = deque([("/", "")])
    seen = {"/"}
    walk.reached.setdefault("home", set()).add("/")
    per_pattern: dict[str, int] = {}
    while queue:
        path, came_from = queue.popleft()
        response = client.get(path)
        if response.status_code >= 500:
            walk.server_errors.append(f"{role}: {path} → {response.status_code} (from {came_from})")
            continue
        if response.status_code == 404:
            walk.broken.append(f"{role}: {path} (linked from {came_from})")
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for a in parse(response.content.decode()).iter("a"):
            href = a.attrs.get("href", "")
            target = urldefrag(href)[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # other sites, mailto:, fragments, relative oddities
            target = parts.path
            if target in seen or target.startswith(SKIP_PREFIXES):
                continue
            seen.add(target)
            found = _route_name(target)
            if found is None:
                walk.broken.append(f"{role}: {target} does not resolve (linked from {path})")
                continue
            name, kwargs = found
            walk.reached.setdefault(name, set()).add(target)
            if kwargs:
                key = (name.rpartition(":")[0], tuple(sorted(kwargs)))
                walk.kwargs_seen.setdefault(key, []).append(kwargs)
            if per_pattern.get(name, 0) >= CAP_PER_PATTERN:
                continue
            per_pattern[name] = per_pattern.get(name, 0) + 1
            queue.append((target, path))


def site_patterns() -> list[tuple[str, tuple[str, ...]]]:
    """(name, argument names) of every named pattern of the site (not the API, not the admin)."""
    found: list[tuple[str, tuple[str, ...]]] = []

    def visit(resolver: URLResolver, namespace: str, prefix: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else p.namespace
                visit(p, ns or namespace, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                full = prefix + str(p.pattern)
                if full.startswith(("api/", "admin/")):
                    continue
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.append((name, tuple(sorted(p.pattern.converters or _regex_groups(p)))))

    visit(get_resolver(), "", "")
    return found


def _regex_groups(p: URLPattern) -> dict[str, Any]:
    return dict(p.pattern.regex.groupindex)


def candidate_arguments(walk: Walk, name: str, args: tuple[str, ...]) -> list[dict[str, Any]]:
    """Arguments for `name` from the objects the walk met: those of its own app's reached URLs
    first, then a few of other apps' with the same argument names (a practice's slug for the
    reviews app's "cities that reused this")."""
    if not args:
        return [{}]
    namespace = name.rpartition(":")[0]
    own = walk.kwargs_seen.get((namespace, args), [])[:6]
    others = [
        kwargs
        for (ns, names), values in walk.kwargs_seen.items()
        if names == args and ns != namespace
        for kwargs in values[:2]
    ]
    return own + others[:8]


def opens(clients: dict[str, Client], url: str) -> str | None:
    """The first role for which `url` is a page (200), if any."""
    for role, client in clients.items():
        if client.get(url).status_code == 200:
            return role
    return None


def test_every_feature_is_linked_from_where_the_user_stands() -> None:
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404/405 probes are expected
    load_demo()
    clients: dict[str, Client] = {}
    for role, email in ROLES.items():
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        clients[role] = client
    walk = Walk()
    for role, client in clients.items():
        walk_as(client, walk, role)

    assert walk.server_errors == [], "server errors met while walking"

    unreached = []
    for name, args in site_patterns():
        if name in walk.reached or name in ALLOWED_UNLINKED:
            continue
        candidates = candidate_arguments(walk, name, args)
        for kwargs in candidates:
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            role = opens(clients, url)
            if role is not None:
                unreached.append(f"{name} (e.g. {url}, a page for {role})")
                break
    assert unreached == [], "pages that no link leads to:\n" + "\n".join(unreached)
    assert walk.broken == [], "links that lead nowhere:\n" + "\n".join(walk.broken)


def test_the_allow_list_names_real_patterns() -> None:
    names = {name for name, _args in site_patterns()}
    assert set(ALLOWED_UNLINKED) <= names
