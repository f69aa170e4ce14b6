"""Background work of the matching app: embeddings and saved-search alerts after content changes."""

from __future__ import annotations

from django_tasks import task


@task()
def content_changed(kind: str, pks: list[int]) -> int:
    """Embed the changed items (stored once per text) and tell saved searches about new matches.
    Idempotent: a current embedding is not recomputed, a notified match is not notified again."""
    from urbanforum.matching import index, services

    index.embed_objects(kind, pks)
    index.invalidate()
    # Build (and store, see matching.store) the index of the new content here, in the background,
    # so web workers and the CLI load it instead of building it on their next search.
    index.get_index()
    return services.saved_searches_check(kind=kind, pks=pks)
