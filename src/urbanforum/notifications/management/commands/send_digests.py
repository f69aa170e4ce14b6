"""`urbanforum send_digests --period daily|weekly`: send the digest e-mails (run it from cron, or
with --enqueue hand it to the worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", choices=["daily", "weekly"], required=True)
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        from urbanforum.notifications.tasks import send_digests_task

        if options["enqueue"]:
            send_digests_task.enqueue(options["period"])
            self.stdout.write(f"Queued the {options['period']} digests.")
            return
        from urbanforum.notifications.services import send_digests

        sent = send_digests(options["period"])
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} {options['period']} digest e-mail(s)."))
