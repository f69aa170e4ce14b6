from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.simple_tag
def score_of(scores: dict[Any, Any], bid_pk: int, criterion_pk: int) -> Any:
    value = scores.get((bid_pk, criterion_pk)) if scores else None
    return "" if value is None else value


@register.filter
def attr_of(obj: Any, name: str) -> Any:
    return getattr(obj, name, "")
