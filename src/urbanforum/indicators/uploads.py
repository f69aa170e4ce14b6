"""An uploaded indicator file, checked before it is parsed: size, format, text without NUL."""

from __future__ import annotations

from django.utils.translation import gettext as _

from urbanforum.core.services import field_error
from urbanforum.indicators.models import ImportFormat
from urbanforum.indicators.parsers import Parsed, detect_format, parse

MAX_FILE_BYTES = 20 * 1024 * 1024


def parse_upload(filename: str, content: bytes, fmt: str | None) -> Parsed:
    """The parsed file, or a field error saying why it cannot be read (nothing is saved)."""
    if not content:
        raise field_error("file", _("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise field_error(
            "file",
            _("The file is larger than %(max)s MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)},
        )
    fmt = fmt or detect_format(filename, content)
    if fmt not in ImportFormat.values:
        raise field_error(
            "format", _("Unknown format '%(fmt)s' (csv, xlsx or eurostat).") % {"fmt": fmt}
        )
    # PostgreSQL stores no NUL character in text or JSON: a text file with one is refused whole.
    if fmt != ImportFormat.XLSX and b"\x00" in content:
        raise field_error("file", _("The file contains a NUL character; is it really a text file?"))
    return parse(content, fmt)
