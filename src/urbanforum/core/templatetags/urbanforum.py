from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from urbanforum.core.markdown import render_markdown
from urbanforum.core.text import translated

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(render_markdown(text))


@register.filter(name="translated")
def translated_filter(text: str) -> str:
    """{{ item.label|translated }}: a stored label of the platform's own, in the reader's language."""
    return translated(str(text)) if text is not None else ""
