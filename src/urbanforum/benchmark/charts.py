"""Vega-Lite specs (Altair) for the dashboard. Data inline; every chart has a description.

Titles, axis titles and descriptions are in the reader's language, and every spec carries the
number locale of that language (`config.locale.number`: decimal mark, thousands separator,
grouping — Django's formats for the active language), so that Vega writes "12,5" in Finnish
axes and tooltips and "12.5" in English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def number_locale() -> dict[str, Any]:
    """The d3-format number locale of the active language, from Django's format files."""
    grouping = int(get_format("NUMBER_GROUPING") or 3)
    return {
        "decimal": str(get_format("DECIMAL_SEPARATOR")),
        "thousands": str(get_format("THOUSAND_SEPARATOR")),
        "grouping": [grouping or 3],
        "currency": ["", "\u00a0€"],
    }


def localised(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with the number locale of the active language in its config."""
    spec.setdefault("config", {})["locale"] = {"number": number_locale()}
    return spec


def profile_chart(
    rows: Sequence[Mapping[str, object]], city_name: str, peer_label: str
) -> dict[str, Any]:
    """The characteristics the city has a score on: its score as bars, the peer median as
    ticks. The title counts the characteristics shown (a missing one is not drawn as 0)."""
    shown = [r for r in rows if r["score"] is not None]
    n = len(shown)
    df = pd.DataFrame(
        [{"characteristic": r["name"], "score": r["score"], "median": r["median"]} for r in shown]
    )
    base = alt.Chart(df).encode(y=alt.Y("characteristic:N", title=None, sort=None))
    bars = base.mark_bar(color="#1a5a96").encode(
        x=alt.X("score:Q", title=_("Score (0–100)"), scale=alt.Scale(domain=[0, 100])),
        tooltip=[
            alt.Tooltip("characteristic:N", title=_("characteristic")),
            alt.Tooltip("score:Q", title=_("score"), format=".1f"),
            alt.Tooltip("median:Q", title=_("peer median"), format=".1f"),
        ],
    )
    ticks = base.mark_tick(color="#c2410c", thickness=3, size=22).encode(x="median:Q")
    return localised(
        (bars + ticks)
        .properties(
            width="container",
            height=220,
            title=alt.Title(
                ngettext("%(city)s: %(n)s characteristic", "%(city)s: %(n)s characteristics", n)
                % {"city": city_name, "n": n},
                subtitle=_("Bars: %(city)s; orange ticks: median of %(peers)s")
                % {"city": city_name, "peers": peer_label},
            ),
            description=_(
                "Bar chart of %(city)s's scores on the characteristics it has data for, with the "
                "peer median as ticks. The same numbers are in the table below."
            )
            % {"city": city_name},
        )
        .to_dict()
    )


def contributions_chart(rows: Sequence[Mapping[str, object]], title: str) -> dict[str, Any]:
    df = pd.DataFrame([{"part": r["name"], "contribution": r["contribution"] or 0.0} for r in rows])
    return localised(
        alt.Chart(df)
        .mark_bar(color="#2f7d4f")
        .encode(
            y=alt.Y("part:N", title=None, sort=None),
            x=alt.X("contribution:Q", title=_("Points contributed to the score")),
            tooltip=[
                alt.Tooltip("part:N", title=_("part")),
                alt.Tooltip("contribution:Q", title=_("contribution"), format=".2f"),
            ],
        )
        .properties(
            width="container",
            height=max(80, 28 * len(df)),
            title=title,
            description=_(
                "%(title)s: each part's contribution in points; they add up to the score. "
                "Table below."
            )
            % {"title": title},
        )
        .to_dict()
    )


def distribution_chart(
    rows: Sequence[Mapping[str, object]], city_slug: str, title: str, unit: str
) -> dict[str, Any]:
    """A strip plot of an indicator's raw values in the peer group; the selected city in orange
    and labelled. Vertical spread is a fixed golden-ratio jitter (stable between page loads)."""
    df = pd.DataFrame(
        [
            {
                "city": r["city"],
                "value": r["value"],
                "year": r["year"],
                "jitter": (i * 0.618034) % 1,
                "selected": r["slug"] == city_slug,
            }
            for i, r in enumerate(rows)
        ]
    )
    x = alt.X("value:Q", title=unit or _("value"), scale=alt.Scale(zero=False))
    y = alt.Y("jitter:Q", axis=None, title=None, scale=alt.Scale(domain=[-0.1, 1.1]))
    tooltip = [
        alt.Tooltip("city:N", title=_("city")),
        alt.Tooltip("value:Q", title=_("value"), format=",.2f"),
        alt.Tooltip("year:Q", title=_("year"), format="d"),
    ]
    base = alt.Chart(df)
    others = (
        base.transform_filter("!datum.selected")
        .mark_circle(size=60, color="#8a96a3", opacity=0.75)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    mine = base.transform_filter("datum.selected")
    dot = mine.mark_circle(
        size=260, color="#c2410c", opacity=1, stroke="#1c2329", strokeWidth=1
    ).encode(x=x, y=y, tooltip=tooltip)
    label = mine.mark_text(dy=-16, fontWeight="bold", color="#1c2329").encode(
        x=x, y=y, text="city:N"
    )
    return localised(
        (others + dot + label)
        .properties(
            width="container",
            height=160,
            title=title,
            description=_(
                "Strip plot of %(title)s across the peer group; the selected city is the large "
                "orange dot. Table below."
            )
            % {"title": title},
        )
        .to_dict()
    )
