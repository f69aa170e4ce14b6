"""JSON twins of the process pages: blueprints, processes, timeline, invitations, participants."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import User
from urbanforum.core.api import Page, public
from urbanforum.core.services import field_error
from urbanforum.processes import registry, selectors, services
from urbanforum.processes.api.out import (
    ERRORS,
    BlueprintOut,
    ParticipantOut,
    ProcessDetailOut,
    ProcessFilterIn,
    ProcessInvitationOut,
    ProcessOut,
    TimelineOut,
    detail,
    visible,
)
from urbanforum.processes.models import Participant, Process, ProcessInvitation
from urbanforum.processes.schemas import InvitationIn, ParticipantIn, ProcessIn, ProcessPatchIn
from urbanforum.processes.selectors import TimelineEntries

router = Router()


@router.get("/process-blueprints", response=list[BlueprintOut], auth=public)
def list_blueprints(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "slug": b.slug,
            "label": str(b.label),
            "description": str(b.description),
            "phases": [
                {
                    "phase_type": p.phase_type,
                    "label": str(registry.phase_type(p.phase_type).label),
                    "days": p.days,
                    "checklist": list(p.checklist),
                    "capabilities": sorted(registry.phase_type(p.phase_type).capabilities),
                }
                for p in b.phases
            ],
        }
        for b in registry.blueprints()
    ]


@router.get("/processes", response=list[ProcessOut], auth=public)
@paginate(Page)
def list_processes(request: HttpRequest, filters: Query[ProcessFilterIn]) -> QuerySet[Process]:
    return selectors.process_list(
        user=request.user, filters=selectors.ProcessFilters(**filters.dict())
    )


@router.post("/processes", response={201: ProcessDetailOut, **ERRORS})
def open_process(request: HttpRequest, payload: ProcessIn) -> tuple[int, dict[str, object]]:
    challenge = selectors.challenge_by_slug(payload.challenge)
    if challenge is None:
        raise Http404(_("Unknown challenge '%(challenge)s'.") % {"challenge": payload.challenge})
    process = services.process_open(
        actor=current_user(request),
        challenge=challenge,
        **payload.model_dump(exclude={"challenge"}),
    )
    return 201, detail(process)


@router.get("/processes/{slug}", response={200: ProcessDetailOut, **ERRORS}, auth=public)
def get_process(request: HttpRequest, slug: str) -> dict[str, object]:
    return detail(visible(request, slug))


@router.patch("/processes/{slug}", response={200: ProcessDetailOut, **ERRORS})
def patch_process(request: HttpRequest, slug: str, payload: ProcessPatchIn) -> dict[str, object]:
    process = services.process_update(
        actor=current_user(request), process=visible(request, slug), changes=payload
    )
    return detail(process)


@router.get("/processes/{slug}/timeline", response={200: list[TimelineOut], **ERRORS}, auth=public)
@paginate(Page)
def process_timeline(request: HttpRequest, slug: str) -> TimelineEntries:
    return selectors.timeline_entries(process=visible(request, slug))


@router.post("/processes/{slug}/invitations", response={201: ProcessInvitationOut, **ERRORS})
def invite(request: HttpRequest, slug: str, payload: InvitationIn) -> tuple[int, ProcessInvitation]:
    process = visible(request, slug)
    org = selectors.organisation_by_slug(payload.organisation)
    if org is None:
        raise field_error(
            "organisation",
            _("Unknown organisation '%(organisation)s'.") % {"organisation": payload.organisation},
        )
    invitation = services.process_invite(
        actor=current_user(request),
        process=process,
        organisation=org,
        role=payload.role,
        message=payload.message,
    )
    return 201, invitation


@router.get("/process-invitations", response={200: list[ProcessInvitationOut], **ERRORS})
def my_invitations(request: HttpRequest) -> list[ProcessInvitation]:
    return list(selectors.invitations_for_user(user=current_user(request)))


def _respond(request: HttpRequest, invitation_id: int, accept: bool) -> ProcessInvitation:
    invitation = selectors.invitation_detail(invitation_id=invitation_id)
    if invitation is None:
        raise Http404(_("No ProcessInvitation matches the given query."))
    services.process_invitation_respond(
        actor=current_user(request), invitation=invitation, accept=accept
    )
    invitation.refresh_from_db()
    return invitation


@router.post(
    "/process-invitations/{invitation_id}/accept", response={200: ProcessInvitationOut, **ERRORS}
)
def accept_invitation(request: HttpRequest, invitation_id: int) -> ProcessInvitation:
    return _respond(request, invitation_id, True)


@router.post(
    "/process-invitations/{invitation_id}/decline", response={200: ProcessInvitationOut, **ERRORS}
)
def decline_invitation(request: HttpRequest, invitation_id: int) -> ProcessInvitation:
    return _respond(request, invitation_id, False)


def person(email: str | None, field: str) -> User | None:
    """The registered person with this e-mail (None for no e-mail); an unknown one names `field`."""
    if not email:
        return None
    user = selectors.person_by_email(email)
    if user is None:
        raise field_error(
            field, _("Nobody is registered with the e-mail address %(email)s.") % {"email": email}
        )
    return user


@router.post("/processes/{slug}/participants", response={201: ParticipantOut, **ERRORS})
def add_participant(
    request: HttpRequest, slug: str, payload: ParticipantIn
) -> tuple[int, Participant]:
    process = visible(request, slug)
    participant = services.participant_add(
        actor=current_user(request),
        process=process,
        role=payload.role,
        user=person(payload.user, "user"),
        organisation=selectors.organisation_by_slug(payload.organisation),
    )
    return 201, participant
