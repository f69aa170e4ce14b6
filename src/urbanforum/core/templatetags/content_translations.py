"""A page shows content in its reader's language when a translation exists:

    {% load content_translations %}
    {% translated practice as shown %}      {# shown.title, shown.summary, shown.body #}
    {% translation_notice practice shown %} {# "Translated from Estonian · Show the original" #}

`?original=1` in the page's address shows the original (core.translations.selectors.shown)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from urbanforum.core.i18n import supported_language
from urbanforum.core.translations import registry, selectors

register = template.Library()


def _wants_original(context: template.Context) -> bool:
    request = context.get("request")
    return request is not None and request.GET.get("original") == "1"


@register.simple_tag(takes_context=True)
def translated(context: template.Context, obj: Any) -> selectors.Shown | None:
    """What the reader sees of `obj` (None if its kind is not translatable)."""
    kind = registry.for_model(type(obj))
    if kind is None:
        return None
    return selectors.shown(kind, obj, original=_wants_original(context))


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(
    context: template.Context, obj: Any, shown: selectors.Shown | None
) -> dict[str, Any]:
    kind = registry.for_model(type(obj))
    request = context.get("request")
    user = getattr(request, "user", None)
    reader = supported_language(get_language()) or "en"
    path = request.path if request is not None else ""
    return {
        "shown": shown,
        "reader_language": selectors.language_name(reader),
        "original_url": f"{path}?original=1",
        "translation_url": path,
        "can_translate": bool(
            kind is not None and user is not None and user.has_perm(kind.change_permission, obj)
        ),
        "translations_url": reverse("translations:edit", args=[kind.slug, obj.pk]) if kind else "",
    }
