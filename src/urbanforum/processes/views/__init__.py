"""Process pages: thin — parse, check, call a selector or service, render."""

from urbanforum.processes.views.actions import (
    checklist_tick,
    decision_record,
    deliverable_add,
    invitation_respond,
    participant_add,
    phase_advance,
    process_invite,
    publish_result,
    review_add,
    task_create,
    task_done,
)
from urbanforum.processes.views.pages import (
    deliverable_download,
    process_detail,
    process_edit,
    process_list,
    process_open,
    process_timeline,
)
from urbanforum.processes.views.plan import phase_dates

__all__ = [
    "checklist_tick",
    "decision_record",
    "deliverable_add",
    "deliverable_download",
    "invitation_respond",
    "participant_add",
    "phase_advance",
    "phase_dates",
    "process_detail",
    "process_edit",
    "process_invite",
    "process_list",
    "process_open",
    "process_timeline",
    "publish_result",
    "review_add",
    "task_create",
    "task_done",
]
