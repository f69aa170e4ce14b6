"""The forms of the translations screen, validated by the same schemas as the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from urbanforum.core.forms import SchemaForm
from urbanforum.core.translations.registry import TranslatableKind
from urbanforum.core.translations.schemas import MachineTranslationInput, TranslationInput


def _languages(kind: TranslatableKind[Any], obj: Any) -> list[tuple[str, Any]]:
    """The site's languages except the original's."""
    source = kind.language(obj)
    return [(code, name) for code, name in settings.LANGUAGES if code != source]


class TranslationForm(SchemaForm):
    schema = TranslationInput

    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    body = forms.CharField(
        label=_("Main text"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )

    def __init__(self, *args: Any, kind: TranslatableKind[Any], obj: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _languages(kind, obj)  # type: ignore[attr-defined]
        for slot in ("title", "summary", "body"):
            if slot not in kind.slots:
                del self.fields[slot]


class MachineTranslationForm(SchemaForm):
    schema = MachineTranslationInput

    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args: Any, kind: TranslatableKind[Any], obj: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _languages(kind, obj)  # type: ignore[attr-defined]
