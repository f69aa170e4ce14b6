"""Every notification leads somewhere: one scenario drives the real services until every registered
notification type has been delivered at least once, then each notification's link — the same link
the e-mail and the digest carry — is opened as its recipient and must answer 200.

A new strategy without a step here fails `test_every_registered_type_is_covered`: add the service
call that emits its event to `scenario`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.conftest import World, make_user
from tests.processes.conftest import build_process_world
from tests.procurement.conftest import Clock, bid_input, build_tender, scores
from tests.procurement.conftest import clock as clock
from urbanforum.accounts import services as accounts_services
from urbanforum.accounts.models import Membership, Role
from urbanforum.challenges import services as challenge_services
from urbanforum.challenges.schemas import ChallengeFields
from urbanforum.community import services as community
from urbanforum.marketplace.models import Solution
from urbanforum.matching import services as matching
from urbanforum.matching.schemas import SavedSearchInput
from urbanforum.notifications.models import Notification
from urbanforum.notifications.services import send_digests
from urbanforum.notifications.strategies import STRATEGIES
from urbanforum.practices import services as practices
from urbanforum.practices.schemas import PracticeFields
from urbanforum.processes import services as processes
from urbanforum.processes.models import ProcessInvitation
from urbanforum.procurement import services as procurement
from urbanforum.procurement.schemas import ProcurementChanges
from urbanforum.reviews import services as reviews


def scenario(world: World, clock: Clock) -> None:
    editor, member, admin = world.users["editor"], world.users["member"], world.users["admin"]
    other = world.users["other"]
    assert editor and member and admin and other

    # matching: a saved search and Tallinn's open challenge, then a practice that matches both
    matching.saved_search_create(
        actor=member, search=SavedSearchInput(query="tram priority signals", kind="practice")
    )
    trams = challenge_services.challenge_create(
        actor=other,
        owner_city=world.other_city,
        fields=ChallengeFields(
            title="Trams wait at traffic lights",
            problem_statement="Trams stop at every junction; tram priority signals are missing.",
            domains=["mobility"],
        ),
    )
    challenge_services.challenge_set_status(actor=other, challenge=trams, status="open")
    practices.practice_create(
        actor=editor,
        city=world.city,
        fields=PracticeFields(
            title="Tram priority signals",
            summary="Traffic lights give trams priority at every junction.",
            status="published",
            domains=["mobility"],
        ),
    )

    # processes: invitation (with a message), joining, tasks, phases, result
    pw = build_process_world(world)
    riga_admin = pw.users["other"]
    assert riga_admin is not None
    riga = riga_admin.memberships.get().organisation
    invitation = processes.process_invite(
        actor=editor,
        process=pw.process,
        organisation=riga,
        message="Riga ploughs its cycle lanes first; join us to compare.",
    )
    processes.process_invitation_respond(
        actor=riga_admin, invitation=ProcessInvitation.objects.get(pk=invitation.pk)
    )
    task = processes.task_create(
        actor=editor, process=pw.process, title="Map the priority routes", owner=admin
    )
    processes.task_set_done(actor=admin, task=task)
    pw.advance_to("follow_up")
    processes.process_publish_result(
        actor=editor, process=pw.process, summary="Ploughing cycle lanes first works."
    )

    # challenges: Tallinn has the challenge too
    challenge_services.challenge_join(actor=other, challenge=pw.challenge, city=world.other_city)

    # community: discussions, events, mentoring
    group = community.group_create(actor=editor, name="Winter mobility", domains=["mobility"])
    community.group_join(actor=member, group=group)
    thread = community.thread_create(
        actor=member, group=group, title="Ploughing cycle lanes first", body="Who ploughs first?"
    )
    community.post_reply(actor=editor, thread=thread, body="We do, @admin@helsinki.example.")
    community.post_report(actor=other, post=thread.posts.first(), reason="Off topic.")
    start = timezone.now() + timedelta(days=10)
    event = community.event_create(
        actor=editor,
        title="Forum day Helsinki",
        kind="forum_day",
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        timezone="Europe/Helsinki",
        place="Helsinki City Hall",
        capacity=1,
        group=group,
    )
    community.event_register(actor=member, event=event)
    community.event_register(actor=admin, event=event)  # waiting list
    community.registration_cancel(actor=member, event=event)  # admin gets the place
    community.event_register(actor=other, event=event)  # waiting list
    community.event_cancel(actor=editor, event=event, reason="The hall is flooded.")
    mentor = make_user("mentor@experts.example", is_expert=True)
    offer = community.offer_create(actor=mentor, topics=["mobility"], description="Winter.")
    request = community.request_create(
        actor=editor, challenge=pw.challenge, description="Contracts for winter maintenance."
    )
    mentorship = community.mentorship_propose(actor=editor, request=request, offer=offer)
    community.mentorship_answer(actor=mentor, mentorship=mentorship, accept=True)

    # accounts: an invitation to an organisation for someone who has an account
    newcomer = make_user("newcomer@hel.fi")
    accounts_services.invitation_create(
        actor=admin, organisation=world.org, email=newcomer.email, role=Role.MEMBER
    )

    # reviews: an expert is asked to review the process
    reviewer = make_user("reviewer@experts.example", is_expert=True)
    review_round = reviews.round_create(actor=editor, process=pw.process, title="Peer review")
    reviews.reviewer_assign(actor=editor, round=review_round, reviewer=reviewer, kind="expert")
    # ... and a second expert declines, saying why (the organiser hears it)
    busy = make_user("busy@experts.example", is_expert=True)
    reviews.reviewer_assign(actor=editor, round=review_round, reviewer=busy, kind="expert")
    reviews.invitation_decline(actor=busy, round=review_round, reason="On leave until June.")

    # procurement: questions, a moved deadline, sealed bids, opening, evaluation, award
    # (the call answers the process's challenge: a provider offering a solution in its domain hears
    # of it when it is published)
    t = build_tender(world, clock, publish=False)
    p = t.procurement
    p.challenge = pw.process.challenge
    p.save(update_fields=["challenge"])
    Solution.objects.create(
        title="Winter route sensors", provider=t.provider, description="x", domains=["mobility"]
    )
    procurement.procurement_publish(actor=editor, procurement=p)
    p.refresh_from_db()
    colleague = make_user("sales@snowline.example")  # hears of the bid their colleague sealed
    Membership.objects.create(
        user=colleague, organisation=t.provider, role=Role.EDITOR, verified_via="admin"
    )
    a, _ = procurement.bid_submit(
        actor=t.bidder, lot=t.lot, bidder=t.provider, data=bid_input("1000000", "Offer A")
    )
    b, _ = procurement.bid_submit(
        actor=t.rival_bidder, lot=t.lot, bidder=t.rival, data=bid_input("800000", "Offer B")
    )
    question = procurement.question_ask(
        actor=t.rival_bidder, procurement=p, question="Is DALI-2 required?"
    )
    procurement.question_answer(actor=editor, question=question, answer="Yes.")
    procurement.procurement_update(
        actor=editor,
        procurement=p,
        changes=ProcurementChanges(bid_deadline=p.bid_deadline + timedelta(days=7)),
    )
    p.refresh_from_db()
    procurement.evaluator_add(actor=editor, procurement=p, user=t.evaluator)
    clock.set(p.bid_deadline + timedelta(minutes=1))
    procurement.bids_open(actor=editor, procurement=p)
    procurement.evaluator_declare(actor=t.evaluator, procurement=p, confirm=True)
    quality = p.criteria.get(kind="quality")
    a.refresh_from_db()
    b.refresh_from_db()
    procurement.scores_submit(actor=t.evaluator, bid=a, data=scores({quality.pk: 100}))
    procurement.scores_submit(actor=t.evaluator, bid=b, data=scores({quality.pk: 50}))
    procurement.lot_award(actor=editor, lot=t.lot)


def test_every_notification_arrives_and_leads_somewhere(
    world: World, clock: Clock, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    """One run of the scenario (it is slow: real services, search index, sealed bids)."""
    with django_capture_on_commit_callbacks(execute=True):
        scenario(world, clock)
    delivered = list(Notification.objects.select_related("recipient").order_by("pk"))

    # every registered type was delivered at least once
    missing = set(STRATEGIES) - {n.event_type for n in delivered}
    assert not missing, f"no step of the scenario delivers: {sorted(missing)}"

    # each link opens for its recipient
    failures = []
    for note in delivered:
        assert note.url.startswith("/"), (note.event_type, note.url)
        client = Client()
        client.force_login(note.recipient)
        status = client.get(note.url).status_code
        if status != 200:
            failures.append((note.event_type, note.recipient.email, note.url, status))
    assert not failures

    # an immediate e-mail says what happened, on what, why, and links to it (absolute)
    base = settings.URBANFORUM_SITE_URL.rstrip("/")
    cancel_mails = [
        m for m in mail.outbox if m.to == ["other@tallinn.example"] and "flooded" in m.body
    ]
    assert len(cancel_mails) == 1
    body = cancel_mails[0].body
    assert "cancelled the event “Forum day Helsinki”" in body
    assert f"{base}/community/events/" in body

    # the digest carries the same links, absolute
    Notification.objects.update(email_frequency="daily", emailed_at=None)
    mail.outbox.clear()
    send_digests("daily")
    bodies = "\n".join(m.body for m in mail.outbox)
    for note in delivered:
        assert f"{base}{note.url}" in bodies, note.event_type

    # the right people, told what they need and nothing more
    def told(event_type: str) -> dict[str, str]:
        return {n.recipient.email: n.text for n in delivered if n.event_type == event_type}

    cancelled = told("community.event_cancelled")
    assert set(cancelled) == {"admin@helsinki.example", "other@tallinn.example"}
    assert all("The hall is flooded." in text for text in cancelled.values())
    joined = told("challenge.joined")
    assert set(joined) == {"editor@helsinki.example", "admin@helsinki.example"}  # the owners
    assert "Tallinn" in joined["admin@helsinki.example"]
    invited = told("process.invitation_created")
    assert "Riga ploughs its cycle lanes first" in invited["admin@riga.example"]
    assert set(told("procurement.question_asked")) == {
        "editor@helsinki.example",
        "admin@helsinki.example",
    }
    assert set(told("procurement.question_answered")) == {
        "bids@balticlights.example",  # asked
        "bids@snowline.example",  # holds a bid
        "sales@snowline.example",
    }
    moved = told("procurement.bid_deadline_changed")
    assert {"bids@balticlights.example", "bids@snowline.example", "editor@espoo.example"} <= set(
        moved
    )
    results = told("procurement.award_result")
    assert set(results) == {
        "bids@snowline.example",
        "sales@snowline.example",
        "bids@balticlights.example",
    }
    assert "bid won lot 1" in results["bids@snowline.example"]
    assert "did not win lot 1" in results["bids@balticlights.example"]
    procurement_texts = " ".join(
        n.text for n in delivered if n.event_type.startswith("procurement")
    )
    for secret in ("1000000", "1,000,000", "800000", "800,000", "Baltic Lights", "Snowline"):
        assert secret not in procurement_texts, secret
    assert "bids@snowline.example" not in set(told("procurement.awarded"))
    # Snowline offers a "mobility" solution: its editors hear of the call (delivered on commit, by
    # when the colleague has joined)
    assert set(told("procurement.published")) == {"bids@snowline.example", "sales@snowline.example"}
    declined = told("reviews.declined")
    assert set(declined) == {"editor@helsinki.example"}  # the round's organiser
    assert "On leave until June." in declined["editor@helsinki.example"]
