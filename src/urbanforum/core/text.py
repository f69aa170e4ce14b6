"""Text helpers shared by search and imports."""

from __future__ import annotations

import re
import unicodedata

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
