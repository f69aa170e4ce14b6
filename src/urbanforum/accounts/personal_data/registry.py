"""The registry of personal data: each app says, for its models related to a person, what is
exported and what happens on an account deletion.

Relations to the user are discovered from Django's model meta (every foreign key to the user
model, in every installed app), so nothing is forgotten silently: a model nobody registered is
exported with its plain fields (never fields whose names suggest a secret) and kept on deletion,
attributed to the pseudonymised account ("former member"). Apps register to say more:

- `on_erase="delete"`: the rows are the person's own (notifications, saved searches, group and
  event sign-ups) and go with the account;
- `on_erase="keep"`: the rows are shared work others depend on (posts, reviews, evaluations,
  bids): they stay, and name the person as "former member";
- `fields` (a whitelist) or `exclude`: what the export may show (a bid's metadata, never its
  sealed contents);
- `erase`: a function for what rows and columns alone cannot say (e.g. names copied into text);
- `rows`: for a model linked to the person only through another (a review through its
  assignment), the rows about them, so that the export includes them.

Every relation with `on_delete=CASCADE` must be registered (tests/accounts/test_personal_data.py
checks it): such rows are owned by the person, and someone has to decide whether they go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps
from django.conf import settings
from django.db import models

# Field names never exported unless an app whitelists them: keys, hashes, ciphertexts, secrets.
SECRET_MARKERS = ("password", "secret", "token", "key", "hash", "cipher", "nonce", "seal", "salt")


@dataclass(frozen=True)
class Erasure:
    """What an eraser knows: the person, the pseudonym replacing them, and the labels under which
    their name or address was copied into text (e-mail, full name)."""

    user: Any
    pseudonym: str
    labels: tuple[str, ...]
    display_name: str = ""  # as shown next to their actions (full name, or the address's name)


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    on_erase: Literal["delete", "keep"] = "keep"
    description: str = ""
    fields: tuple[str, ...] | None = None  # export only these (attnames, e.g. "lot_id")
    exclude: tuple[str, ...] = ()
    erase: Callable[[Erasure], None] | None = None
    # For a model that points at the person only through another (a review through its
    # assignment): its rows about the person. Exported; kept or deleted with their parent.
    rows: Callable[[Any], models.QuerySet[Any]] | None = None


_registry: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> None:
    _registry[entry.model._meta.label_lower] = entry


def registered(model: type[models.Model]) -> PersonalData | None:
    return _registry.get(model._meta.label_lower)


def entries() -> list[PersonalData]:
    return list(_registry.values())


@dataclass
class Relation:
    """A model with the foreign keys through which its rows point at a person."""

    model: type[models.Model]
    fields: list[models.ForeignKey[Any, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def entry(self) -> PersonalData:
        return registered(self.model) or PersonalData(model=self.model)

    @property
    def cascades(self) -> bool:
        return any(f.remote_field.on_delete is models.CASCADE for f in self.fields)


def relations_to_users() -> list[Relation]:
    """Every model of every installed app with a foreign key (or one-to-one) to the user model,
    except the audit trail, which accounts handles itself (pseudonymised, not exported raw)."""
    user_label = settings.AUTH_USER_MODEL.lower()
    found: dict[str, Relation] = {}
    for model in apps.get_models():
        if model._meta.label_lower == "core.auditevent":
            continue
        for f in model._meta.concrete_fields:
            if (
                isinstance(f, models.ForeignKey)
                and f.remote_field.model._meta.label_lower == user_label
            ):
                found.setdefault(model._meta.label_lower, Relation(model=model)).fields.append(f)
    return sorted(found.values(), key=lambda r: r.label)


def indirect_entries() -> list[PersonalData]:
    """Registered models linked to the person only through another model (`rows`)."""
    return sorted(
        (e for e in _registry.values() if e.rows is not None),
        key=lambda e: e.model._meta.label_lower,
    )


def exported_fields(relation: Relation) -> list[str]:
    """The attnames of a row that the export shows."""
    return fields_of(relation.entry)


def fields_of(entry: PersonalData) -> list[str]:
    if entry.fields is not None:
        return list(entry.fields)
    names = []
    for f in entry.model._meta.concrete_fields:
        lowered = f.name.lower()
        if f.name in entry.exclude or any(marker in lowered for marker in SECRET_MARKERS):
            continue
        names.append(f.attname)
    return names
