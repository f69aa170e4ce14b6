"""Cross-cutting records: the audit trail, translations of content."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which object, and when. Written only by `core.audit.record`."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action} {self.target_label}"


# Slugs that are a static path of the API next to a templated one (/procurements/ocds beside
# /procurements/{ref}): an object with such a slug could never be reached. core.api declares them
# in the OpenAPI document; tests/api check that this set covers every one.
RESERVED_SLUGS = frozenset({"import", "ocds", "new", "machine"})


def unique_slug(
    instance: models.Model, text: str, *, field: str = "slug", max_length: int = 200
) -> str:
    """A slug of `text` not used by another row of the instance's model ("name", "name-2", …)."""
    from urbanforum.core.text import slugify_name

    manager = type(instance)._default_manager
    base = slugify_name(text)[:max_length] or type(instance)._meta.model_name or "item"
    slug, n = base, 2
    if slug in RESERVED_SLUGS:
        slug = f"{base}-{n}"
        n += 1
    while manager.filter(**{field: slug}).exclude(pk=instance.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class TranslationOrigin(models.TextChoices):
    HUMAN = "human", _("Human translation")
    MACHINE = "machine", _("Machine translation")


class ContentTranslation(models.Model):
    """A piece of content's title, summary and main text in another language.

    One table for every kind of content (good practices, challenges, solutions, experts, events,
    working groups): each content app registers its kind in `core.translations.registry` (which
    field is the title, the summary, the main text; who may translate; who may see it). A row
    names its object by the registered kind and the object's primary key. Written only by
    `core.translations.services`.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("main text"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=8, choices=TranslationOrigin.choices, default="human"
    )
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "object_id", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="content_translation_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} [{self.language}] {self.title[:60]}"

    @property
    def is_machine(self) -> bool:
        return self.origin == TranslationOrigin.MACHINE
