"""Clarification questions: published anonymously, answered publicly to all bidders."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error
from urbanforum.procurement import clock
from urbanforum.procurement.models import JointProcurement, Question, Status
from urbanforum.procurement.services._common import lock


def question_ask(*, actor: User, procurement: JointProcurement, question: str) -> Question:
    require(actor, "procurement.ask_question", procurement)
    if not question.strip():
        raise field_error("question", _("Write the question."))
    with transaction.atomic():
        p = lock(procurement)
        now = clock.now()
        if p.status != Status.PUBLISHED or now >= p.clarification_deadline:
            raise field_error("question", _("The clarification deadline has passed."))
        q = Question.objects.create(
            procurement=p, asked_by=actor, question=question.strip(), asked_at=now
        )
        # The audit entry names the procurement, not the asker's question text.
        record(actor=actor, action="procurement.question_ask", target=p)
        emit(DomainEvent("procurement.question_asked", actor.pk, {"procurement_id": p.pk}))
    return q


def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    require(actor, "procurement.answer_question", question.procurement)
    if not answer.strip():
        raise field_error("answer", _("Write the answer."))
    with transaction.atomic():
        q = Question.objects.select_for_update().get(pk=question.pk)
        q.answer = answer.strip()
        q.answered_at = clock.now()
        q.save()
        record(actor=actor, action="procurement.question_answer", target=q.procurement)
        emit(
            DomainEvent(
                "procurement.question_answered", actor.pk, {"procurement_id": q.procurement_id}
            )
        )
    return q
