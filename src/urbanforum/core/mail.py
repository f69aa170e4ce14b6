"""What every e-mail needs: absolute links and header-safe text.

A link in an e-mail is read outside the site, so it must be absolute; it is built from
`URBANFORUM_SITE_URL` (never from a request's Host header, which the client chooses). Text that
goes into a header (subject) or into a one-line slot of a message (a person's or organisation's
name) is collapsed to one line: Django refuses a subject with a line break (BadHeaderError), and a
name with a line break could forge lines of the message.
"""

from __future__ import annotations

import re

from django.conf import settings

_WHITESPACE = re.compile(r"\s+")
# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_safe(text: object, *, max_length: int = 200) -> str:
    """`text` on one line: every run of whitespace and control characters becomes one space."""
    one_line = _CONTROL.sub(" ", str(text))
    one_line = _WHITESPACE.sub(" ", one_line).strip()
    if len(one_line) > max_length:
        one_line = one_line[: max_length - 1].rstrip() + "…"
    return one_line


def site_url() -> str:
    return str(settings.URBANFORUM_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """The site's absolute URL of `path` (e.g. from `reverse`); absolute URLs pass through."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")
