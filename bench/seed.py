"""Seed N rows of every listed kind in bulk, for measuring lists at 10,000 and 100,000 rows.

    URBANFORUM_DEV=1 python bench/seed.py --rows 10000            # into the configured database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/uf_bench python bench/seed.py --rows 100000

Creates, under one seeding organisation (a company) and its own cities: N cities, N challenges
(public, open), N good practices (published), N solutions (published), N experts (published),
N events (public group), N threads (public group), N posts in one thread, N processes (public),
N procurements (published) and N notifications for `--recipient` (an e-mail; created if missing).
Half of every table is private or draft, so visibility rules filter real rows. Rows go in
with `bulk_create` (the models' `save()` fields — slug, search text, tags — are filled here), so
100,000 rows of each take minutes, not hours. The same function seeds the query-count tests
(tests/core/test_list_queries.py) with 3 and 300 rows.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

BATCH = 2000
DOMAINS = ["mobility", "energy", "water", "waste", "housing", "health"]
COUNTRIES = ["FI", "EE", "LV", "LT", "PL", "DE", "DK", "SE", "NO"]


@dataclass
class Seeded:
    rows: int
    recipient_email: str
    group_slug: str
    thread_id: int


def seed(rows: int, *, tag: str = "seed", recipient_email: str = "reader@seed.example") -> Seeded:
    """Insert `rows` rows of every listed kind; returns what the benches and tests address."""
    from django.db import transaction
    from django.utils import timezone

    from urbanforum.accounts.models import Organisation, OrganisationKind, User
    from urbanforum.challenges.models import Challenge
    from urbanforum.cities.models import City, size_class_for
    from urbanforum.community.models import Event, Post, Thread, WorkingGroup
    from urbanforum.core.markdown import render_markdown
    from urbanforum.core.text import fold
    from urbanforum.marketplace.models import Expert, Solution
    from urbanforum.matching.tags import search_text, tag_string
    from urbanforum.notifications.models import Notification
    from urbanforum.practices.models import GoodPractice
    from urbanforum.processes.models import Process
    from urbanforum.procurement.models import JointProcurement

    now = timezone.now()

    def bulk(model: Any, objs: list[Any]) -> list[Any]:
        return model.objects.bulk_create(objs, batch_size=BATCH)

    def domains(i: int) -> list[str]:
        return [DOMAINS[i % len(DOMAINS)], DOMAINS[(i + 2) % len(DOMAINS)]]

    with transaction.atomic():
        company = Organisation.objects.create(
            name=f"{tag} company", kind=OrganisationKind.COMPANY, country="FI"
        )
        administration = Organisation.objects.create(
            name=f"{tag} administration", kind=OrganisationKind.CITY_ADMINISTRATION, country="EE"
        )
        recipient = User.objects.filter(email=recipient_email).first()
        if recipient is None:
            recipient = User.objects.create_user(recipient_email, None)
        cities = []
        for i in range(rows):
            name, population = f"{tag.title()} City {i}", 10_000 + 997 * i
            cities.append(
                City(
                    name=name,
                    slug=f"{tag}-city-{i}",
                    country=COUNTRIES[i % len(COUNTRIES)],
                    population=population,
                    size_class=size_class_for(population),
                    region=f"Region {i % 40}",
                    is_bsr=i % 2 == 0,
                    administration=administration if i == 0 else None,
                    search_text=fold(name),
                )
            )
        cities = bulk(City, cities)
        challenges = []
        for i in range(rows):
            title, problem = f"{tag} challenge {i} about traffic", f"Problem number {i}."
            challenges.append(
                Challenge(
                    title=title,
                    slug=f"{tag}-challenge-{i}",
                    owner_city=cities[i],
                    owner_organisation=administration,
                    problem_statement=problem,
                    domains=domains(i),
                    domain_tags=tag_string(domains(i)),
                    sdgs=[11],
                    sdg_tags=tag_string([11]),
                    status="open" if i % 2 == 0 else "draft",
                    visibility="public" if i % 4 != 1 else "private",
                    search_text=search_text(title, problem),
                )
            )
        challenges = bulk(Challenge, challenges)
        practices = []
        for i in range(rows):
            title, summary = f"{tag} practice {i} on cycling", f"What city {i} did."
            practices.append(
                GoodPractice(
                    title=title,
                    slug=f"{tag}-practice-{i}",
                    summary=summary,
                    city=cities[i],
                    author_organisation=administration,
                    year_start=2000 + i % 25,
                    language=["en", "fi", "et"][i % 3],
                    domains=domains(i),
                    domain_tags=tag_string(domains(i)),
                    status="published" if i % 2 == 0 else "draft",
                    search_text=search_text(title, summary),
                )
            )
        bulk(GoodPractice, practices)
        solutions = []
        for i in range(rows):
            title, description = f"{tag} solution {i}", f"A product for need {i}."
            solutions.append(
                Solution(
                    title=title,
                    slug=f"{tag}-solution-{i}",
                    provider=company,
                    description=description,
                    domains=domains(i),
                    domain_tags=tag_string(domains(i)),
                    languages=["en"],
                    status="published" if i % 2 == 0 else "draft",
                    search_text=search_text(title, description, company.name),
                )
            )
        bulk(Solution, solutions)
        experts = []
        for i in range(rows):
            name = f"{tag.title()} Expert {i}"
            experts.append(
                Expert(
                    name=name,
                    slug=f"{tag}-expert-{i}",
                    country=COUNTRIES[i % len(COUNTRIES)],
                    expertise=domains(i),
                    domain_tags=tag_string(domains(i)),
                    languages=["en"],
                    is_published=i % 2 == 0,
                    search_text=search_text(name),
                )
            )
        bulk(Expert, experts)
        group = WorkingGroup.objects.create(name=f"{tag} group", slug=f"{tag}-group")
        bulk(
            Event,
            [
                Event(
                    title=f"{tag} event {i}",
                    slug=f"{tag}-event-{i}",
                    kind="webinar",
                    starts_at=now + timedelta(hours=i + 1),
                    ends_at=now + timedelta(hours=i + 2),
                    online_url="https://meet.example/x",
                    group=group,
                )
                for i in range(rows)
            ],
        )
        threads = bulk(
            Thread,
            [
                Thread(title=f"{tag} thread {i}", group=group, last_activity_at=now)
                for i in range(rows)
            ],
        )
        body = "Reply **{i}** with a [link](https://example.org/)"
        bulk(
            Post,
            [
                Post(
                    thread=threads[0],
                    body=body.format(i=i),
                    html=render_markdown(body.format(i=i)),
                )
                for i in range(rows)
            ],
        )
        bulk(
            Process,
            [
                Process(
                    title=f"{tag} process {i}",
                    slug=f"{tag}-process-{i}",
                    challenge=challenges[i],
                    visibility="public" if i % 2 == 0 else "private",
                )
                for i in range(rows)
            ],
        )
        bulk(
            JointProcurement,
            [
                JointProcurement(
                    reference=f"{tag}-jp-{i}",
                    title=f"{tag} procurement {i}",
                    lead_organisation=administration,
                    lead_city=cities[0],
                    clarification_deadline=now + timedelta(days=10, hours=i),
                    bid_deadline=now + timedelta(days=20, hours=i),
                    seal_salt="00",
                    status="published" if i % 2 == 0 else "draft",
                )
                for i in range(rows)
            ],
        )
        bulk(
            Notification,
            [
                Notification(
                    recipient=recipient,
                    event_type="community.post_reply",
                    text=f"Notification {i}",
                    read_at=None if i % 2 else now,
                )
                for i in range(rows)
            ],
        )
    return Seeded(
        rows=rows,
        recipient_email=recipient_email,
        group_slug=group.slug,
        thread_id=threads[0].pk,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--tag", default="seed", help="prefix of every seeded name and slug")
    parser.add_argument("--recipient", default="reader@seed.example")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanforum.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    seeded = seed(args.rows, tag=args.tag, recipient_email=args.recipient)
    print(f"seeded {seeded.rows} rows of 11 kinds in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
