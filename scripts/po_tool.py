"""Export untranslated catalogue entries for translators and import their work back, checked.

    python scripts/po_tool.py export fi /tmp/fi-todo.json     # untranslated/fuzzy entries of fi
    python scripts/po_tool.py import fi /tmp/fi-todo.json /tmp/fi-done.json   # fill them, checked
    python scripts/po_tool.py stats                           # translated/total per language

The exported file is a list of {"n", "key", "msgid", "msgid_plural", "msgctxt", "where"}; the imported file
is an object {"n": "translation"} or, for a plural message, {"n": ["form 0", "form 1", ...]} with as many
forms as the language's Plural-Forms header says. Placeholders (%(name)s, %s, %d, {name}) and HTML tags
must be the same in the translation as in the source: an entry that differs is reported and not filled.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "urbanforum" / "locale"
LANGUAGES = ["fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb"]
_PLACEHOLDER = re.compile(r"%\([A-Za-z0-9_]+\)[sdfir]|%[sdfir]|\{[A-Za-z0-9_]*\}|</?[a-zA-Z][^>]*>")


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"), wrapwidth=79)


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _done(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _nplurals(po: polib.POFile) -> int:
    m = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(m.group(1)) if m else 2


def _marks(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


def export(lang: str, out: str) -> None:
    po = _po(lang)
    todo = [
        {
            "n": i,
            "key": _key(e),
            "msgid": e.msgid,
            "msgid_plural": e.msgid_plural or None,
            "msgctxt": e.msgctxt or None,
            "where": sorted({o[0] for o in e.occurrences})[:3],
        }
        for i, e in enumerate(e for e in po if not e.obsolete and not _done(e))
    ]
    Path(out).write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{lang}: {len(todo)} entries to translate -> {out} (nplurals={_nplurals(po)})")


def import_(lang: str, todo_file: str, src: str) -> int:
    po = _po(lang)
    n = _nplurals(po)
    keys = {str(t["n"]): t["key"] for t in json.loads(Path(todo_file).read_text(encoding="utf-8"))}
    done = {
        keys.get(str(k), f"?{k}"): v
        for k, v in json.loads(Path(src).read_text(encoding="utf-8")).items()
    }
    by_key = {_key(e): e for e in po if not e.obsolete}
    filled, problems = 0, []
    for key, value in done.items():
        entry = by_key.get(key)
        if entry is None:
            problems.append(f"unknown key {key[:60]!r}")
            continue
        if entry.msgid_plural:
            if not isinstance(value, list) or len(value) != n or not all(value):
                problems.append(f"{key[:60]!r}: plural needs {n} non-empty forms")
                continue
            if any(_marks(v) - _marks(entry.msgid_plural) - _marks(entry.msgid) for v in value):
                problems.append(f"{key[:60]!r}: placeholders differ from the source")
                continue
            entry.msgstr_plural = {i: v for i, v in enumerate(value)}
        else:
            if not isinstance(value, str) or not value:
                problems.append(f"{key[:60]!r}: empty translation")
                continue
            if _marks(value) != _marks(entry.msgid):
                problems.append(f"{key[:60]!r}: placeholders differ: {sorted(_marks(entry.msgid))}")
                continue
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    print(f"{lang}: filled {filled}; {len(problems)} refused")
    for p in problems:
        print("  ", p)
    return 1 if problems else 0


def stats() -> None:
    for lang in LANGUAGES:
        po = _po(lang)
        live = [e for e in po if not e.obsolete]
        print(f"{lang}: {sum(_done(e) for e in live)}/{len(live)}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "export":
        export(sys.argv[2], sys.argv[3])
    elif cmd == "import":
        sys.exit(import_(sys.argv[2], sys.argv[3], sys.argv[4]))
    elif cmd == "stats":
        stats()
    else:
        print(__doc__)
        sys.exit(2)
