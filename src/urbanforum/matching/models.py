"""What the matching app stores: embeddings and saved searches.

The `kind` of an embedding or a saved search is the slug of a searchable kind that a content app
registered (`matching.registry`); it is validated against the registry, not against a fixed list.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import User


class Embedding(models.Model):
    """One text's vector, computed once: reused while the model and the text's hash are the same."""

    kind = models.CharField(max_length=12)
    object_id = models.PositiveBigIntegerField()
    model_id = models.CharField(max_length=120)
    content_hash = models.CharField(max_length=64)
    dim = models.PositiveSmallIntegerField()
    vector = models.BinaryField(help_text="little-endian float32, 4·dim bytes")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "model_id"], name="embedding_unique_per_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} ({self.model_id})"


class SavedSearch(models.Model):
    """A search someone wants to be told about when new content matches it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=150)
    query = models.CharField(_("search text"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=12, blank=True)
    domain = models.CharField(_("domain"), max_length=40, blank=True)
    sdg = models.PositiveSmallIntegerField(_("SDG"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    notified = models.JSONField(
        default=list, blank=True, help_text="Item keys (kind:id) already notified."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name
