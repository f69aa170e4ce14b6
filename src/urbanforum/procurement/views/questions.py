"""Screens of the clarification questions (POST actions on the procurement's page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.schemas import parse
from urbanforum.procurement import services
from urbanforum.procurement.models import Question
from urbanforum.procurement.schemas import AnswerInput, QuestionInput
from urbanforum.procurement.views._common import act, posted, procurement_or_404


@login_required
@require_POST
def question_ask(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)

    def call() -> object:
        data: QuestionInput = parse(QuestionInput, posted(request, "question"))
        return services.question_ask(actor=request.user, procurement=p, question=data.question)

    return act(
        request,
        p,
        "procurement.ask_question",
        call,
        _("Your question was sent. Answers are published to all bidders, without your name."),
    )


@login_required
@require_POST
def question_answer(request: AuthedRequest, ref: str, pk: int) -> HttpResponse:
    p = procurement_or_404(request, ref)
    q = get_object_or_404(Question, procurement=p, pk=pk)

    def call() -> object:
        data: AnswerInput = parse(AnswerInput, posted(request, "answer"))
        return services.question_answer(actor=request.user, question=q, answer=data.answer)

    return act(request, p, "procurement.answer_question", call, _("The answer is published."))
