from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from urbanforum.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(render_markdown(text))
