"""Markdown to safe HTML: rendered, then sanitised with nh3 so no script can get through."""

from __future__ import annotations

import markdown as md
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def render_markdown(text: str, *, line_breaks: bool = False) -> str:
    """Markdown → sanitised HTML. `line_breaks`: a single new line is a line break too (text
    written in a plain text box, such as a good practice's lessons, keeps its lines)."""
    extensions = ["extra", "sane_lists", *(["nl2br"] if line_breaks else [])]
    html = md.markdown(text or "", extensions=extensions, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
