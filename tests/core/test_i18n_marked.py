"""Every sentence a person reads in a template is marked for translation (issue 10, point 1).

A heuristic scanner: each template is tokenised with Django's own lexer; everything a template tag
or variable produces is replaced by a neutral placeholder, the text inside {% blocktranslate %},
{% comment %}, {% verbatim %}, <script> and <style> is dropped, and what remains is parsed as HTML.
A text node, or a title/alt/aria-label/placeholder attribute, that still contains a word is English
left bare. String literals given to filters and tags ({{ x|default:"None yet" }}, {% include … with
title="Foo" %}) must go through _("…") as well.

Names that are not translated (the product's name, acronyms, units) are listed in ALLOWED.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.template.base import Lexer, TokenType
from django.utils.functional import Promise

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "urbanforum" / "templates"

# Words that stay as they are in every language: names, acronyms, units, symbols.
ALLOWED = {
    "urbanforum",
    "SHA-256",  # a checksum's name (open data)
    "csv-metadata",  # a file name (….csv-metadata.json, CSV on the Web)
    "json",
    "API",
    "OCDS",
    "SDG",
    "JSON",
    "CSV",
    "XLSX",
    "ICS",
    "iCalendar",
    "htmx",
    "OpenAPI",
    "ID",
    "LAU",
    "NUTS",
    "EUR",
    "km",
    "km²",
    "CO₂",
    "CO2",
    "px",
    "Vega-Lite",
    "GeoNames",
    "Eurostat",
    "Markdown",
    "KPI",
    "CO2e",
    "kg",
    "TRL",
    "UTC",
    "CPV",
    "tallinn-ee",  # an example of a city's slug, in a placeholder
}

CHECKED_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description", "label"}
# Blocks whose content is either translated as a whole or never shown.
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
PLACEHOLDER = " "  # a space: keeps words apart and tags parseable
WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
# A string literal in a variable or tag that is not wrapped in _( ).
LITERAL = re.compile(r"""(?<![_\w(])(["'])((?:(?!\1).)*)\1""")
# Arguments of these tags are names (URLs, templates, static files, filters), never text.
NAME_TAGS = {
    "url",
    "static",
    "include",
    "extends",
    "load",
    "block",
    "endblock",
    "csrf_token",
    "get_current_language",
    "get_available_languages",
    "get_language_info_list",
    "get_language_info",
    "translate",
    "trans",
    "now",
    "cycle",
    "firstof",
    "widthratio",
    "with",
    "querystring",
    "partialdef",
    "partial",
}


def bare_words(text: str) -> list[str]:
    """The words of `text` (two letters or more) that are not allowed names."""
    return [word for word in WORD.findall(text) if word not in ALLOWED and len(word) > 1]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._raw: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._raw.append(tag)
        for name, value in attrs:
            if name in CHECKED_ATTRIBUTES and value and bare_words(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))
            if (
                tag == "input"
                and name == "value"
                and dict(attrs).get("type") in {"submit", "button"}
                and value
                and bare_words(value)
            ):
                self.found.append((self.getpos()[0], f'value="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if self._raw and self._raw[-1] == tag:
            self._raw.pop()

    def handle_data(self, data: str) -> None:
        if not self._raw and bare_words(data):
            self.found.append((self.getpos()[0], " ".join(data.split())))


def literal_problems(token_contents: str, is_tag: bool) -> list[str]:
    """String literals with words in a variable or tag that are not passed through _( )."""
    if is_tag:
        name = token_contents.split(None, 1)[0] if token_contents.strip() else ""
        if name in NAME_TAGS and name != "with" and name != "include":
            return []
    found = []
    for match in LITERAL.finditer(token_contents):
        text = match.group(2)
        before = token_contents[: match.start()]
        # Keyword arguments that are names, not text: class="…", template names, url names.
        if re.search(r"(?:class|id|name|key|kind|url|href|mode|icon|css|as|template)=$", before):
            continue
        if (
            is_tag
            and before.rstrip().split()[0] in {"include", "extends"}
            and " with " not in before
        ):
            continue
        if re.search(
            r"(?:date|time|naturaltime|floatformat|stringformat|slice|cut|add|yesno)\s*:\s*$",
            before,
        ):
            continue
        if any(c in text for c in "/.%{}:#_") and " " not in text:
            continue  # a path, format or identifier
        if " " not in text and (text.islower() or not text):
            continue  # identifiers such as "draft", "open"
        if bare_words(text):
            found.append(text)
    return found


# "{{ n }} {% translate "cities" %}": a count glued to a plural noun, which is right in no language
# with more than two plural forms (pl, lv, lt); {% blocktranslate count %} is.
GLUED_PLURAL = re.compile(r"""\{\{[^}]*\}\}\s*\{%\s*(?:translate|trans)\s+["'][a-z]+s["']\s*%\}""")


def scan(source: str) -> list[tuple[int, str]]:
    """(line, text) of every visible text in `source` that is not marked for translation."""
    skeleton: list[str] = []
    problems: list[tuple[int, str]] = [
        (source.count("\n", 0, m.start()) + 1, f"a count glued to a plural: {m.group(0)}")
        for m in GLUED_PLURAL.finditer(source)
    ]
    skipping: str | None = None
    for token in Lexer(source).tokenize():
        if skipping is not None:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == skipping:
                skipping = None
            skeleton.append(PLACEHOLDER + "\n" * token.contents.count("\n"))
            continue
        if token.token_type == TokenType.TEXT:
            skeleton.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in SKIPPED_BLOCKS:
                skipping = SKIPPED_BLOCKS[name]
            for text in literal_problems(token.contents, is_tag=True):
                problems.append((token.lineno, f'"{text}" in {{% {token.contents[:60]} %}}'))
        elif token.token_type == TokenType.VAR:
            for text in literal_problems(token.contents, is_tag=False):
                problems.append((token.lineno, f'"{text}" in {{{{ {token.contents[:60]} }}}}'))
        skeleton.append(PLACEHOLDER + "\n" * token.contents.count("\n"))
    scanner = _Scanner()
    scanner.feed("".join(skeleton))
    scanner.close()
    return sorted(problems + scanner.found)


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))


def test_the_scanner_finds_bare_english() -> None:
    source = """{% load i18n %}<h1>{% translate "Cities" %}</h1>
<p>{{ city.name }} · {{ n|floatformat:1 }}</p>
<p>{% blocktranslate trimmed %}Hello {{ name }}{% endblocktranslate %}</p>
<script>const label = "Not shown";</script>
<p>Compare your city with its peers.</p>
<input placeholder="Search cities" aria-label="{% translate 'Search' %}">
<img alt="Map of {{ city.name }}" src="x.png">
{{ value|default:"Not set" }} {{ value|default:_("Not set") }} {{ value|date:"Y-m-d" }}
{% include "includes/form.html" with submit_label="Save changes" %}
<p>{{ n }} {% translate "cities" %}</p>
"""
    found = [text for _, text in scan(source)]
    assert any("Compare your city" in text for text in found)
    assert any("Search cities" in text for text in found)
    assert any("Map of" in text for text in found)
    assert any('"Not set"' in text for text in found)
    assert any("Save changes" in text for text in found)
    assert any("a count glued to a plural" in text for text in found)
    assert len(found) == 6, found


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_visible_text_is_marked(path: Path) -> None:
    problems = scan(path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(f"{path.name}:{line}: {text}" for line, text in problems)


def test_the_navigation_is_translated() -> None:
    """Each app's navigation entries are lazy translations, not bare English."""
    labels = [
        (config.label, label)
        for config in apps.get_app_configs()
        for label, *_rest in getattr(config, "nav_items", [])
    ]
    assert labels
    assert [(app, label) for app, label in labels if not isinstance(label, Promise)] == []


def test_dates_follow_the_language() -> None:
    """Dates are written in the reader's format (SHORT_DATE_FORMAT, "j M Y" …), not as ISO digits.
    Procurement keeps ISO dates with "UTC": deadlines and receipts name one instant for bidders of
    every country (docs/procurement.md)."""
    iso = re.compile(r"""date:["']Y-m""")
    found = [
        f"{path.relative_to(TEMPLATES)}:{source.count(chr(10), 0, m.start()) + 1}"
        for path in template_files()
        if path.relative_to(TEMPLATES).parts[0] != "procurement"
        for source in [path.read_text(encoding="utf-8")]
        for m in iso.finditer(source)
    ]
    assert found == []
