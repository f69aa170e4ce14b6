"""Demo content: working groups with discussions, upcoming events (one nearly full), a past
workshop with its report, mentoring offers and a mentorship. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from urbanforum.accounts.models import Organisation, User
from urbanforum.community import services
from urbanforum.community.models import Event, MentoringOffer, Mentorship, WorkingGroup
from urbanforum.community.schemas import EventPatchIn
from urbanforum.processes.models import Process


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _at(days: int, hour: int, zone: str) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(zone))


@transaction.atomic
def load(*, stdout: Any, style: Any) -> None:
    if WorkingGroup.objects.filter(name="Winter cycling and maintenance").exists():
        stdout.write("Community: the demo content exists.")
        return
    editor, officer = _user("editor@helsinki.example"), _user("officer@tallinn.example")
    member, admin = _user("member@helsinki.example"), _user("admin@helsinki.example")
    expert, provider = _user("expert@urbanforum.example"), _user("provider@snowline.example")
    coordinator = _user("coordinator@urbanforum.example")
    if not all([editor, officer, member, admin, expert, provider, coordinator]):
        stdout.write(style.WARNING("Community: demo accounts missing; skipped."))
        return
    assert editor and officer and member and admin and expert and provider and coordinator
    winter = services.group_create(
        actor=editor,
        name="Winter cycling and maintenance",
        domains=["mobility", "climate"],
        description="Cities keeping cycle routes usable through snow, slush and freeze-thaw: contracts, monitoring, communication.",
    )
    for person in (officer, member, expert, provider):
        services.group_join(actor=person, group=winter)
    process = Process.objects.filter(title__startswith="Together: ").first()
    if process is not None:
        services.group_link(
            actor=editor, group=winter, process=process, challenge=process.challenge
        )
    services.document_add(
        actor=editor,
        group=winter,
        title="Winter maintenance standards (summary)",
        url="https://example.org/winter-standards.pdf",
    )
    thread = services.thread_create(
        actor=editor,
        group=winter,
        title="Which cycle routes do you plough first?",
        body="We are drafting a **priority network**. How do you choose the routes that are ploughed before 7 am?",
    )
    services.post_reply(
        actor=officer,
        thread=thread,
        body="In Tallinn: school routes and the main commuter axes. @expert@urbanforum.example, what do the studies say?",
    )
    services.post_reply(
        actor=expert,
        thread=thread,
        body="Ploughing within 3 hours of snowfall on a connected network keeps most winter cyclists. A network with gaps loses them.",
    )
    thread2 = services.thread_create(
        actor=member,
        group=winter,
        title="Sensors for ice on cycle lanes",
        body="Has anyone tried road-weather sensors for cycle lanes?",
    )
    services.post_reply(
        actor=provider,
        thread=thread2,
        body="We ran a pilot with 12 sensors in Oulu; happy to share the data.",
    )

    data = services.group_create(
        actor=officer,
        name="City data officers",
        visibility="private",
        domains=["data", "digital-services"],
        description="A closed circle of the cities' data officers.",
    )
    services.group_add_member(actor=officer, group=data, user=admin)
    services.thread_create(
        actor=officer,
        group=data,
        title="Open data licences",
        body="Which licence do you use for sensor data?",
    )

    # Events: a nearly full forum day, a webinar, a study visit in Tallinn time, a past workshop.
    forum = services.event_create(
        actor=editor,
        title="Baltic winter cycling forum day",
        kind="forum_day",
        starts_at=_at(21, 9, "Europe/Helsinki"),
        ends_at=_at(21, 16, "Europe/Helsinki"),
        timezone="Europe/Helsinki",
        place="Helsinki City Hall, Pohjoisesplanadi 11–13",
        capacity=5,
        group=winter,
        description="A day of short talks and workshops on winter maintenance.",
        agenda="- 09:00 Welcome\n- 09:30 Priority networks (Helsinki, Tallinn)\n- 13:00 Contracts that measure cycle routes\n- 15:30 Wrap-up",
    )
    for person in (member, officer, expert, provider):
        services.event_register(actor=person, event=forum)
    services.event_create(
        actor=expert,
        title="Webinar: monitoring winter maintenance with sensors",
        kind="webinar",
        starts_at=_at(9, 14, "Europe/Helsinki"),
        ends_at=_at(9, 15, "Europe/Helsinki"),
        timezone="Europe/Helsinki",
        online_url="https://meet.example.org/winter-sensors",
        description="One hour, with time for questions.",
    )
    services.event_create(
        actor=officer,
        title="Study visit: Tallinn's green transport",
        kind="study_visit",
        starts_at=_at(35, 10, "Europe/Tallinn"),
        ends_at=_at(35, 17, "Europe/Tallinn"),
        timezone="Europe/Tallinn",
        place="Tallinn, Vabaduse väljak 7",
        capacity=20,
    )
    past = Event.objects.create(
        title="Knowledge exchange: procurement of maintenance",
        kind="exchange",
        organiser=editor,
        starts_at=_at(-14, 10, "Europe/Helsinki"),
        ends_at=_at(-14, 12, "Europe/Helsinki"),
        timezone="Europe/Helsinki",
        online_url="https://meet.example.org/procurement",
        group=winter,
    )
    services.event_update(
        actor=editor,
        event=past,
        changes=EventPatchIn(
            report="Eight cities took part. Main lesson: put cycle-route response times into the contract and check them with photo reports."
        ),
    )

    # Mentoring: an expert and a city offer; Helsinki (or the process lead) asked the expert.
    offer = services.offer_create(
        actor=expert,
        topics=["mobility", "climate", "data"],
        description="Winter maintenance standards, monitoring and contract clauses.",
    )
    tallinn = Organisation.objects.filter(name="Tallinn City Government").first()
    services.offer_create(
        actor=officer,
        topics=["mobility", "governance"],
        description="How Tallinn runs free public transport and its procurement.",
        organisation=tallinn,
    )
    if process is not None and editor.has_perm("community.request_mentoring", process.challenge):
        request = services.request_create(
            actor=editor,
            challenge=process.challenge,
            description="Help us write measurable winter standards into the 2027 contracts.",
        )
        mentorship = services.mentorship_propose(
            actor=editor,
            request=request,
            offer=offer,
            goals="Measurable standards; a monitoring plan; contract clauses.",
        )
        services.mentorship_answer(actor=expert, mentorship=mentorship, accept=True)
        services.session_record(
            actor=expert,
            mentorship=mentorship,
            held_on=timezone.localdate() - timedelta(days=3),
            notes="Went through the current contracts.",
        )
    stdout.write(
        style.SUCCESS(
            f"Community: {WorkingGroup.objects.count()} working groups, {Event.objects.count()} events, "
            f"{MentoringOffer.objects.count()} mentoring offers, {Mentorship.objects.count()} mentorships."
        )
    )
