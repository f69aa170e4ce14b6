"""The translations screen of a piece of content: its translations, a form to add or change one,
removing one, and asking the machine translation service (when configured)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.core.forms import apply_errors
from urbanforum.core.translations import selectors, services
from urbanforum.core.translations.forms import MachineTranslationForm, TranslationForm
from urbanforum.core.translations.machine import MachineTranslationFailed, configured
from urbanforum.core.translations.registry import TranslatableKind


def editable(request: HttpRequest, slug: str, pk: int) -> tuple[TranslatableKind[Any], Any]:
    """The kind and object, when the user may see it (else 404) and translate it (else 403)."""
    found = selectors.object_of(request.user, slug, pk)
    if found is None:
        raise Http404(_("No such content."))
    kind, obj = found
    if not request.user.has_perm(kind.change_permission, obj):
        raise PermissionDenied(_("Only the editors of this content may translate it."))
    return kind, obj


@login_required
def translations(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry, obj = editable(request, kind, pk)
    initial: dict[str, str] = {}
    wanted = request.GET.get("language", "")
    existing = selectors.translations_of(entry, obj).filter(language=wanted).first()
    if existing is not None:
        initial = {
            "language": existing.language,
            "title": existing.title,
            "summary": existing.summary,
            "body": existing.body,
        }
    form = TranslationForm(request.POST or None, initial=initial, kind=entry, obj=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(actor=request.user, kind=entry, obj=obj, data=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The translation was saved."))
            return redirect("translations:edit", kind=entry.slug, pk=obj.pk)
    return render(
        request,
        "core/translations.html",
        {
            "kind": entry,
            "obj": obj,
            "object_url": entry.url(obj),
            "original": selectors.shown(entry, obj, original=True),
            "translations": selectors.translations_of(entry, obj),
            "form": form,
            "machine_form": MachineTranslationForm(kind=entry, obj=obj) if configured() else None,
        },
    )


@login_required
@require_POST
def translation_delete(request: HttpRequest, kind: str, pk: int, language: str) -> HttpResponse:
    entry, obj = editable(request, kind, pk)
    try:
        services.translation_delete(actor=request.user, kind=entry, obj=obj, language=language)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The translation was removed."))
    return redirect("translations:edit", kind=entry.slug, pk=obj.pk)


@login_required
@require_POST
def translation_machine(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry, obj = editable(request, kind, pk)
    form = MachineTranslationForm(request.POST, kind=entry, obj=obj)
    if not form.is_valid():
        messages.error(request, _("Choose a language."))
    else:
        try:
            services.translation_machine(
                actor=request.user, kind=entry, obj=obj, data=form.validated
            )
        except services.MachineTranslationOff:
            messages.error(request, _("Machine translation is not switched on."))
        except MachineTranslationFailed:
            messages.error(request, _("The machine translation service did not answer."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The machine translation was saved."))
    return redirect("translations:edit", kind=entry.slug, pk=obj.pk)
