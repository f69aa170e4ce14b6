"""Background work of the matching app: embeddings and saved-search alerts after content changes."""

from __future__ import annotations

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def content_changed(kind: str, pks: list[int]) -> int:
    """Embed the changed items (stored once per text) and tell saved searches about new matches.
    Idempotent: a current embedding is not recomputed, a notified match is not notified again."""
    from urbanforum.matching import index, registry, services

    index.embed_objects(kind, pks)
    index.invalidate()
    # Build (and store, see matching.store) the index of the new content here, in the background,
    # so web workers and the CLI load it instead of building it on their next search.
    index.get_index()
    sent = services.saved_searches_check(kind=kind, pks=pks)
    for hook in registry.content_hooks():
        # One app's failure (e.g. a mail server away) must not stop the others' hooks.
        try:
            hook(kind, pks)
        except Exception:
            log.exception("content hook %r failed for %s %s", hook, kind, pks)
    return sent
