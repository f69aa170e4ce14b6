"""JSON twin of the translations screen: an object's translations and what a reader sees, adding
or changing one (PUT), removing one, and machine translation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from urbanforum.core.api import ErrorBody, error_response, public
from urbanforum.core.models import ContentTranslation
from urbanforum.core.translations import selectors, services
from urbanforum.core.translations.machine import MachineTranslationFailed
from urbanforum.core.translations.registry import TranslatableKind
from urbanforum.core.translations.schemas import MachineTranslationInput, TranslationInput

router = Router(tags=["translations"])
ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class TranslationOut(Schema):
    language: str
    title: str
    summary: str
    body: str
    origin: str
    updated_at: datetime


class ShownOut(Schema):
    language: str
    original_language: str
    is_translation: bool
    is_machine: bool
    title: str
    summary: str
    body: str


class TranslationsOut(Schema):
    kind: str
    id: int
    url: str
    original_language: str
    shown: ShownOut
    translations: list[TranslationOut]


def _visible(request: HttpRequest, kind: str, pk: int) -> tuple[TranslatableKind[Any], Any]:
    found = selectors.object_of(request.user, kind, pk)
    if found is None:
        raise Http404(_("No such content."))
    return found


def _editable(request: HttpRequest, kind: str, pk: int) -> tuple[TranslatableKind[Any], Any]:
    entry, obj = _visible(request, kind, pk)
    if not request.user.has_perm(entry.change_permission, obj):
        raise PermissionDenied(_("Only the editors of this content may translate it."))
    return entry, obj


def _out(entry: TranslatableKind[Any], obj: Any, *, original: bool = False) -> dict[str, Any]:
    seen = selectors.shown(entry, obj, original=original)
    return {
        "kind": entry.slug,
        "id": obj.pk,
        "url": entry.url(obj),
        "original_language": entry.language(obj),
        "shown": {
            "language": seen.language,
            "original_language": seen.original_language,
            "is_translation": seen.is_translation,
            "is_machine": seen.is_machine,
            "title": seen.title,
            "summary": seen.summary,
            "body": seen.body,
        },
        "translations": list(selectors.translations_of(entry, obj)),
    }


@router.get(
    "/translations/{kind}/{pk}", response={200: TranslationsOut, 404: ErrorBody}, auth=public
)
def get_translations(
    request: HttpRequest, kind: str, pk: int, original: bool = False
) -> dict[str, Any]:
    """The object's translations, and what the caller sees of it in their language (the
    profile's, else Accept-Language); `original=true` shows the original."""
    entry, obj = _visible(request, kind, pk)
    return _out(entry, obj, original=original)


@router.put("/translations/{kind}/{pk}", response={200: TranslationOut, **ERRORS})
def put_translation(
    request: HttpRequest, kind: str, pk: int, payload: TranslationInput
) -> ContentTranslation:
    entry, obj = _editable(request, kind, pk)
    return services.translation_save(actor=request.user, kind=entry, obj=obj, data=payload)


@router.post(
    "/translations/{kind}/{pk}/machine",
    response={201: TranslationOut, 503: ErrorBody, **ERRORS},
)
def machine_translation(
    request: HttpRequest, kind: str, pk: int, payload: MachineTranslationInput
) -> Any:
    """Translate with the configured machine translation service (503 when there is none or it
    does not answer). A person's translation is never replaced (422)."""
    entry, obj = _editable(request, kind, pk)
    try:
        made = services.translation_machine(actor=request.user, kind=entry, obj=obj, data=payload)
    except services.MachineTranslationOff:
        return error_response(request, 503, _("Machine translation is not switched on."))
    except MachineTranslationFailed:
        return error_response(request, 503, _("The machine translation service did not answer."))
    return 201, made


# after .../machine: a language is never called "machine"
@router.delete("/translations/{kind}/{pk}/{language}", response={204: None, **ERRORS})
def delete_translation(request: HttpRequest, kind: str, pk: int, language: str) -> tuple[int, None]:
    entry, obj = _editable(request, kind, pk)
    services.translation_delete(actor=request.user, kind=entry, obj=obj, language=language)
    return 204, None
