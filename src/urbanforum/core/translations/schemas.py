"""The inputs of the translation actions (the form and the API take the same classes)."""

from __future__ import annotations

from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import AfterValidator, field_validator

from urbanforum.core.i18n import supported_language
from urbanforum.core.schemas import Input


def _site_language(value: str) -> str:
    code = supported_language(value)
    if code is None:
        raise ValueError(_("'%(value)s' is not one of the site's languages.") % {"value": value})
    return code


SiteLanguage = Annotated[str, AfterValidator(_site_language)]


class TranslationInput(Input):
    """A translation of an object's title, summary and main text into `language` (the parts
    the object's kind does not have stay empty)."""

    language: SiteLanguage
    title: str = ""
    summary: str = ""
    body: str = ""

    @field_validator("title")
    @classmethod
    def _title_length(cls, value: str) -> str:
        if len(value) > 250:
            raise ValueError(_("A title has at most 250 characters."))
        return value


class MachineTranslationInput(Input):
    """Ask the configured machine translation service for a translation into `language`."""

    language: SiteLanguage
