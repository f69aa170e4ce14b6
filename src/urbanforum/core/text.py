"""Text helpers shared by search, imports and the display of the platform's own labels."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

_SPACES = re.compile(r"\s+")

# Letters that Unicode decomposition (NFKD) does not reduce to ASCII: Polish Ł, Nordic Ø, Æ, Þ,
# Ð, German ß, Croatian Đ, Turkish ı, Maltese Ħ, Sami Ŋ, Œ and the like. Letters with a
# diacritic that NFKD does split (Å, Ä, Õ, Ā, Č, Ė, Ģ, Ķ, Ļ, Ņ, Ą, Ę, Į, Ų, Ū, Ž …) need no entry.
_LATIN = {
    "ß": "ss",
    "ẞ": "SS",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "ı": "i",
    "ħ": "h",
    "Ħ": "H",
    "ŧ": "t",
    "Ŧ": "T",
    "ŋ": "ng",
    "Ŋ": "Ng",
    "ĸ": "k",
    "ſ": "s",
    "ƒ": "f",
    "ə": "e",
    "Ə": "E",
    "ŀ": "l",
    "Ŀ": "L",
}
# Greek and Cyrillic city names (Αθήνα, Лефкоша) in a simple letter-by-letter romanisation.
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "i",
            "ye",
            "g",
            "u",
        ],
        strict=True,
    )
)
_TABLE = str.maketrans(
    {
        **_LATIN,
        **_GREEK,
        **{k.upper(): v.capitalize() for k, v in _GREEK.items() if k != "ς"},
        **_CYRILLIC,
        **{k.upper(): v.capitalize() for k, v in _CYRILLIC.items()},
    }
)
# Folding for search keeps Greek and Cyrillic letters as they are (stored search texts do too).
_FOLD = str.maketrans(_LATIN)
_NOT_SLUG = re.compile(r"[^a-z0-9\s-]")
_DASHES = re.compile(r"[-\s]+")


def transliterate(text: str) -> str:
    """The text in ASCII letters: 'Łódź' → 'Lodz', 'Ærø' → 'AEro', 'Þórshöfn' → 'Thorshofn'.

    Compatibility decomposition (NFKD) splits the accented letters and the table above spells
    the rest; a letter neither knows (Chinese, Arabic …) is written as its code point
    ('u4e2d'), so no letter is silently lost."""
    text = unicodedata.normalize("NFKD", text).translate(_TABLE)
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif unicodedata.combining(ch):
            continue
        elif ch.isalpha() or ch.isdigit():
            decimal = unicodedata.decimal(ch, None)
            out.append(str(decimal) if decimal is not None else f"u{ord(ch):x}")
        else:
            out.append(" ")
    return "".join(out)


def slugify_name(text: str, fallback: str = "") -> str:
    """The address form of a name: transliterated, lower case, words joined by hyphens
    ('Łódź-PL' → 'lodz-pl'). Punctuation is dropped as Django's slugify drops it
    ('Mülheim a.d.Ruhr' → 'mulheim-adruhr'), so only the slugs that lost letters change.
    Empty text (or one with no letter or digit) gives `fallback`."""
    text = _NOT_SLUG.sub("", transliterate(text).lower())
    return _DASHES.sub("-", text).strip("-") or fallback


def fold(text: str) -> str:
    """Lower-case, accents removed, spaces collapsed: 'Gdańsk' → 'gdansk', 'Rīga' → 'riga'."""
    text = unicodedata.normalize("NFKD", text).translate(_FOLD)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().lower()


_PUNCTUATION = re.compile(r"[^\w]+")


def name_key(text: str) -> str:
    """A name as name matching compares it: folded ('Łódź' → 'lodz'), punctuation as spaces
    ("'s-Hertogenbosch" and 'S-Hertogenbosch' → 's hertogenbosch')."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def translated(text: str) -> str:
    """A label the platform stores in English (a Smart City Profile indicator, a checklist item
    of a blueprint, a framework node) in the reader's language when the catalogues know it.

    Where such labels are defined they are marked with `gettext_noop`, so `make messages` puts
    them in the catalogues; a label a person typed (a framework of their own) is not in the
    catalogues and comes back unchanged."""
    return gettext(text) if text else text
