"""Issue 10, point 4: every e-mail and digest is written in its recipient's language and time
zone, whoever caused it (an English-speaking actor does not change an Estonian reader's e-mail)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tests.translations import extra_translations
from urbanforum.accounts.models import User
from urbanforum.core.events import DomainEvent
from urbanforum.core.i18n import local_datetime
from urbanforum.notifications.models import Notification
from urbanforum.notifications.services import deliver
from urbanforum.notifications.strategies import (
    STRATEGIES,
    Message,
    Strategy,
    people,
)

WHEN = datetime(2026, 12, 2, 21, 30, tzinfo=UTC)  # 23:30 in Tallinn, 21:30 in London

ET = {
    "A new match for your challenge on %(date)s.": "Teie väljakutsel on uus vaste (%(date)s).",
    "What happened on urbanforum today:": "Mis urbanforumis täna juhtus:",
    ("urbanforum daily digest: %(count)s update", 0): "urbanforumi päevakokkuvõte: %(count)s uudis",
    ("urbanforum daily digest: %(count)s update", 1): (
        "urbanforumi päevakokkuvõte: %(count)s uudist"
    ),
    "Stop all e-mails from urbanforum: %(url)s": "Ärge saatke mulle enam e-kirju: %(url)s",
    "urbanforum: %(text)s": "urbanforum teatab: %(text)s",
}


class MatchFound(Strategy):
    """A strategy of this test: its message is written in the active language and time zone."""

    event_type = "test.match_found"
    label = "test"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return people(event.payload["ids"])

    def message(self, event: DomainEvent) -> Message:
        date = local_datetime(WHEN)
        return Message(
            _("A new match for your challenge on %(date)s.") % {"date": date},
            "/challenges/1/",
            "test.challenge:1",
            "Winter cycling",
        )


@pytest.fixture
def strategy() -> Iterator[None]:
    STRATEGIES[MatchFound.event_type] = MatchFound()
    try:
        yield
    finally:
        STRATEGIES.pop(MatchFound.event_type, None)


@pytest.fixture
def readers(world: Any) -> tuple[User, User, User]:
    estonian = world.users["member"]
    estonian.preferred_language, estonian.time_zone = "et", "Europe/Tallinn"
    estonian.save()
    english = world.users["admin"]
    english.preferred_language, english.time_zone = "en", "Europe/London"
    english.save()
    sender = world.users["editor"]  # writes in English
    return estonian, english, sender


def test_immediate_email_in_the_recipients_language_and_time_zone(
    readers: tuple[User, User, User], strategy: None, django_capture_on_commit_callbacks: Any
) -> None:
    estonian, english, sender = readers
    with extra_translations("et", ET), translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            deliver(
                DomainEvent(MatchFound.event_type, sender.pk, {"ids": [estonian.pk, english.pk]})
            )
        # the sender's language is still active afterwards
        assert translation.get_language() == "en"
    to_estonian = next(m for m in mail.outbox if m.to == [estonian.email])
    to_english = next(m for m in mail.outbox if m.to == [english.email])
    # Estonian words and an Estonian date (Django's own et month names and format), Tallinn time
    assert "Teie väljakutsel on uus vaste (2. detsember 2026 23:30)." in to_estonian.body
    assert to_estonian.subject.startswith("urbanforum teatab: Teie väljakutsel")
    assert "Ärge saatke mulle enam e-kirju: http" in to_estonian.body
    # the English reader of the same event gets English, in London time
    assert "A new match for your challenge on" in to_english.body
    assert "2 December 2026 21:30" in to_english.body  # English as written in Europe
    assert "detsember" not in to_english.body
    assert "Stop all e-mails from urbanforum: http" in to_english.body
    # the in-app notification is stored in each reader's language too
    assert Notification.objects.get(recipient=estonian).text.startswith("Teie väljakutsel")
    assert Notification.objects.get(recipient=english).text.startswith("A new match")


def test_digest_in_the_recipients_language_with_estonian_dates(
    readers: tuple[User, User, User], strategy: None, django_capture_on_commit_callbacks: Any
) -> None:
    estonian, english, sender = readers
    for user in (estonian, english):
        call_command_set_daily(user)
    with extra_translations("et", ET), translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            for _i in range(2):
                deliver(
                    DomainEvent(
                        MatchFound.event_type, sender.pk, {"ids": [estonian.pk, english.pk]}
                    )
                )
        Notification.objects.update(created_at=WHEN)
        mail.outbox.clear()
        call_command("send_digests", "--period", "daily")
    to_estonian = next(m for m in mail.outbox if m.to == [estonian.email])
    to_english = next(m for m in mail.outbox if m.to == [english.email])
    with translation.override("et"):
        estonian = ngettext(
            "urbanforum daily digest: %(n)s update", "urbanforum daily digest: %(n)s updates", 2
        ) % {"n": 2}
    assert estonian != "urbanforum daily digest: 2 updates"  # the catalogue has it
    assert to_estonian.subject == estonian
    assert to_estonian.body.startswith("Mis urbanforumis täna juhtus:")
    # each entry's time in Estonian format, in Tallinn time
    assert "- 2. detsember 2026 23:30 Teie väljakutsel on uus vaste" in to_estonian.body
    assert to_english.subject == "urbanforum daily digest: 2 updates"
    assert "- 2 December 2026 21:30 A new match" in to_english.body


def call_command_set_daily(user: User) -> None:
    from urbanforum.notifications.services import preference_set

    preference_set(actor=user, event_type=MatchFound.event_type, channel="email", frequency="daily")
