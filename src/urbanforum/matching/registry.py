"""The searchable kinds: each content app tells matching what of its content is searchable.

Matching sits on a lower floor than the apps whose content it searches (practices, marketplace,
challenges, …) and never imports them. Instead each of them registers its *kind* here, in its
`AppConfig.ready()` — the way adhocracy4's content registry and this project's own
`processes.registry.register_feature` work:

    from urbanforum.matching import registry

    registry.register(
        registry.SearchableKind(
            slug="practice",
            label=_("Good practice"),
            plural=_("Good practices"),
            model=GoodPractice,
            policy=practice_policy,                       # core.policies.VisibilityPolicy
            indexed=lambda: GoodPractice.objects.filter(status="published"),
            document=lambda p: registry.Document(title=p.title, text=p.passage_text(), …),
            url=registry.Link("practices:detail", "practices/{slug}/"),
            country_field="city__country",
            select_related=("city",),
        )
    )

Everything matching does per kind — build the index, load results in bulk, apply who-may-see-what,
filter by country, describe a result, validate a saved search's kind, offer the kind facet — goes
through the registered entry. There is no per-kind branch in matching; a new app makes its content
searchable without touching it (docs/matching.md, "Make a new kind of content searchable").
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet
from django.urls import get_script_prefix
from django.utils.functional import Promise
from django.utils.http import RFC3986_SUBDELIMS

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.core.models import ContentTranslation
from urbanforum.core.policies import VisibilityPolicy
from urbanforum.core.translations.selectors import translations_by_object
from urbanforum.engines.matching import Context, Item, Translation

M = TypeVar("M", bound=models.Model)

# Cities are matched by matching itself (peer cities, twins): that kind is not registrable.
CITY_KIND = "city"
# Kinds are stored in `Embedding.kind` and `SavedSearch.kind` (12 characters) and in item keys
# ("practice:42"), so a slug is short, lower-case and has no colon.
_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,11}$")


def city_context(city: City | None) -> Context:
    """The engine's context of a city (country, region, size, climate): what a kind whose content
    belongs to a city gives as its document's context."""
    if city is None:
        return Context()
    return Context(
        country=city.country or None,
        region=city.region or None,
        size_class=city.size_class or None,
        latitude=city.latitude,
    )


@dataclass(frozen=True)
class Document:
    """What the engine indexes of one object: its title, the passage that is embedded, the facets
    and the context (where it comes from)."""

    title: str
    text: str
    language: str = "en"
    domains: Sequence[str] = ()
    sdgs: Sequence[int] = ()
    context: Context = field(default_factory=Context)


_SAFE = RFC3986_SUBDELIMS + "/~:@"


@dataclass(frozen=True)
class Link:
    """A result's link, made without the URL configuration: `template` is the path below the
    script prefix with the object's fields in braces (`"practices/{slug}/"`), `name` the URL name
    that `reverse()` resolves to the same path (tests/matching/test_links.py checks every kind).

    Why: `reverse()` imports the whole URL configuration, which builds every API endpoint — most
    of an `urbanforum match` call's time, for ten links."""

    name: str
    template: str

    def fields(self) -> list[str]:
        """The object's fields the template reads, in order."""
        return [f for _, f, _, _ in string.Formatter().parse(self.template) if f]

    def __call__(self, obj: models.Model) -> str:
        # quoted as reverse() quotes a path (django.urls.resolvers.URLResolver._reverse_with_prefix)
        values = {f: quote(str(getattr(obj, f)), safe=_SAFE) for f in self.fields()}
        return get_script_prefix() + self.template.format(**values)


def _external_id_or_slug(obj: models.Model) -> str:
    return str(getattr(obj, "external_id", None) or getattr(obj, "slug", None) or obj.pk)


def _no_meta(obj: models.Model) -> str:
    return ""


def _attribute_path(obj: object, path: str) -> object:
    return reduce(lambda value, name: getattr(value, name, None), path.split("__"), obj)


@dataclass(frozen=True, eq=False)
class SearchableKind(Generic[M]):
    """One kind of searchable content, as its app registers it.

    * `slug` — the kind's name in item keys, embeddings, saved searches, the `kind` filter and the
      API's `kind` field; `label`/`plural` — lazily translated names (the kind facet, page
      sections).
    * `indexed()` — what is searchable at all (e.g. published practices). Who may see which of
      them is `policy` (the model's `VisibilityPolicy`), applied per user on the results.
    * `document(obj)` — what the engine indexes; `title(obj)`, `url(obj)`, `public_id(obj)` —
      how a result is shown (the API's `title`, `url` and `id`); `meta(obj)` — the one-line
      description under a suggestion's title.
    * `country_field` — the lookup of the object's country (the country filter and facet).
    * `select_related` — what loading results in bulk joins (`title`, `meta`, `country` read it).
    * `position` — the order of kinds (facet, page sections); `cli_name` — the sub-command of
      `urbanforum match` that searches this kind alone (default: the slug + "s").
    """

    slug: str
    label: str | Promise
    plural: str | Promise
    model: type[M]
    policy: VisibilityPolicy[M]
    indexed: Callable[[], QuerySet[M]]
    document: Callable[[M], Document]
    url: Callable[[M], str]  # a `Link` where it can be: no URL configuration imported
    country_field: str
    select_related: tuple[str, ...] = ()
    title: Callable[[M], str] = str
    public_id: Callable[[M], str] = _external_id_or_slug
    meta: Callable[[M], str] = _no_meta
    position: int = 100
    cli_name: str = ""
    # The column whose latest value (with the row count) tells the index that content changed.
    changed_field: str = "updated_at"

    @property
    def command(self) -> str:
        return self.cli_name or f"{self.slug}s"

    def key(self, pk: int) -> str:
        return f"{self.slug}:{pk}"

    def item(self, obj: M, translations: Sequence[ContentTranslation] | None = None) -> Item:
        """The engine's item of `obj`, with its translations (core.translations) as more
        documents in their own languages: a translated object is found in both languages."""
        doc = self.document(obj)
        if translations is None:
            translations = translations_by_object(self.model, [obj.pk]).get(obj.pk, [])
        return Item(
            id=self.key(obj.pk),
            kind=self.slug,
            title=doc.title,
            text=doc.text,
            language=doc.language or "en",
            domains=tuple(doc.domains),
            sdgs=tuple(doc.sdgs),
            context=doc.context,
            translations=tuple(
                Translation(
                    language=t.language,
                    title=t.title or doc.title,
                    text="\n\n".join(part for part in (t.summary, t.body) if part),
                )
                for t in translations
            ),
        )

    def items(self, objs: Iterable[M]) -> list[Item]:
        objs = list(objs)
        translations = translations_by_object(self.model, [obj.pk for obj in objs])
        return [self.item(obj, translations.get(obj.pk, [])) for obj in objs]

    def searchable(self) -> QuerySet[M]:
        """The indexed objects, in a stable order (the index's row order)."""
        return self.indexed().order_by("pk")

    def load(self, pks: Iterable[int], *, user: User | AnonymousUser | None = None) -> dict[int, M]:
        """The objects with these primary keys (with `select_related`), in one query; with a
        `user`, only those the user may see (the policy's queryset)."""
        base: QuerySet[M] = self.model._default_manager.all()
        if self.select_related:
            base = base.select_related(*self.select_related)
        if user is not None:
            base = self.policy.queryset(user, base=base)
        return base.in_bulk(list(pks))

    def country(self, obj: M) -> str:
        return str(_attribute_path(obj, self.country_field) or "")

    def countries(self) -> set[str]:
        """The countries of the indexed content (the country facet of the search page)."""
        values = self.indexed().order_by().values_list(self.country_field, flat=True).distinct()
        return {str(c) for c in values if c}


_kinds: dict[str, SearchableKind[Any]] = {}


def register(kind: SearchableKind[M]) -> SearchableKind[M]:
    """Make a kind of content searchable. Idempotent: registering a slug again replaces it."""
    if not _SLUG.match(kind.slug) or kind.slug == CITY_KIND:
        raise ValueError(
            f"'{kind.slug}' cannot be a searchable kind: use 1–12 lower-case letters, digits, "
            f"- or _ (and not '{CITY_KIND}')."
        )
    _kinds[kind.slug] = kind
    return kind


def unregister(slug: str) -> None:
    _kinds.pop(slug, None)


def kinds() -> list[SearchableKind[Any]]:
    """Every registered kind, in their `position` order."""
    return sorted(_kinds.values(), key=lambda k: (k.position, k.slug))


def slugs() -> tuple[str, ...]:
    return tuple(k.slug for k in kinds())


def is_kind(slug: str) -> bool:
    return slug in _kinds


def get(slug: str) -> SearchableKind[Any]:
    """The registered kind `slug`; LookupError if no app registered it."""
    try:
        return _kinds[slug]
    except KeyError:
        raise LookupError(f"'{slug}' is not a searchable kind.") from None
