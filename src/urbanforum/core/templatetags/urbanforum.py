from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.template import Context
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from urbanforum.core.markdown import render_markdown
from urbanforum.core.numbers import format_money
from urbanforum.core.taxonomy import DOMAIN_LABELS
from urbanforum.core.text import translated

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(render_markdown(text))


@register.filter(name="translated")
def translated_filter(text: str) -> str:
    """{{ item.label|translated }}: a stored label of the platform's own, in the reader's language."""
    return translated(str(text)) if text is not None else ""


@register.filter(name="domain")
def domain_filter(slug: str) -> str:
    """{{ d|domain }}: a topic (domain) slug as its label in the reader's language ("mobility" →
    "Liikkuminen"); a slug the taxonomy does not know is shown as stored."""
    return str(DOMAIN_LABELS.get(str(slug), slug)) if slug is not None else ""


@register.filter(name="markdown_lines")
def markdown_lines_filter(text: str) -> SafeString:
    """Markdown where a single new line is kept as a line break (sanitised like `markdown`)."""
    return mark_safe(render_markdown(text, line_breaks=True))


@register.simple_tag(takes_context=True)
def kept(context: Context, field: str, url_name: str, *args: Any) -> str:
    """What the user typed into `field` of the form posting to `url_name` (with `args`), when the
    action refused it and the page is shown again (core.forms.keep_input); else "".
    The view puts `kept_input(request)` into the context as `kept_input`."""
    saved = context.get("kept_input") or {}
    try:
        action = reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
    return str(saved.get(action, {}).get(field, ""))


@register.filter(name="money")
def money_filter(value: Any, decimals: int = 2) -> str:
    """{{ amount|money }}: euros in the reader's language ("1 180 000,00 €"); `money:0` for
    whole euros. The one money format of the site (core.numbers.format_money)."""
    return format_money(value, int(decimals))


@register.filter(name="moment")
def moment_filter(value: datetime | None, zone: bool = True) -> SafeString | str:
    """{{ deadline|moment }}: the moment in the reader's time zone and short date-time format,
    the zone named ("20.1.2027 klo 12.00 (Europe/Helsinki)"), in a <time> whose datetime
    attribute stays machine-readable (ISO 8601). `moment:False` leaves the zone out, for a list
    of moments under one "Times are in the time zone …" line."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    shown = format_html(
        '<time datetime="{}">{}</time>',
        value.isoformat(),
        formats.date_format(local, "SHORT_DATETIME_FORMAT"),
    )
    if not zone:
        return shown
    return format_html("{} ({})", shown, timezone.get_current_timezone_name())
