"""Writes for the community, by sub-domain: working groups, discussions, events, mentoring.
Every write checks the permission, validates (errors name the field), runs in one transaction,
is audited and announces what others react to as a domain event."""

from urbanforum.community.services.discussions import (
    post_edit,
    post_moderate,
    post_reply,
    post_report,
    thread_create,
)
from urbanforum.community.services.events import (
    event_cancel,
    event_create,
    event_register,
    event_update,
    registration_cancel,
)
from urbanforum.community.services.groups import (
    document_add,
    group_add_member,
    group_create,
    group_join,
    group_leave,
    group_link,
    group_update,
    known_domains,
)
from urbanforum.community.services.mentoring import (
    feedback_give,
    mentorship_answer,
    mentorship_end,
    mentorship_propose,
    offer_create,
    request_create,
    session_record,
)

__all__ = [
    "document_add",
    "event_cancel",
    "event_create",
    "event_register",
    "event_update",
    "feedback_give",
    "group_add_member",
    "group_create",
    "group_join",
    "group_leave",
    "group_link",
    "group_update",
    "known_domains",
    "mentorship_answer",
    "mentorship_end",
    "mentorship_propose",
    "offer_create",
    "post_edit",
    "post_moderate",
    "post_reply",
    "post_report",
    "registration_cancel",
    "request_create",
    "session_record",
    "thread_create",
]
