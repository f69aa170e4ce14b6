"""Text helpers shared by search, imports and the display of the platform's own labels."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

_SPACES = re.compile(r"\s+")

# Letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Lower-case, accents removed, spaces collapsed: 'Gdańsk' → 'gdansk', 'Rīga' → 'riga'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().lower()


def translated(text: str) -> str:
    """A label the platform stores in English (a Smart City Profile indicator, a checklist item
    of a blueprint, a framework node) in the reader's language when the catalogues know it.

    Where such labels are defined they are marked with `gettext_noop`, so `make messages` puts
    them in the catalogues; a label a person typed (a framework of their own) is not in the
    catalogues and comes back unchanged."""
    return gettext(text) if text else text
