"""Each person's language and time zone: for their pages, their e-mails and their API errors.

The order in which a request's language is chosen (docs/i18n.md):

1. a logged-in person's own language (their profile's `preferred_language`), or the language of
   the person whose API token authenticates the call (`core.api.ApiAuth`);
2. otherwise the language cookie that the language switcher sets;
3. otherwise the browser's `Accept-Language` header (Django's `LocaleMiddleware` does 2 and 3);
4. otherwise `settings.LANGUAGE_CODE`.

The time zone is the person's `time_zone`, or `settings.TIME_ZONE` when they chose none.

Whatever is sent to a person outside a request of theirs (notification e-mails, digests,
invitations, receipts) is rendered inside `recipient_locale(person)`, so it arrives in the
recipient's language and time zone whoever caused it. Core sits below accounts: a "person" is
anything with `preferred_language` and `time_zone` attributes (missing ones mean the defaults).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from pydantic import BeforeValidator


def supported_language(code: str | None) -> str | None:
    """`code` when it is one of the site's languages (a regional variant such as "et-EE" counts
    as its base language), else None."""
    if not code:
        return None
    languages = dict(settings.LANGUAGES)
    code = code.strip().lower().replace("_", "-")
    if code in languages:
        return code
    base = code.split("-")[0]
    return base if base in languages else None


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def content_language(value: object) -> str:
    """The language a piece of content is written in: an ISO 639 code in lower case (any
    language, not only the site's); empty means English. Anything else (a number, true) is a
    field error, not a server error."""
    if value is None:
        return "en"
    if not isinstance(value, str):
        raise ValueError(
            _("'%(value)s' is not a language code such as et or fi.") % {"value": value}
        )
    code = value.strip().lower()
    if not code:
        return "en"
    if not _LANGUAGE_CODE.fullmatch(code):
        raise ValueError(
            _("'%(value)s' is not a language code such as et or fi.") % {"value": value}
        )
    return code


# The `language` field of every translatable kind's input (core.translations, docs/i18n.md).
ContentLanguage = Annotated[str, BeforeValidator(content_language)]


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this machine knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_time_zone(name: str) -> bool:
    return name in time_zone_names()


def language_of(person: object) -> str:
    """The language a person reads: their chosen one, or the site's default."""
    chosen = supported_language(str(getattr(person, "preferred_language", "") or ""))
    return chosen or settings.LANGUAGE_CODE


def time_zone_of(person: object) -> str:
    """The time zone a person lives in: their chosen one, or the site's default."""
    chosen = str(getattr(person, "time_zone", "") or "")
    return chosen if chosen and is_time_zone(chosen) else str(settings.TIME_ZONE)


@contextmanager
def recipient_locale(person: object) -> Iterator[None]:
    """Render what is sent to `person` in their language and time zone (whoever is acting)."""
    with translation.override(language_of(person)), timezone.override(time_zone_of(person)):
        yield


def local_datetime(value: datetime) -> str:
    """A moment in the active time zone and language: the language's date and time formats
    (several languages, e.g. Estonian, define no combined DATETIME_FORMAT, whose English
    fallback would mix "dets. 2, 2026, 11:30 p.l.")."""
    local = timezone.localtime(value)
    return f"{formats.date_format(local)} {formats.time_format(local)}"


def local_moment(value: datetime) -> str:
    """A moment in the active time zone, in the language's short date-time format, the zone
    named: "20.1.2027 klo 12.00 (Europe/Helsinki)" (deadlines are read across time zones)."""
    local = timezone.localtime(value)
    when = formats.date_format(local, "SHORT_DATETIME_FORMAT")
    return f"{when} ({timezone.get_current_timezone_name()})"


def activate_for(request: HttpRequest, person: object) -> None:
    """Switch the rest of this request to `person`'s language and time zone."""
    language = language_of(person)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    timezone.activate(time_zone_of(person))


class PersonLocaleMiddleware:
    """After authentication: a logged-in person's pages are in their own language and time zone
    (step 1 above). Anonymous visitors keep what `LocaleMiddleware` chose (cookie, then
    Accept-Language, then the default). Place it after `AuthenticationMiddleware`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_for(request, user)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
