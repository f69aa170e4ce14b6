"""The form that saves a search from the search page (its fields are the page's query string)."""

from __future__ import annotations

from typing import Any

from django import forms

from urbanforum.core.forms import SchemaForm
from urbanforum.matching.schemas import SavedSearchInput


class SavedSearchForm(SchemaForm):
    schema = SavedSearchInput

    name = forms.CharField(required=False)
    q = forms.CharField(required=False)
    kind = forms.CharField(required=False)
    domain = forms.CharField(required=False)
    sdg = forms.CharField(required=False)
    country = forms.CharField(required=False)

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        sdg = str(cleaned.get("sdg") or "")
        return {
            "name": cleaned.get("name", ""),
            "query": cleaned.get("q", ""),
            "kind": cleaned.get("kind", ""),
            "domain": cleaned.get("domain", ""),
            # a hidden field of the page: a value that is not a number means "no SDG"
            "sdg": int(sdg) if sdg.isdigit() else None,
            "country": cleaned.get("country", ""),
        }

    def error_messages(self) -> list[str]:
        return [str(m) for errors in self.errors.values() for m in errors]
