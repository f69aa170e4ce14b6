"""Vega-Lite specs (Altair) for the dashboard. Data inline; every chart has a description."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd


def profile_chart(
    rows: Sequence[Mapping[str, object]], city_name: str, peer_label: str
) -> dict[str, Any]:
    """The characteristics: the city's score as bars, the peer median as black ticks."""
    df = pd.DataFrame(
        [{"characteristic": r["name"], "score": r["score"], "median": r["median"]} for r in rows]
    )
    base = alt.Chart(df).encode(y=alt.Y("characteristic:N", title=None, sort=None))
    bars = base.mark_bar(color="#1a5a96").encode(
        x=alt.X("score:Q", title="Score (0–100)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[
            alt.Tooltip("characteristic:N"),
            alt.Tooltip("score:Q", format=".1f"),
            alt.Tooltip("median:Q", title="peer median", format=".1f"),
        ],
    )
    ticks = base.mark_tick(color="#c2410c", thickness=3, size=22).encode(x="median:Q")
    return (
        (bars + ticks)
        .properties(
            width="container",
            height=220,
            title=alt.Title(
                f"{city_name}: six characteristics",
                subtitle=f"Bars: {city_name}; orange ticks: median of {peer_label}",
            ),
            description=f"Bar chart of {city_name}'s scores on the six characteristics, with the peer median as ticks. The same numbers are in the table below.",
        )
        .to_dict()
    )


def contributions_chart(rows: Sequence[Mapping[str, object]], title: str) -> dict[str, Any]:
    df = pd.DataFrame([{"part": r["name"], "contribution": r["contribution"] or 0.0} for r in rows])
    return (
        alt.Chart(df)
        .mark_bar(color="#2f7d4f")
        .encode(
            y=alt.Y("part:N", title=None, sort=None),
            x=alt.X("contribution:Q", title="Points contributed to the score"),
            tooltip=[alt.Tooltip("part:N"), alt.Tooltip("contribution:Q", format=".2f")],
        )
        .properties(
            width="container",
            height=max(80, 28 * len(df)),
            title=title,
            description=f"{title}: each part's contribution in points; they add up to the score. Table below.",
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
    x = alt.X("value:Q", title=unit or "value", scale=alt.Scale(zero=False))
    y = alt.Y("jitter:Q", axis=None, title=None, scale=alt.Scale(domain=[-0.1, 1.1]))
    tooltip = ["city:N", alt.Tooltip("value:Q", format=",.2f"), "year:Q"]
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
    return (
        (others + dot + label)
        .properties(
            width="container",
            height=160,
            title=title,
            description=f"Strip plot of {title} across the peer group; the selected city is the large orange dot. Table below.",
        )
        .to_dict()
    )
