from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

register = template.Library()


@register.inclusion_tag("processes/_city_section.html", takes_context=True)
def city_processes(context: dict[str, Any], city: Any) -> dict[str, Any]:
    """The processes a city takes part in (through its administration), as the viewer may see them."""
    from urbanforum.processes.selectors import city_processes as select

    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return {"city": city, "processes": select(user=user, city=city) if city is not None else []}
