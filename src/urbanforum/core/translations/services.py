"""Writes of translations: only those who may edit an object may translate it (its kind's
`change_permission`: the editors of the owning organisation, and coordinators). Every write is
audited and announced as a `content.translated` / `content.translation_removed` event; search
sees the change through its index's fingerprint (`matching.index`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.models import ContentTranslation, TranslationOrigin
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update
from urbanforum.core.translations.machine import (
    MachineTranslationFailed,
    MachineTranslator,
    configured,
)
from urbanforum.core.translations.registry import TranslatableKind
from urbanforum.core.translations.schemas import MachineTranslationInput, TranslationInput
from urbanforum.core.translations.selectors import language_name


def _check(kind: TranslatableKind[Any], obj: Any, data: TranslationInput) -> dict[str, str]:
    """The values to store; errors name the field."""
    if data.language == kind.language(obj):
        raise field_error(
            "language",
            _("This is the language the original is written in (%(language)s).")
            % {"language": language_name(data.language)},
        )
    values = {"title": data.title, "summary": data.summary, "body": data.body}
    for slot, text in values.items():
        if text and slot not in kind.slots:
            raise field_error(slot, _("This kind of content has no %(part)s.") % {"part": slot})
    if not any(values[slot] for slot in kind.slots):
        raise field_error(kind.slots[0], _("Write at least one part of the translation."))
    return values


def _save(
    *, actor: Any, kind: TranslatableKind[Any], obj: Any, data: TranslationInput, origin: str
) -> ContentTranslation:
    values = _check(kind, obj, data)
    with transaction.atomic():
        existing = (
            ContentTranslation.objects.select_for_update()
            .filter(kind=kind.slug, object_id=obj.pk, language=data.language)
            .first()
        )
        if (
            existing is not None
            and existing.origin == TranslationOrigin.HUMAN
            and origin == TranslationOrigin.MACHINE
        ):
            raise field_error(
                "language",
                _(
                    "A person translated this into %(language)s; a machine translation never "
                    "replaces it."
                )
                % {"language": language_name(data.language)},
            )
        values = {**values, "origin": origin, "translated_by_id": actor.pk}
        if existing is None:
            translation = ContentTranslation.objects.create(
                kind=kind.slug, object_id=obj.pk, language=data.language, **values
            )
            audit.record(
                actor=actor,
                action="translation.create",
                target=obj,
                changes={"language": data.language, "origin": origin},
            )
        else:
            translation = update(
                existing, actor=actor, values=values, action="translation.update"
            ).instance
        emit(
            DomainEvent(
                "content.translated",
                actor.pk,
                {
                    "kind": kind.slug,
                    "object_id": obj.pk,
                    "language": data.language,
                    "origin": origin,
                },
            )
        )
        return translation


def translation_save(
    *, actor: Any, kind: TranslatableKind[Any], obj: Any, data: TranslationInput
) -> ContentTranslation:
    """A person adds or changes the translation of `obj` into `data.language` (a machine
    translation there is replaced by theirs)."""
    require(actor, kind.change_permission, obj)
    return _save(actor=actor, kind=kind, obj=obj, data=data, origin=TranslationOrigin.HUMAN)


@transaction.atomic
def translation_delete(*, actor: Any, kind: TranslatableKind[Any], obj: Any, language: str) -> None:
    require(actor, kind.change_permission, obj)
    deleted, _rows = ContentTranslation.objects.filter(
        kind=kind.slug, object_id=obj.pk, language=language
    ).delete()
    if not deleted:
        raise field_error("language", _("There is no translation into this language."))
    audit.record(
        actor=actor, action="translation.delete", target=obj, changes={"language": language}
    )
    emit(
        DomainEvent(
            "content.translation_removed",
            actor.pk,
            {"kind": kind.slug, "object_id": obj.pk, "language": language},
        )
    )


class MachineTranslationOff(Exception):
    """No machine translation service is configured (the default)."""


def translation_machine(
    *,
    actor: Any,
    kind: TranslatableKind[Any],
    obj: Any,
    data: MachineTranslationInput,
    translator: MachineTranslator | None = None,
) -> ContentTranslation:
    """Translate `obj` with the configured service and store it as a machine translation —
    unless a person already translated it into that language (then nothing changes)."""
    require(actor, kind.change_permission, obj)
    translator = translator or configured()
    if translator is None:
        raise MachineTranslationOff()
    source = kind.language(obj)
    if data.language == source:
        raise field_error(
            "language",
            _("This is the language the original is written in (%(language)s).")
            % {"language": language_name(data.language)},
        )
    if ContentTranslation.objects.filter(
        kind=kind.slug, object_id=obj.pk, language=data.language, origin=TranslationOrigin.HUMAN
    ).exists():
        raise field_error(
            "language",
            _(
                "A person translated this into %(language)s; a machine translation never "
                "replaces it."
            )
            % {"language": language_name(data.language)},
        )
    # The service is called outside any transaction: no row is locked while it answers.
    originals = [kind.original(obj, slot) for slot in kind.slots]
    translated = translator.translate(originals, source=source, target=data.language)
    if len(translated) != len(originals):
        raise MachineTranslationFailed("The service answered a different number of texts.")
    parts = dict(zip(kind.slots, translated, strict=True))
    if "title" in parts:
        parts["title"] = parts["title"][:250]
    return _save(
        actor=actor,
        kind=kind,
        obj=obj,
        data=TranslationInput(language=data.language, **parts),
        origin=TranslationOrigin.MACHINE,
    )
