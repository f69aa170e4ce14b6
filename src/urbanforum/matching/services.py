"""Writes of the matching app: feedback on suggestions, saved searches and their alerts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.urls import reverse

from urbanforum.accounts.models import User
from urbanforum.challenges.models import Challenge
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error
from urbanforum.core.tasks import send_email
from urbanforum.core.taxonomy import DOMAIN_SLUGS, SDG_GOALS
from urbanforum.matching.models import Decision, ItemKind, MatchFeedback, SavedSearch

NEW_MATCH_EVENT = "saved_search.new_match"
SAVED_SEARCH_TOP = 10  # a new item must rank in the search's top 10 to be worth an alert


def content_saved(*, kind: str, pks: list[int]) -> None:
    """Called by the content services after a write: embed and check saved searches once the
    transaction commits (nothing happens on a rollback)."""
    from urbanforum.matching.tasks import content_changed

    pks = list(pks)
    transaction.on_commit(lambda: content_changed.enqueue(str(kind), pks))


@transaction.atomic
def match_decide(
    *, actor: User, challenge: Challenge, item_kind: str, item_id: int, decision: str
) -> MatchFeedback:
    """The challenge owner accepts or dismisses one suggestion (dismissed ones are hidden)."""
    require(actor, "challenges.change_challenge", challenge)
    if item_kind not in ItemKind.values or item_kind == ItemKind.CITY:
        raise field_error("item_kind", f"'{item_kind}' is not a kind of suggestion.")
    if decision not in Decision.values:
        raise field_error("decision", "Choose 'accepted' or 'dismissed'.")
    from urbanforum.matching import selectors

    target = selectors._load(item_kind, [item_id]).get(item_id)
    if target is None or not selectors._visible(actor, item_kind, target):
        raise field_error("item_id", f"There is no {item_kind} {item_id} to decide on.")
    if item_kind == ItemKind.CHALLENGE and item_id == challenge.pk:
        raise field_error("item_id", "A challenge cannot be matched with itself.")
    feedback, _created = MatchFeedback.objects.update_or_create(
        challenge=challenge,
        item_kind=item_kind,
        item_id=item_id,
        defaults={"decision": decision, "decided_by": actor},
    )
    audit.record(
        actor=actor,
        action=f"match.{decision}",
        target=challenge,
        changes={"item": f"{item_kind}:{item_id}", "decision": decision},
    )
    emit(
        DomainEvent(
            name=f"match.{decision}",
            actor_id=actor.pk,
            payload={"challenge_id": challenge.pk, "item_kind": item_kind, "item_id": item_id},
        )
    )
    return feedback


@transaction.atomic
def match_undo(*, actor: User, challenge: Challenge, item_kind: str, item_id: int) -> None:
    require(actor, "challenges.change_challenge", challenge)
    deleted, _ = MatchFeedback.objects.filter(
        challenge=challenge, item_kind=item_kind, item_id=item_id
    ).delete()
    if deleted:
        audit.record(
            actor=actor,
            action="match.undo",
            target=challenge,
            changes={"item": f"{item_kind}:{item_id}"},
        )


def _clean_saved_search(fields: dict[str, Any]) -> dict[str, Any]:
    name = (fields.get("name") or "").strip()
    query = (fields.get("query") or "").strip()
    kind = fields.get("kind") or ""
    domain = fields.get("domain") or ""
    sdg = fields.get("sdg") or None
    country = (fields.get("country") or "").upper()
    if not query and not domain and not sdg:
        raise field_error("query", "Give search words, a domain or an SDG to watch.")
    if kind and (kind not in ItemKind.values or kind == ItemKind.CITY):
        raise field_error("kind", f"'{kind}' is not a kind of content.")
    if domain and domain not in DOMAIN_SLUGS:
        raise field_error("domain", f"'{domain}' is not a domain.")
    if sdg is not None and int(sdg) not in SDG_GOALS:
        raise field_error("sdg", f"'{sdg}' is not an SDG goal number (1–17).")
    if len(country) not in (0, 2):
        raise field_error("country", "Use a two-letter country code.")
    return {
        "name": (name or query or domain or f"SDG {sdg}")[:150],
        "query": query[:500],
        "kind": kind,
        "domain": domain,
        "sdg": int(sdg) if sdg else None,
        "country": country,
    }


@transaction.atomic
def saved_search_create(*, actor: User, **fields: Any) -> SavedSearch:
    require(actor, "matching.add_savedsearch")
    from urbanforum.matching import selectors

    values = _clean_saved_search(fields)
    saved = SavedSearch(user=actor, **values)
    # What already matches is not news: remember it so that only new content is notified.
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


def filters_of(saved: SavedSearch) -> Any:
    from urbanforum.matching.selectors import SearchFilters

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
    from urbanforum.matching import index, selectors

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
            lines = "\n".join(f"- {r.title}: {r.url}" for r in hits)
            body = (
                f'New content matches your saved search "{locked.name}":\n\n{lines}\n\n'
                f"Manage your saved searches: {reverse('matching:saved')}\n"
            )
            recipients = [locked.user.email]
            subject = f'urbanforum: new match for "{locked.name}"'
            transaction.on_commit(_mail_later(subject, body, recipients))
            sent += len(hits)
    return sent
