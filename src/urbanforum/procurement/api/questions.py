"""Clarification questions: ask, answer."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import private
from urbanforum.procurement import selectors, services
from urbanforum.procurement.api._common import procurement_or_404
from urbanforum.procurement.api._router import ERR, OkOut, QuestionOut, router
from urbanforum.procurement.models import Question
from urbanforum.procurement.schemas import AnswerInput, QuestionInput


@router.post("/procurements/{ref}/questions", response={201: OkOut, **ERR}, auth=private)
def ask(request: AuthedRequest, ref: str, payload: QuestionInput) -> tuple[int, dict[str, str]]:
    services.question_ask(
        actor=request.user, procurement=procurement_or_404(request, ref), question=payload.question
    )
    return 201, {"detail": _("Question sent.")}


@router.post(
    "/procurements/{ref}/questions/{pk}/answer", response={200: QuestionOut, **ERR}, auth=private
)
def answer(request: AuthedRequest, ref: str, pk: int, payload: AnswerInput) -> Question:
    p = procurement_or_404(request, ref)
    q = selectors.questions(procurement=p, unanswered_too=True).filter(pk=pk).first()
    if q is None:
        raise Http404(_("No such question."))
    return services.question_answer(actor=request.user, question=q, answer=payload.answer)
