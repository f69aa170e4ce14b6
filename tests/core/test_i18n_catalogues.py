"""The catalogues are kept complete (issue 10, point 6).

* `makemessages` run on a copy of the sources adds no message the catalogues lack: whoever marks
  a new string runs `make messages` in the same change.
* The nine catalogues hold the same messages.
* No catalogue has an empty or fuzzy entry, and the compiled .mo files are those of the .po files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "urbanforum"
LOCALE = PACKAGE / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Filled by the translators (scripts/po_tool.py export/import); until the last catalogue is
# complete, the completeness test is expected to fail — strictly, so that the day it passes
# the marker has to go.
TRANSLATIONS_MISSING = False


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def keys(po: polib.POFile) -> set[tuple[str, str, str]]:
    """(context, singular, plural) of every live entry."""
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        for entry in po
        if not entry.obsolete and entry.msgid
    }


def test_every_language_has_a_catalogue() -> None:
    assert sorted(LANGUAGES) == sorted(["fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb"])
    for code in LANGUAGES:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file(), code
        assert (LOCALE / code / "LC_MESSAGES" / "django.mo").is_file(), code


def test_makemessages_would_add_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make messages` on a copy of the package (Finnish only: every catalogue has the same
    messages, see below) finds no message that the committed catalogue lacks."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")
    copy = tmp_path / "urbanforum"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo", "*.pyc"),
    )
    for code in LANGUAGES:
        if code != "fi":
            shutil.rmtree(copy / "locale" / code)
    before = keys(catalogue("fi"))
    monkeypatch.chdir(copy)
    settings_locale = [str(copy / "locale")]
    monkeypatch.setattr(settings, "LOCALE_PATHS", settings_locale)
    call_command(
        "makemessages",
        locale=["fi"],
        add_location="file",
        ignore_patterns=["static/*", "engines/*"],
        verbosity=0,
    )
    after = keys(polib.pofile(str(copy / "locale" / "fi" / "LC_MESSAGES" / "django.po")))
    added = sorted(after - before)
    assert not added, (
        f"{len(added)} marked message(s) are not in the catalogues; run `make messages`. "
        f"First: {[msgid for _ctx, msgid, _plural in added[:10]]}"
    )


def test_the_nine_catalogues_hold_the_same_messages() -> None:
    reference = keys(catalogue("fi"))
    for code in LANGUAGES:
        mine = keys(catalogue(code))
        assert mine == reference, (
            f"{code}: {len(reference - mine)} missing, {len(mine - reference)} extra; "
            "run `make messages`"
        )


def test_plural_forms_are_declared() -> None:
    for code in LANGUAGES:
        header = catalogue(code).metadata.get("Plural-Forms", "")
        assert "nplurals=" in header and "plural=" in header, code
        assert "INTEGER" not in header and "EXPRESSION" not in header, code


def test_compiled_catalogues_match_the_sources() -> None:
    """The .mo shipped is the compilation of the .po next to it (`make messages` compiles)."""
    for code in LANGUAGES:
        po = catalogue(code)
        mo = polib.mofile(str(LOCALE / code / "LC_MESSAGES" / "django.mo"))
        compiled = {
            (e.msgctxt or "", e.msgid): e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            for e in mo
            if e.msgid
        }
        expected = {
            (e.msgctxt or "", e.msgid): e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            for e in po.translated_entries()
            if e.msgid
        }
        assert compiled == expected, f"{code}: django.mo is stale; run `make messages`"


@pytest.mark.xfail(
    TRANSLATIONS_MISSING,
    reason="the translators have not filled the catalogues yet (issue 10, point 1); remove "
    "TRANSLATIONS_MISSING once every catalogue is complete",
    strict=True,
)
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_empty_or_fuzzy_entry(code: str) -> None:
    po = catalogue(code)
    empty = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries() if not e.obsolete]
    assert not empty and not fuzzy, (
        f"{code}: {len(empty)} empty and {len(fuzzy)} fuzzy of {len(keys(po))} entries. "
        f"First empty: {empty[:5]}; first fuzzy: {fuzzy[:5]}"
    )
