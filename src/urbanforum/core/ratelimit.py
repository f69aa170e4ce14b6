"""Rate limits of failed log-ins, counted in the shared Django cache.

The counters live in the default cache, which is Redis when `REDIS_URL` is set: every server of an
installation counts the same failures, so an attacker gains nothing by spreading guesses over
servers (with the per-process memory cache each server would count alone).

A limit is "N/S": at most N failures per S seconds for one key (a client address, an account).
A window starts with its first failure and lasts S seconds (a fixed window: simple, and in one
atomic `incr` on Redis). While a key is over its limit every attempt is refused before the
password is even checked, so a correct guess inside a blocked window is refused too.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    attempts: int
    seconds: int

    @classmethod
    def parse(cls, spec: str) -> Limit:
        """ "10/300" → 10 failures per 300 seconds."""
        attempts, _, seconds = spec.partition("/")
        limit = cls(int(attempts), int(seconds))
        if limit.attempts < 1 or limit.seconds < 1:
            raise ValueError(f"A rate limit is 'N/SECONDS' with N, SECONDS ≥ 1, not {spec!r}.")
        return limit


def login_limit() -> Limit:
    return Limit.parse(str(getattr(settings, "URBANFORUM_LOGIN_RATE_LIMIT", "10/300")))


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or — behind `URBANFORUM_TRUSTED_PROXY_COUNT` proxies of
    our own — the address the outermost of them saw (X-Forwarded-For, counted from the right, so a
    client cannot choose it by sending the header itself)."""
    hops = int(getattr(settings, "URBANFORUM_TRUSTED_PROXY_COUNT", 0))
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _cache_key(scope: str, key: str) -> str:
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def _window_key(scope: str, key: str) -> str:
    return _cache_key(scope, key) + ":until"


def retry_after(scope: str, keys: Iterable[str], limit: Limit) -> int:
    """Seconds until the blocked key frees up; 0 when no key is over the limit."""
    wait = 0
    for key in keys:
        count = cache.get(_cache_key(scope, key), 0)
        if count >= limit.attempts:
            until = cache.get(_window_key(scope, key), 0)
            wait = max(wait, max(1, int(until - time.time())))
    return wait


def record_failure(scope: str, keys: Iterable[str], limit: Limit) -> None:
    """Count one failure against every key (atomically on Redis)."""
    for key in keys:
        counter = _cache_key(scope, key)
        if cache.add(counter, 0, timeout=limit.seconds):
            cache.set(_window_key(scope, key), time.time() + limit.seconds, timeout=limit.seconds)
        try:
            cache.incr(counter)
        except ValueError:  # the window ended between add and incr
            cache.set(counter, 1, timeout=limit.seconds)
            cache.set(_window_key(scope, key), time.time() + limit.seconds, timeout=limit.seconds)


def clear(scope: str, keys: Iterable[str]) -> None:
    cache.delete_many(
        [k for key in keys for k in (_cache_key(scope, key), _window_key(scope, key))]
    )
