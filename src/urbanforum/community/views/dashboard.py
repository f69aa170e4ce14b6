"""The personal dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from urbanforum.accounts.http import AuthedRequest
from urbanforum.community import selectors


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    return render(request, "community/dashboard.html", vars(selectors.dashboard(user=request.user)))
