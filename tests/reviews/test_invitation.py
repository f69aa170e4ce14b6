"""Issue 13, point 4: an invitation to review is answered before the review. The invited reviewer
accepts or declines (saying why, optionally) on the invitation's page or through the API; only an
accepted reviewer submits; a refusal tells the round's organiser, who assigns someone else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.conftest import ROLES, World, api, make_user, outcome
from tests.reviews.conftest import SCORES, Round, review
from urbanforum.core.models import AuditEvent
from urbanforum.notifications.models import Notification
from urbanforum.reviews import services
from urbanforum.reviews.models import Assignment, Response

pytestmark = pytest.mark.django_db
LOGIN = 302


def answer(r: Round) -> str:
    return Assignment.objects.get(round=r.round, reviewer=r.peer).response


def test_an_invited_reviewer_cannot_submit_until_they_accept(invited_round: Round) -> None:
    r = invited_round
    with pytest.raises(PermissionDenied, match="Accept the invitation"):
        services.review_submit(actor=r.peer, round=r.round, data=review("Too early."))
    services.invitation_accept(actor=r.peer, round=r.round)
    assert answer(r) == Response.ACCEPTED
    services.review_submit(actor=r.peer, round=r.round, data=review("Now."))


def test_a_declined_reviewer_cannot_submit_nor_accept(invited_round: Round) -> None:
    r = invited_round
    services.invitation_decline(actor=r.peer, round=r.round, reason="  On leave.  ")
    a = Assignment.objects.get(round=r.round, reviewer=r.peer)
    assert (a.response, a.decline_reason) == (Response.DECLINED, "On leave.")
    assert a.responded_at is not None
    with pytest.raises(PermissionDenied, match="declined"):
        services.review_submit(actor=r.peer, round=r.round, data=review("x"))
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(actor=r.peer, round=r.round)
    assert "response" in exc.value.message_dict


def test_answers_that_make_no_sense_are_refused(invited_round: Round, world: World) -> None:
    r = invited_round
    services.invitation_accept(actor=r.peer, round=r.round)
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=r.peer, round=r.round)  # twice
    services.review_submit(actor=r.peer, round=r.round, data=review("Done."))
    with pytest.raises(ValidationError):  # after reviewing
        services.invitation_decline(actor=r.peer, round=r.round)
    with pytest.raises(ValidationError) as exc:
        services.invitation_decline(actor=r.expert, round=r.round, reason="x" * 2001)
    assert "reason" in exc.value.message_dict
    with pytest.raises(PermissionDenied):  # not invited
        services.invitation_accept(actor=world.users["member"], round=r.round)
    services.round_close(actor=world.users["editor"], round=r.round)
    r.round.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the round is closed
        services.invitation_accept(actor=r.expert, round=r.round)


def test_declining_tells_the_organiser_with_the_reason_and_a_link(
    invited_round: Round, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    r = invited_round
    organiser = world.users["editor"]
    organiser.preferred_language = "fi"
    organiser.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_decline(actor=r.expert, round=r.round, reason="On leave until June.")
    (note,) = Notification.objects.filter(event_type="reviews.declined")
    assert note.recipient == organiser
    assert "On leave until June." in note.text
    assert "declined to review" not in note.text  # in the organiser's language (Finnish)
    assert note.url == f"/reviews/{r.round.pk}/"
    client = Client()
    client.force_login(organiser)
    page = client.get(note.url).content.decode()
    assert "On leave until June." in page  # shown next to the reviewer
    assert f'action="/reviews/{r.round.pk}/reviewers/"' in page  # where to assign someone else


def test_the_organiser_invites_a_declined_reviewer_again(
    invited_round: Round, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    r = invited_round
    services.invitation_decline(actor=r.expert, round=r.round, reason="On leave until June.")
    organiser = Client()
    organiser.force_login(world.users["editor"])
    page = organiser.get(f"/reviews/{r.round.pk}/").content.decode()
    assert page.count('data-testid="invite-again"') == 1  # for the one who declined only
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(
            f"/reviews/{r.round.pk}/reviewers/", {"email": r.expert.email, "kind": "expert"}
        )
    assert response.status_code == 302
    a = Assignment.objects.get(round=r.round, reviewer=r.expert)
    assert (a.response, a.responded_at, a.decline_reason) == (Response.INVITED, None, "")
    assert Assignment.objects.filter(round=r.round).count() == 2  # the same assignment, renewed
    note = Notification.objects.filter(event_type="reviews.assigned", recipient=r.expert).last()
    assert note is not None and note.url == f"/reviews/{r.round.pk}/invitation/"
    assert AuditEvent.objects.filter(
        action="reviews.invite_again", changes__declined_because="On leave until June."
    ).exists()
    services.invitation_accept(actor=r.expert, round=r.round)  # now they may accept
    services.review_submit(actor=r.expert, round=r.round, data=review("Back from leave."))
    # someone who has not declined is not invited twice
    with pytest.raises(ValidationError, match="already a reviewer"):
        services.reviewer_assign(
            actor=world.users["editor"], round=r.round, reviewer=r.peer, kind="peer"
        )


def test_the_invitation_leads_to_the_page_to_answer(
    invited_round: Round, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    r = invited_round
    r.round.due_date = date(2027, 1, 31)
    r.round.save(update_fields=["due_date"])
    third = make_user("third@experts.example", is_expert=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.reviewer_assign(
            actor=world.users["editor"], round=r.round, reviewer=third, kind="expert"
        )
    note = Notification.objects.get(event_type="reviews.assigned", recipient=third)
    assert note.url == f"/reviews/{r.round.pk}/invitation/"
    client = Client()
    client.force_login(third)
    page = client.get(note.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Accept" in html and "Decline" in html
    assert "Effectiveness" in html  # what is asked
    assert "2027" in html.split('data-testid="due"')[1][:200]  # by when


# --- who may answer: the invited reviewer ("other", the peer) only --------------------------------

CASES: list[tuple[str, str, str, dict[str, int], dict[str, Any] | None, bool]] = [
    (
        "invitation page",
        "GET",
        "/reviews/{pk}/invitation/",
        outcome(LOGIN, 200, 404, 404, 404, 404),
        None,
        False,
    ),
    (
        "accept",
        "POST",
        "/reviews/{pk}/invitation/accept/",
        outcome(LOGIN, 302, 403, 403, 403, 403),
        {},
        False,
    ),
    (
        "decline",
        "POST",
        "/reviews/{pk}/invitation/decline/",
        outcome(LOGIN, 302, 403, 403, 403, 403),
        {"reason": "Busy."},
        False,
    ),
    (
        "review before accepting",
        "POST",
        "/reviews/{pk}/review/",
        outcome(LOGIN, 403, 403, 403, 403, 403),
        {**SCORES, "findings": "Good."},
        False,
    ),
    (
        "api invitation",
        "GET",
        "/api/v1/review-rounds/{pk}/invitation",
        outcome(401, 200, 404, 404, 404, 404),
        None,
        True,
    ),
    (
        "api accept",
        "POST",
        "/api/v1/review-rounds/{pk}/invitation/accept",
        outcome(401, 200, 403, 403, 403, 403),
        {},
        True,
    ),
    (
        "api decline",
        "POST",
        "/api/v1/review-rounds/{pk}/invitation/decline",
        outcome(401, 200, 403, 403, 403, 403),
        {"reason": "Busy."},
        True,
    ),
    (
        "api review before accepting",
        "POST",
        "/api/v1/review-rounds/{pk}/reviews",
        outcome(401, 403, 403, 403, 403, 403),
        {**SCORES, "findings": "Good."},
        True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(
    case: Any, role: str, world: World, invited_round: Round, unchanged: Any
) -> None:
    name, method, url, expected, data, is_api = case
    url = url.format(pk=invited_round.round.pk)
    client = world.client(role)

    def call() -> Any:
        if is_api:
            return api(client, method, url, data if method != "GET" else None)
        return getattr(client, method.lower())(url, data)

    code = expected[role]
    writes = method == "POST" and code in (200, 302) and role != "anonymous"
    response = call() if writes or method == "GET" else unchanged(call)
    assert response.status_code == code, (role, response.content[:300])
    if writes:
        assert answer(invited_round) == (
            Response.DECLINED if "decline" in name else Response.ACCEPTED
        )
    if code == 403 and "review" in name and role == "other":
        assert b"Accept the invitation" in response.content  # says why


def test_the_invitation_of_a_closed_round_leads_to_its_results(
    invited_round: Round, world: World
) -> None:
    # QA: after the round was closed, the invitation still said "Write your review" and linked to
    # a form that is no longer there.
    r = invited_round
    services.invitation_accept(actor=r.peer, round=r.round)
    services.invitation_accept(actor=r.expert, round=r.round)
    services.review_submit(actor=r.peer, round=r.round, data=review("Done."))
    services.round_close(actor=world.users["editor"], round=r.round)
    for person, said in (
        (r.peer, "You have already submitted your review."),
        (r.expert, "The round is closed; its results are published."),
    ):
        client = Client()
        client.force_login(person)
        html = client.get(f"/reviews/{r.round.pk}/invitation/").content.decode()
        assert said in html and "Write your review" not in html
        assert f'href="/reviews/{r.round.pk}/">Aggregated results' in html
