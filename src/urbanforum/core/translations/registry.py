"""The translatable kinds: each content app tells core which of its content may be translated.

    from urbanforum.core.translations import registry

    registry.register(
        registry.TranslatableKind(
            slug="practice",
            label=_("good practice"),
            model=GoodPractice,
            policy=practice_policy,                  # who may see an object (and its translations)
            change_permission="practices.change_goodpractice",   # who may translate it
            url=lambda p: reverse("practices:detail", args=[p.slug]),
            title_field="title", summary_field="summary", body_field="description",
        )
    )

The object's own `language` field (`language_field`) is the language it was written in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.functional import Promise

from urbanforum.core.policies import VisibilityPolicy

M = TypeVar("M", bound=models.Model)

_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,19}$")
SLOTS = ("title", "summary", "body")


@dataclass(frozen=True, eq=False)
class TranslatableKind(Generic[M]):
    """One kind of translatable content.

    * `slug` names the kind in `ContentTranslation.kind`, the URLs and the API;
    * `policy` — who may see an object, and so its translations;
    * `change_permission` — the permission (checked on the object) to add, change or remove its
      translations: the same as editing the object (editors of the owning organisation);
    * `title_field`, `summary_field`, `body_field` — the model's fields a translation replaces
      (None: the kind has no such part, e.g. an expert's name is not translated);
    * `language_field` — the field holding the language the object was written in.
    """

    slug: str
    label: str | Promise
    model: type[M]
    policy: VisibilityPolicy[M]
    change_permission: str
    url: Callable[[M], str]
    title_field: str | None = "title"
    summary_field: str | None = None
    body_field: str | None = "description"
    language_field: str = "language"

    def field(self, slot: str) -> str | None:
        """The model field of a slot ("title", "summary", "body")."""
        return {"title": self.title_field, "summary": self.summary_field, "body": self.body_field}[
            slot
        ]

    @property
    def slots(self) -> tuple[str, ...]:
        """The parts of this kind that can be translated."""
        return tuple(slot for slot in SLOTS if self.field(slot))

    def original(self, obj: M, slot: str) -> str:
        name = self.field(slot)
        return str(getattr(obj, name, "") or "") if name else ""

    def language(self, obj: M) -> str:
        return str(getattr(obj, self.language_field, "") or "en")


_kinds: dict[str, TranslatableKind[Any]] = {}


def register(kind: TranslatableKind[M]) -> TranslatableKind[M]:
    """Make a kind of content translatable. Idempotent: registering a slug again replaces it."""
    if not _SLUG.match(kind.slug):
        raise ValueError(f"'{kind.slug}' cannot be a translatable kind's slug.")
    if not kind.slots:
        raise ValueError(f"The translatable kind '{kind.slug}' has nothing to translate.")
    _kinds[kind.slug] = kind
    return kind


def unregister(slug: str) -> None:
    _kinds.pop(slug, None)


def kinds() -> list[TranslatableKind[Any]]:
    return sorted(_kinds.values(), key=lambda k: k.slug)


def is_kind(slug: str) -> bool:
    return slug in _kinds


def get(slug: str) -> TranslatableKind[Any]:
    """The registered kind `slug`; LookupError if no app registered it."""
    try:
        return _kinds[slug]
    except KeyError:
        raise LookupError(slug) from None


def for_model(model: type[models.Model]) -> TranslatableKind[Any] | None:
    """The kind registered for this model, if any (matching asks it for the index)."""
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    return None
