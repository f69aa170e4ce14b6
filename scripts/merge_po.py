"""A git merge driver for gettext catalogues (`.gitattributes`: `*.po merge=po`).

Two branches that each add messages and their translations touch the same .po files in many places;
a line-based merge conflicts on nearly every hunk. This driver merges entry by entry: every message
of either side is kept; a translation wins over an empty one; where both sides translated the same
message differently, the side that changed it since the common ancestor wins (ours when both did).
`make messages` afterwards drops the messages no code uses any more.

Configure once per clone: git config merge.po.driver ".venv/bin/python scripts/merge_po.py %O %A %B"
"""

from __future__ import annotations

import sys

import polib


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return all(v for v in entry.msgstr_plural.values()) and "fuzzy" not in entry.flags
    return bool(entry.msgstr) and "fuzzy" not in entry.flags


def _same(a: polib.POEntry, b: polib.POEntry) -> bool:
    return (a.msgstr, dict(a.msgstr_plural), "fuzzy" in a.flags) == (
        b.msgstr,
        dict(b.msgstr_plural),
        "fuzzy" in b.flags,
    )


def merge(base_path: str, ours_path: str, theirs_path: str) -> None:
    base = {_key(e): e for e in polib.pofile(base_path)}
    ours = polib.pofile(ours_path)
    theirs = polib.pofile(theirs_path)
    index = {_key(e): e for e in ours}
    for entry in theirs:
        mine = index.get(_key(entry))
        if mine is None:
            ours.append(entry)
            index[_key(entry)] = entry
            continue
        if _same(mine, entry):
            continue
        ancestor = base.get(_key(entry))
        take_theirs = (_translated(entry) and not _translated(mine)) or (
            _translated(entry) and ancestor is not None and _same(mine, ancestor)
        )
        if take_theirs:
            mine.msgstr = entry.msgstr
            mine.msgstr_plural = dict(entry.msgstr_plural)
            mine.flags = list(entry.flags)
        mine.occurrences = sorted(set(mine.occurrences) | set(entry.occurrences))
    ours.save(ours_path)


if __name__ == "__main__":
    merge(*sys.argv[1:4])
