"""Reads of translations: what a reader sees of a piece of content, and the translations of many
objects at once (for the search index)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils.translation import get_language, get_language_info

from urbanforum.core.i18n import supported_language
from urbanforum.core.models import ContentTranslation
from urbanforum.core.translations import registry
from urbanforum.core.translations.registry import TranslatableKind


def language_name(code: str) -> str:
    """A language's name in the active language ("Estonian", "eesti" …); the code itself when
    Django does not know it."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def translations_of(kind: TranslatableKind[Any], obj: Any) -> QuerySet[ContentTranslation]:
    return ContentTranslation.objects.filter(kind=kind.slug, object_id=obj.pk).order_by("language")


def object_of(user: Any, slug: str, pk: int) -> tuple[TranslatableKind[Any], Any] | None:
    """The kind `slug` and its object `pk` when it exists and `user` may see it."""
    if not registry.is_kind(slug):
        return None
    kind = registry.get(slug)
    obj = kind.policy.queryset(user, base=kind.model._default_manager.all()).filter(pk=pk).first()
    return (kind, obj) if obj is not None else None


@dataclass(frozen=True)
class Shown:
    """A piece of content as one reader sees it."""

    title: str
    summary: str
    body: str
    language: str  # the language of what is shown
    original_language: str
    translation: ContentTranslation | None  # the translation shown, if any
    reader_translation: ContentTranslation | None  # a translation into the reader's language

    @property
    def is_translation(self) -> bool:
        return self.translation is not None

    @property
    def is_machine(self) -> bool:
        return self.translation is not None and self.translation.is_machine

    @property
    def original_language_name(self) -> str:
        return language_name(self.original_language)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def in_another_language(self) -> bool:
        """The reader reads something not in their language (the original, labelled)."""
        return self.language != (supported_language(get_language()) or "en")


def shown(
    kind: TranslatableKind[Any], obj: Any, *, language: str | None = None, original: bool = False
) -> Shown:
    """What a reader of `language` (default: the active one) sees: the translation into their
    language when there is one (parts it leaves empty come from the original), else — or with
    `original` — the original."""
    reader = supported_language(language or get_language()) or "en"
    source = kind.language(obj)
    texts = {slot: kind.original(obj, slot) for slot in registry.SLOTS}
    found = None
    if reader != source:
        cached: dict[str, ContentTranslation | None] = getattr(obj, _PREFETCHED, {})
        if reader in cached:
            found = cached[reader]
        else:
            found = ContentTranslation.objects.filter(
                kind=kind.slug, object_id=obj.pk, language=reader
            ).first()
    if found is None or original:
        return Shown(
            **texts,
            language=source,
            original_language=source,
            translation=None,
            reader_translation=found,
        )
    for slot in kind.slots:
        text = getattr(found, slot)
        if text:
            texts[slot] = text
    return Shown(
        **texts,
        language=reader,
        original_language=source,
        translation=found,
        reader_translation=found,
    )


# Where `prefetch_reader_translations` leaves, on each object, its translation per reader language.
_PREFETCHED = "_reader_translations"


def prefetch_reader_translations(objects: Iterable[Any], *, language: str | None = None) -> None:
    """Load the translations into the reader's language of a page of objects in one query, so that
    `shown` asks nothing more for each of them (a list of 25 cards is one query, not 25)."""
    items = [o for o in objects if getattr(o, "pk", None) is not None]
    if not items:
        return
    kind = registry.for_model(type(items[0]))
    reader = supported_language(language or get_language()) or "en"
    if kind is None or any(type(o) is not type(items[0]) for o in items):
        return
    found = {
        t.object_id: t
        for t in ContentTranslation.objects.filter(
            kind=kind.slug, object_id__in=[o.pk for o in items], language=reader
        )
    }
    for obj in items:
        cached = dict(getattr(obj, _PREFETCHED, {}))
        cached[reader] = found.get(obj.pk)
        setattr(obj, _PREFETCHED, cached)


def translations_by_object(
    model: type[Any], pks: Iterable[int]
) -> dict[int, list[ContentTranslation]]:
    """The translations of these objects of `model`, by primary key (one query; none when the
    model is not translatable)."""
    kind = registry.for_model(model)
    out: dict[int, list[ContentTranslation]] = defaultdict(list)
    if kind is None:
        return out
    for row in ContentTranslation.objects.filter(kind=kind.slug, object_id__in=list(pks)).order_by(
        "object_id", "language"
    ):
        out[row.object_id].append(row)
    return out


def stamps(model: type[Any]) -> dict[int, str]:
    """Per translated object of `model`: its translations' count and latest change (what the
    search index compares to know which objects' translations changed)."""
    kind = registry.for_model(model)
    if kind is None:
        return {}
    rows = (
        ContentTranslation.objects.filter(kind=kind.slug)
        .values("object_id")
        .annotate(n=Count("pk"), t=Max("updated_at"))
        .order_by()
        .values_list("object_id", "n", "t")
    )
    return {int(pk): f"{n}|{t}" for pk, n, t in rows}


def fingerprint() -> tuple[int, str]:
    """Row count and latest change of all translations (the search index rebuilds on change)."""
    agg = ContentTranslation.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    return int(agg["n"]), str(agg["t"])


def reader_titles(
    model: type[Any], pks: Iterable[int], *, language: str | None = None
) -> dict[int, str]:
    """The titles of these objects in the reader's language (default: the active one), where a
    translation gives one — search results and matches are listed in the reader's language."""
    kind = registry.for_model(model)
    reader = supported_language(language or get_language())
    if kind is None or reader is None or kind.title_field is None:
        return {}
    rows = (
        ContentTranslation.objects.filter(kind=kind.slug, object_id__in=list(pks), language=reader)
        .exclude(title="")
        .values_list("object_id", "title")
    )
    return {int(pk): str(title) for pk, title in rows}
