"""Turn the process's audit entries into readable timeline lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.core.forms import field_label
from urbanforum.core.models import AuditEvent
from urbanforum.core.text import translated
from urbanforum.processes.models import ProcessRole

# The audit keeps what was true when it was written: codes ("partner", "peer") and the English
# names of phases and checklist items. They are put in the reader's language here, when shown.
REVIEW_KINDS = {
    "peer": gettext_lazy("wrote a peer review"),
    "expert": gettext_lazy("wrote an expert review"),
}


def _role(code: Any) -> str:
    return str(ProcessRole(code).label) if code in ProcessRole.values else str(code or "")


def _name(text: Any) -> str:
    """A phase's or checklist item's stored name in the reader's language."""
    return translated(str(text or ""))


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    who: str
    action: str
    text: str


def _text(action: str, c: dict[str, Any]) -> str:
    match action:
        case "process.open":
            return _("opened the process from the challenge “%(c)s”; %(l)s leads") % {
                "c": c.get("challenge", ""),
                "l": c.get("lead", ""),
            }
        case "process.invite":
            return _("invited %(o)s as %(r)s") % {
                "o": c.get("organisation", ""),
                "r": _role(c.get("role")),
            }
        case "process.join":
            return _("%(o)s joined as %(r)s") % {
                "o": c.get("organisation", ""),
                "r": _role(c.get("role")),
            }
        case "process.decline":
            return _("%(o)s declined the invitation") % {"o": c.get("organisation", "")}
        case "process.participant_add":
            return _("added %(w)s as %(r)s") % {"w": c.get("who", ""), "r": _role(c.get("role"))}
        case "process.task_create":
            return _("added the task “%(t)s”") % {"t": c.get("task", "")}
        case "process.task_done":
            return _("completed the task “%(t)s”") % {"t": c.get("task", "")}
        case "process.task_reopen":
            return _("reopened the task “%(t)s”") % {"t": c.get("task", "")}
        case "process.deliverable_add":
            return _("added the deliverable “%(t)s”") % {"t": c.get("deliverable", "")}
        case "process.decision":
            return _("recorded a decision: %(d)s") % {"d": c.get("decision", "")}
        case "process.review":
            kind = c.get("kind", "")
            if kind in REVIEW_KINDS:
                return str(REVIEW_KINDS[kind])
            return _("wrote a %(k)s review") % {"k": kind}
        case "process.checklist":
            return (_("ticked “%(i)s”") if c.get("done") else _("unticked “%(i)s”")) % {
                "i": _name(c.get("item"))
            }
        case "process.advance":
            base = _("completed %(p)s") % {"p": _name(c.get("completed"))}
            if c.get("next"):
                base += _("; now in %(n)s") % {"n": _name(c["next"])}
            if c.get("reason"):
                base += _(" (checklist overridden: %(r)s)") % {"r": c["reason"]}
            return base
        case "process.publish":
            return _("published the result")
        case "process.update":
            return _("edited %(f)s") % {"f": ", ".join(sorted(field_label(f) for f in c))}
        case "process.dates":
            return _("changed the dates of %(p)s") % {"p": _name(c.get("phase"))}
    return action


def describe(event: AuditEvent) -> TimelineEntry:
    return TimelineEntry(
        when=event.created_at,
        who=event.actor.display_name if event.actor else (event.actor_label or "system"),
        action=event.action,
        text=_text(event.action, event.changes or {}),
    )
