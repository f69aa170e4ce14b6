"""One input per action: each schema (the API's body, the form's validation) hands its fields to
its service as typed keyword arguments of the same names — a field the service does not take
would be lost. (References — slugs, e-mails — are turned into the objects first, under the same
name.)"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from urbanforum.community import schemas, services
from urbanforum.processes import schemas as process_schemas
from urbanforum.processes import services as process_services

# (schema, service, fields the service takes under another name: the member's e-mail → `user`)
PAIRS: list[tuple[type[Any], Callable[..., Any], set[str]]] = [
    (schemas.GroupIn, services.group_create, set()),
    (schemas.ThreadIn, services.thread_create, set()),
    (schemas.PostIn, services.post_reply, set()),
    (schemas.ReasonIn, services.post_report, set()),
    (schemas.ModerateIn, services.post_moderate, set()),
    (schemas.EventIn, services.event_create, set()),
    (schemas.OfferIn, services.offer_create, set()),
    (schemas.RequestIn, services.request_create, set()),
    (schemas.ProposeIn, services.mentorship_propose, set()),
    (schemas.AnswerIn, services.mentorship_answer, set()),
    (schemas.SessionIn, services.session_record, set()),
    (schemas.FeedbackIn, services.feedback_give, set()),
    (schemas.MemberIn, services.group_add_member, {"email"}),
    (schemas.LinkIn, services.group_link, set()),
    (schemas.DocumentIn, services.document_add, set()),
    (process_schemas.ProcessIn, process_services.process_open, set()),
    (process_schemas.InvitationIn, process_services.process_invite, set()),
    (process_schemas.ParticipantIn, process_services.participant_add, set()),
    (process_schemas.TaskIn, process_services.task_create, set()),
    (process_schemas.DoneIn, process_services.task_set_done, set()),
    (process_schemas.DeliverableIn, process_services.deliverable_add, set()),
    (process_schemas.DecisionIn, process_services.decision_record, set()),
    (process_schemas.ReviewIn, process_services.review_add, set()),
    (process_schemas.AdvanceIn, process_services.phase_advance, set()),
    (process_schemas.PublishIn, process_services.process_publish_result, set()),
]


@pytest.mark.parametrize(
    ("schema", "service", "resolved"), PAIRS, ids=lambda p: getattr(p, "__name__", "")
)
def test_the_service_takes_every_field_of_its_input(
    schema: type[Any], service: Callable[..., Any], resolved: set[str]
) -> None:
    parameters = inspect.signature(service).parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    missing = set(schema.model_fields) - resolved - set(parameters)
    assert not missing, f"{service.__name__} does not take {sorted(missing)}"


@pytest.mark.parametrize(
    ("service", "schema"),
    [
        (services.group_update, schemas.GroupChanges),
        (services.event_update, schemas.EventPatchIn),
        (process_services.process_update, process_schemas.ProcessPatchIn),
    ],
)
def test_updates_take_their_changes_as_one_typed_input(
    service: Callable[..., Any], schema: type[Any]
) -> None:
    parameters = inspect.signature(service, eval_str=True).parameters
    assert parameters["changes"].annotation is schema
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
