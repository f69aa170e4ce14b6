"""Visibility policies: each rule is written once and gives both the check and the queryset.

A policy (one per model, in the model's own app, in `policies.py`) writes its rule once, as a
query condition: `rule(user) -> Q`. From that one rule come

* `policy.queryset(user)` — the objects `user` may see (lists, the API, search, matching, exports,
  feeds: every read goes through it), and
* `policy.allows(user, obj)` — may `user` see this object (detail pages, services, permissions).

`allows` asks the database the same question about one row, so the two can never disagree. The
answer is memoised on the instance for the rest of the request (a detail page asks several times).
Register the check with django-rules as `rules.add_perm("app.view_model", policy.predicate)`.

This is Wagtail's permission-policy idea (`instances_user_has_permission_for` and
`user_has_permission_for_instance`), with both halves derived from one condition.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

import rules
from django.db import models
from django.db.models import Q, QuerySet

M = TypeVar("M", bound=models.Model)

# Q(pk__in=[]) is Django's "nothing": it compiles to no query at all (EmptyResultSet).
NOTHING = Q(pk__in=[])
EVERYTHING = Q()


def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_coordinator(user: Any) -> bool:
    """Coordinators (and superusers) see everything; the accounts app defines the role."""
    return is_authenticated(user) and bool(
        getattr(user, "is_coordinator", False) or getattr(user, "is_superuser", False)
    )


class VisibilityPolicy(Generic[M]):
    """Subclass, set `model` and write `rule`. Instances are stateless: one per model."""

    model: ClassVar[type[models.Model]]
    # The attribute on instances where answers are memoised, per policy and user.
    _memo_attr = "_urbanforum_visibility"

    def rule(self, user: Any) -> Q:  # pragma: no cover - abstract
        """The condition on `model`'s rows that `user` may see."""
        raise NotImplementedError

    def queryset(self, user: Any, base: QuerySet[M] | None = None) -> QuerySet[M]:
        """The objects `user` may see, as a filter of `base` (default: all of them).

        Rules use `Exists`/subqueries rather than joins, so the result has no duplicate rows and
        needs no DISTINCT.
        """
        qs: QuerySet[M] = base if base is not None else self.model._default_manager.all()  # type: ignore[assignment]
        condition = self.rule(user)
        return qs if condition == EVERYTHING else qs.filter(condition)

    def allows(self, user: Any, obj: M | None) -> bool:
        """May `user` see `obj`? The same rule as `queryset`, asked of one row."""
        if obj is None or obj.pk is None:
            return False
        memo: dict[tuple[str, Any], bool] = obj.__dict__.setdefault(self._memo_attr, {})
        key = (type(self).__qualname__, getattr(user, "pk", None))
        if key not in memo:
            condition = self.rule(user)
            if condition == EVERYTHING:
                memo[key] = True
            else:
                memo[key] = self.model._default_manager.filter(pk=obj.pk).filter(condition).exists()
        return memo[key]

    @property
    def predicate(self) -> rules.Predicate:
        """The check as a django-rules predicate (user, obj), for `rules.add_perm`."""
        policy = self

        def may_view(user: Any, obj: Any) -> bool:
            return policy.allows(user, obj)

        may_view.__name__ = f"may_view_{self.model._meta.model_name}"
        return rules.predicate(may_view)


def forget(obj: models.Model) -> None:
    """Drop memoised answers about `obj` (after a service changed what decides its visibility)."""
    obj.__dict__.pop(VisibilityPolicy._memo_attr, None)
