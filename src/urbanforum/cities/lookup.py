"""Finding cities by what a file or a person calls them: a Eurostat code (FI001C), a slug (also
a slug the city had before), or a name — the registry's name or any local or alternate name it
knows (Helsingfors, Åbo, Lodz, Danzig if entered), compared without case, accents or punctuation.

One resolver for every import and search that names a city, so they all accept the same names
and say the same thing when a name fits several cities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from urbanforum.cities.models import City, CitySlugAlias
from urbanforum.core.text import name_key


@dataclass(frozen=True)
class Candidate:
    pk: int
    name: str
    country: str
    slug: str
    eurostat_code: str | None
    population: int | None

    def label(self) -> str:
        """How an error names the city: 'Frankfurt (Oder) (DE, DE027C)'."""
        return f"{self.name} ({self.country}, {self.eurostat_code or self.slug})"


@dataclass(frozen=True)
class CityMatch:
    """What a reference resolved to: one city (`pk`), several (`candidates`), or nothing.
    `matched` says by what: 'code', 'slug', 'name' or 'local name' (a name not the city's own)."""

    ref: str
    pk: int | None = None
    name: str = ""
    matched: str = ""
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    @property
    def by_name(self) -> bool:
        """Resolved by a name (its own or a local one), not by code or slug: worth showing."""
        return self.matched in ("name", "local name")

    @property
    def ambiguous(self) -> bool:
        return self.pk is None and len(self.candidates) > 1

    def error(self) -> str:
        """The error message for a reference that is unknown or names several cities."""
        if self.ambiguous:
            return _(
                "'%(city)s' names several cities: %(candidates)s. "
                "Use the Eurostat code or the slug."
            ) % {"city": self.ref, "candidates": "; ".join(c.label() for c in self.candidates)}
        return _("Unknown city '%(city)s' (give a Eurostat code, slug, name or local name).") % {
            "city": self.ref
        }


def _candidate(row: dict[str, Any]) -> Candidate:
    return Candidate(
        pk=int(row["pk"]),
        name=str(row["name"]),
        country=str(row["country"]),
        slug=str(row["slug"]),
        eurostat_code=row["eurostat_code"],
        population=row["population"],
    )


def resolve_cities(refs: Iterable[str], *, country: str | None = None) -> dict[str, CityMatch]:
    """Resolve each reference (keyed by the reference as given). A code or a slug names one
    city; a name may fit several: with `country`, only that country's cities count."""
    refs = {r.strip() for r in refs if r and r.strip()}
    out: dict[str, CityMatch] = {}
    fields = ("pk", "name", "country", "slug", "eurostat_code", "population")
    base = City.objects.all()
    if country:
        base = base.filter(country=country.upper())
    codes = {r.upper() for r in refs}
    by_code = {
        str(c["eurostat_code"]).upper(): c
        for c in base.filter(eurostat_code__in=codes).values(*fields)
    }
    slugs = {r.lower() for r in refs}
    by_slug = {str(c["slug"]): c for c in base.filter(slug__in=slugs).values(*fields)}
    aliases = CitySlugAlias.objects.filter(slug__in=slugs, city__in=base)
    for slug, pk, name in aliases.values_list("slug", "city_id", "city__name"):
        by_slug.setdefault(slug, {"pk": pk, "name": name})
    rest: list[str] = []
    for ref in refs:
        hit, how = by_code.get(ref.upper()), "code"
        if hit is None:
            hit, how = by_slug.get(ref.lower()), "slug"
        if hit is None:
            rest.append(ref)
            continue
        out[ref] = CityMatch(ref, pk=int(hit["pk"]), name=str(hit["name"]), matched=how)
    if not rest:
        return out
    wanted = {name_key(r) for r in rest} - {""}
    # Every name the registry knows is in `search_text` ('helsinki | helsingfors | fi001c'): the
    # filter keeps the rows that may match; the keys below decide.
    query = Q()
    for key in wanted or {"\x00"}:
        # Each word of a key is a run of letters of the folded name, so it is in search_text.
        query |= Q(search_text__contains=max(key.split(" ") or [""], key=len))
    own: dict[str, list[Candidate]] = defaultdict(list)
    local: dict[str, list[Candidate]] = defaultdict(list)
    rows = base.filter(query).values(*fields, "local_names") if len(rest) <= 200 else None
    for row in rows if rows is not None else base.values(*fields, "local_names"):
        cand = _candidate(row)
        key = name_key(cand.name)
        if key in wanted:
            own[key].append(cand)
        for other in row["local_names"] or []:
            other_key = name_key(str(other))
            if other_key in wanted and other_key != key:
                local[other_key].append(cand)
    for ref in rest:
        key = name_key(ref)
        found = {c.pk: c for c in own.get(key, [])}
        how = "name"
        if not found:
            found, how = {c.pk: c for c in local.get(key, [])}, "local name"
        if len(found) == 1:
            (cand,) = found.values()
            out[ref] = CityMatch(ref, pk=cand.pk, name=cand.name, matched=how)
        else:
            ranked = sorted(found.values(), key=lambda c: (-(c.population or 0), c.pk))
            out[ref] = CityMatch(ref, candidates=tuple(ranked))
    return out
