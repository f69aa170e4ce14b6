"""The inputs of the matching app's actions: saving a search (form and API alike)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pydantic import Field, ValidationInfo, field_validator

from urbanforum.core.schemas import Input
from urbanforum.core.taxonomy import DOMAIN_SLUGS, SDG_GOALS
from urbanforum.matching import registry


class SavedSearchInput(Input):
    """What to watch: search words, a domain or an SDG (at least one), optionally narrowed to a
    kind of content and a country. `query` comes last: its rule looks at the domain and the SDG."""

    name: str = ""
    kind: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    query: str = Field("", validate_default=True)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind and not registry.is_kind(kind):
            raise ValueError(_("'%(kind)s' is not a kind of content.") % {"kind": kind})
        return kind

    @field_validator("domain")
    @classmethod
    def _known_domain(cls, domain: str) -> str:
        if domain and domain not in DOMAIN_SLUGS:
            raise ValueError(_("'%(domain)s' is not a domain.") % {"domain": domain})
        return domain

    @field_validator("sdg")
    @classmethod
    def _known_goal(cls, sdg: int | None) -> int | None:
        if not sdg:
            return None
        if sdg not in SDG_GOALS:
            raise ValueError(_("'%(sdg)s' is not an SDG goal number (1–17).") % {"sdg": sdg})
        return sdg

    @field_validator("country")
    @classmethod
    def _country_code(cls, country: str) -> str:
        if len(country) not in (0, 2):
            raise ValueError(_("Use a two-letter country code."))
        return country.upper()

    @field_validator("query")
    @classmethod
    def _something_to_watch(cls, query: str, info: ValidationInfo) -> str:
        if not query and not info.data.get("domain") and not info.data.get("sdg"):
            raise ValueError(_("Give search words, a domain or an SDG to watch."))
        return query[:500]
