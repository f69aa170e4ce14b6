"""Reads of the site's pages: the home page (the network at a glance) and the workspace (a city
officer's city, a coordinator's network, in the five steps)."""

from urbanforum.site.selectors.overview import CountryCount, Overview, overview
from urbanforum.site.selectors.steps import join_help
from urbanforum.site.selectors.workspace import (
    Entry,
    NextStep,
    Step,
    Workspace,
    workspace,
)

__all__ = [
    "CountryCount",
    "Entry",
    "NextStep",
    "Overview",
    "Step",
    "Workspace",
    "join_help",
    "overview",
    "workspace",
]
