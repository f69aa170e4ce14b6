"""Background work of joint procurement (django-tasks).

django-tasks' database backend stores a task's arguments in clear in the database; so a task gets
ids only and reads what it needs itself. The receipt e-mail of a sealed bid gets the bid's random
public id — not the address, not the hash, never the nonce — and sends no nonce: the nonce, which
keeps a known offer's price from being found from the receipt hash, stays inside the sealed bid
(the bidder reads it on the bid's page, decrypted with its own key)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

log = logging.getLogger(__name__)


class ReceiptNotSent(Exception):
    """The receipt e-mail failed; deliberately without the cause (see `send_bid_receipt`)."""


@task()
def send_bid_receipt(bid_id: str) -> int:
    """Send the submitter of bid `bid_id` (its public id) the receipt: procurement, lot, server time
    and receipt hash, with the link to the bid's page. Idempotent; 0 when there is nobody to tell."""
    from urbanforum.procurement.models import Bid

    bid = (
        Bid.objects.select_related("procurement", "lot", "submitted_by")
        .filter(public_id=bid_id)
        .first()
    )
    if bid is None or bid.submitted_by is None or not bid.submitted_by.email:
        return 0
    person = bid.submitted_by
    p = bid.procurement
    link = str(settings.URBANFORUM_SITE_URL).rstrip("/") + reverse(
        "procurement:bid", args=[p.reference, bid.public_id]
    )
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Your sealed bid: receipt")
        body = _(
            "Your bid for lot %(lot)s of “%(title)s” is sealed.\n"
            "Submitted at (server time, UTC): %(when)s\n"
            "Receipt (SHA-256): %(hash)s\n"
            "The nonce that completes the receipt is on the bid's page, which only your "
            "organisation can read: %(link)s\n"
            "Nobody can read the bid before the deadline (%(deadline)s UTC)."
        ) % {
            "lot": bid.lot.number,
            "title": p.title,
            "when": bid.submitted_at.isoformat(),
            "hash": bid.receipt_hash,
            "link": link,
            "deadline": p.bid_deadline.isoformat(),
        }
    try:
        return send_mail(
            subject=subject, message=body, from_email=None, recipient_list=[person.email]
        )
    except Exception:
        # django-tasks stores a failed task's traceback in the database, and an SMTP error names the
        # recipient: fail without the cause (`from None`) so that no stored row tells who has bid.
        log.warning("a bid receipt e-mail could not be sent")
        raise ReceiptNotSent("The receipt e-mail could not be sent.") from None
