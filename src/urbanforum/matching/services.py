"""Writes of the matching app: the hook content services call after a write, saved searches and
their alerts. (The owner's feedback on a challenge's suggestions lives in the challenges app.)"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.mail import absolute_url, header_safe
from urbanforum.core.permissions import require
from urbanforum.core.tasks import send_email
from urbanforum.matching import index, registry, selectors
from urbanforum.matching.models import SavedSearch
from urbanforum.matching.schemas import SavedSearchInput
from urbanforum.matching.selectors import SearchFilters

NEW_MATCH_EVENT = "saved_search.new_match"
SAVED_SEARCH_TOP = 10  # a new item must rank in the search's top 10 to be worth an alert


def content_saved(*, kind: str, pks: list[int]) -> None:
    """Called by the content services after a write (`kind` is their registered kind's slug):
    embed and check saved searches once the transaction commits (nothing happens on a rollback)."""
    from urbanforum.matching.tasks import content_changed

    pks = list(pks)
    transaction.on_commit(lambda: content_changed.enqueue(str(kind), pks))


TRANSLATION_EVENTS = ("content.translated", "content.translation_removed")


def translation_changed(event: DomainEvent) -> None:
    """Subscriber of core.translations' events (after their commit): a translation is a document
    of its item, so the item's entry in the stored index is updated in the background too."""
    from urbanforum.core.translations import registry as translatable
    from urbanforum.matching.tasks import content_changed

    slug = str(event.payload.get("kind", ""))
    if not translatable.is_kind(slug):
        return
    model = translatable.get(slug).model
    for kind in registry.kinds():
        if kind.model is model:
            content_changed.enqueue(kind.slug, [int(event.payload["object_id"])])


@transaction.atomic
def saved_search_create(*, actor: User, search: SavedSearchInput) -> SavedSearch:
    """Save a search; what already matches it is not news, only new content will be notified."""
    require(actor, "matching.add_savedsearch")
    sdg = search.sdg
    values: dict[str, object] = {
        "name": (search.name or search.query or search.domain or f"SDG {sdg}")[:150],
        "query": search.query,
        "kind": search.kind,
        "domain": search.domain,
        "sdg": sdg,
        "country": search.country,
    }
    saved = SavedSearch(user=actor, **values)
    current = selectors.search(user=actor, filters=filters_of(saved), limit=SAVED_SEARCH_TOP)
    saved.notified = [r.key for r in current]
    saved.save()
    audit.record(actor=actor, action="saved_search.create", target=saved, changes=values)
    return saved


@transaction.atomic
def saved_search_delete(*, actor: User, saved: SavedSearch) -> None:
    require(actor, "matching.delete_savedsearch", saved)
    audit.record(actor=actor, action="saved_search.delete", target=saved)
    saved.delete()


def filters_of(saved: SavedSearch) -> SearchFilters:
    return SearchFilters(
        text=saved.query,
        kind=saved.kind,
        domain=saved.domain,
        sdg=saved.sdg,
        country=saved.country,
    )


def _mail_later(subject: str, body: str, recipients: list[str]) -> Callable[[], None]:
    def enqueue() -> None:
        send_email.enqueue(subject, body, recipients)

    return enqueue


def saved_searches_check(*, kind: str, pks: list[int]) -> int:
    """After content was saved: for every saved search that the new/changed items now match (top
    10, visible to its owner), emit `saved_search.new_match` and send an e-mail, once per item.
    Returns the number of notifications."""
    changed = {index.key(kind, pk) for pk in pks}
    sent = 0
    for saved in SavedSearch.objects.select_related("user").filter(user__is_active=True):
        if saved.kind and saved.kind != kind:
            continue
        fresh = changed - set(saved.notified)
        if not fresh:
            continue
        results = selectors.search(
            user=saved.user, filters=filters_of(saved), limit=SAVED_SEARCH_TOP
        )
        hits = [r for r in results if r.key in fresh]
        if not hits:
            continue
        with transaction.atomic():
            locked = SavedSearch.objects.select_for_update().get(pk=saved.pk)
            hits = [r for r in hits if r.key not in locked.notified]
            if not hits:
                continue
            locked.notified = [*locked.notified, *(r.key for r in hits)]
            locked.save(update_fields=["notified"])
            for r in hits:
                emit(
                    DomainEvent(
                        name=NEW_MATCH_EVENT,
                        actor_id=None,
                        payload={
                            "saved_search_id": locked.pk,
                            "user_id": locked.user_id,
                            "item_kind": r.kind,
                            "item_id": index.split_key(r.key)[1],
                            "title": r.title,
                            "url": r.url,
                            "score": round(r.score, 4),
                        },
                    )
                )
            lines = "\n".join(f"- {header_safe(r.title)}: {absolute_url(r.url)}" for r in hits)
            body = _(
                'New content matches your saved search "%(name)s":\n\n%(lines)s\n\n'
                "Manage your saved searches: %(url)s\n"
            ) % {
                "name": header_safe(locked.name),
                "lines": lines,
                "url": absolute_url(reverse("matching:saved")),
            }
            recipients = [locked.user.email]
            subject = header_safe(_('urbanforum: new match for "%(name)s"') % {"name": locked.name})
            transaction.on_commit(_mail_later(subject, body, recipients))
            sent += len(hits)
    return sent
