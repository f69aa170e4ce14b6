"""Writes of pilots and impact: permission, validation naming the field (or the CSV row),
one transaction, audit, events. Each action takes its validated input (`schemas.py`)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.core.audit import diff, record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.schemas import is_finite_number
from urbanforum.core.services import field_error, update, validate
from urbanforum.impact import calc
from urbanforum.impact.models import (
    KPI,
    ImpactAssessment,
    Measurement,
    Milestone,
    Pilot,
    PilotStatus,
)
from urbanforum.impact.schemas import (
    ImpactInput,
    KpiInput,
    MeasurementInput,
    MilestoneInput,
    PilotChanges,
    PilotEditIn,
    PilotInput,
)
from urbanforum.processes.models import Process
from urbanforum.procurement.models import Contract, JointProcurement
from urbanforum.procurement.process_link import require_attach
from urbanforum.procurement.selectors import represented_city


def pilot_create(
    *,
    actor: User,
    organisation: Organisation,
    data: PilotInput,
    process: Process | None = None,
    procurement: JointProcurement | None = None,
    contract: Contract | None = None,
    provider: Organisation | None = None,
) -> Pilot:
    """Start a pilot of a city administration; optionally in a process's Action phase (then only
    the process's lead and partner cities, or coordinators, may attach it) and procured through a
    joint procurement (its contract, its supplier)."""
    require(actor, "impact.add_pilot")
    if not (has_role(actor, organisation, Role.EDITOR) or actor.is_coordinator):
        raise PermissionDenied(_("You can only start a pilot for an administration you edit."))
    city = represented_city(organisation)
    if city is None:
        raise field_error("organisation", _("The organisation does not represent a city."))
    require_attach(actor, process)
    with transaction.atomic():
        pilot = Pilot(
            city=city,
            organisation=organisation,
            created_by=actor,
            process=process,
            challenge=process.challenge if process is not None else None,
            procurement=procurement,
            contract=contract,
            provider=provider,
            **data.model_dump(include=set(PilotInput.model_fields)),
        )
        validate(pilot, exclude=["slug"])
        pilot.save()
        record(actor=actor, action="impact.pilot_create", target=pilot)
        emit(DomainEvent("impact.pilot_created", actor.pk, {"pilot_id": pilot.pk}))
    return pilot


def pilot_update(
    *,
    actor: User,
    pilot: Pilot,
    changes: PilotChanges | None = None,
    procurement: JointProcurement | None = None,
    contract: Contract | None = None,
) -> Pilot:
    """Change a pilot's fields given in `changes`; link it to the joint procurement (and the
    contract) it was procured through."""
    require(actor, "impact.change_pilot", pilot)
    values: dict[str, object] = changes.given() if changes is not None else {}
    if procurement is not None:
        values["procurement"] = procurement
    if contract is not None:
        values["contract"] = contract
    return update(pilot, actor=actor, values=values, action="impact.pilot_update").instance


def pilot_edit(*, actor: User, pilot: Pilot, data: PilotEditIn) -> Pilot:
    """The edit page: the pilot's fields, its provider, the joint procurement and this city's
    contract it was bought through, and this city's share of a joint pilot. A contract must be one
    of that procurement's and of the pilot's own organisation; without a provider named, the
    contract's supplier is the provider. Nothing is saved if any part is refused."""
    require(actor, "impact.change_pilot", pilot)
    given = data.given()
    links = {
        k: given.pop(k) for k in ("provider", "procurement", "contract", "share") if k in given
    }
    values: dict[str, object] = dict(given)
    if "provider" in links:
        slug = (links["provider"] or "").strip()
        provider = Organisation.objects.filter(slug=slug).first() if slug else None
        if slug and provider is None:
            raise field_error(
                "provider", _("There is no organisation '%(slug)s'.") % {"slug": slug}
            )
        values["provider"] = provider
    procurement = pilot.procurement
    if "procurement" in links:
        ref = (links["procurement"] or "").strip()
        procurement = JointProcurement.objects.filter(reference=ref).first() if ref else None
        if ref and procurement is None:
            raise field_error(
                "procurement", _("There is no joint procurement '%(ref)s'.") % {"ref": ref}
            )
        if procurement is not None and not (
            actor.is_coordinator
            or procurement.participants.filter(organisation=pilot.organisation).exists()
        ):
            raise field_error(
                "procurement",
                _("%(organisation)s does not take part in “%(procurement)s”.")
                % {"organisation": pilot.organisation.name, "procurement": procurement},
            )
        values["procurement"] = procurement
        if procurement is None or (
            pilot.contract is not None and pilot.contract.award.lot.procurement_id != procurement.pk
        ):
            values["contract"] = None  # a contract belongs to its procurement
    if links.get("contract") is not None:
        contract = (
            Contract.objects.select_related("award__lot", "award__bid", "participant")
            .filter(pk=links["contract"])
            .first()
        )
        if (
            contract is None
            or procurement is None
            or contract.award.lot.procurement_id != procurement.pk
            or contract.participant.organisation_id != pilot.organisation_id
        ):
            raise field_error(
                "contract", _("Choose a contract of this procurement signed for the pilot's city.")
            )
        values["contract"] = contract
        if values.get("provider") is None and not (links.get("provider") or "").strip():
            values["provider"] = contract.award.bid.bidder
    with transaction.atomic():
        fresh = update(pilot, actor=actor, values=values, action="impact.pilot_update").instance
        if links.get("share") is not None:
            impact_set(actor=actor, pilot=fresh, data=ImpactInput(share=links["share"]))
    return fresh


def pilot_complete(*, actor: User, pilot: Pilot) -> Pilot:
    """The pilot is over: status finished, ending today if it was planned to end later."""
    require(actor, "impact.change_pilot", pilot)
    today = timezone.localdate()
    if pilot.status == PilotStatus.FINISHED:
        raise field_error("status", _("The pilot is already completed."))
    if pilot.start_date > today:
        raise field_error("status", "A pilot that has not started cannot be completed.")
    values: dict[str, object] = {"status": PilotStatus.FINISHED}
    if pilot.end_date > today:
        values["end_date"] = today
    with transaction.atomic():
        fresh = update(pilot, actor=actor, values=values, action="impact.pilot_complete").instance
        emit(DomainEvent("impact.pilot_completed", actor.pk, {"pilot_id": fresh.pk}))
    return fresh


def kpi_add(*, actor: User, pilot: Pilot, data: KpiInput) -> KPI:
    require(actor, "impact.change_pilot", pilot)
    with transaction.atomic():
        kpi = KPI(
            pilot=pilot,
            name=data.name,
            unit=data.unit,
            baseline=data.baseline,
            target=data.target,
            direction=data.direction,
        )
        validate(kpi)
        kpi.save()
        record(actor=actor, action="impact.kpi_add", target=pilot, changes={"kpi": kpi.name})
    return kpi


def _refuse_if_completed(pilot: Pilot, *, lock: bool = True) -> None:
    """A completed pilot's measurements are what its review judged: they stay as they were.
    Reopening the pilot (status running, on its edit page) allows them again. With `lock` (in a
    transaction) the pilot's row is locked, so completing it cannot slip in between."""
    rows = Pilot.objects.select_for_update() if lock else Pilot.objects
    status = rows.values_list("status", flat=True).get(pk=pilot.pk)
    if status == PilotStatus.FINISHED:
        raise field_error(
            "status",
            _(
                "The pilot is completed: its measurements can no longer be added or changed. "
                "To record values, reopen it first (status Running)."
            ),
            label=_("Status"),
        )


def measurement_add(*, actor: User, kpi: KPI, data: MeasurementInput) -> Measurement:
    require(actor, "impact.change_pilot", kpi.pilot)
    with transaction.atomic():
        _refuse_if_completed(kpi.pilot)
        m, _ = Measurement.objects.update_or_create(
            kpi=kpi, date=data.date, defaults={"value": data.value, "note": data.note}
        )
        record(
            actor=actor,
            action="impact.measurement_add",
            target=kpi.pilot,
            changes={"kpi": kpi.name, "date": str(data.date), "value": str(m.value)},
        )
        emit(DomainEvent("impact.measured", actor.pk, {"pilot_id": kpi.pilot_id, "kpi_id": kpi.pk}))
    return m


def measurements_import(*, actor: User, pilot: Pilot, text: str) -> int:
    """Import KPI values from CSV with the header `kpi,date,value[,note]` (date as YYYY-MM-DD).

    All or nothing: every bad row is reported as "Row N: …" (N counts the header as row 1) and nothing
    is saved unless every row is valid."""
    require(actor, "impact.change_pilot", pilot)
    _refuse_if_completed(pilot, lock=False)  # before reporting the file's rows
    if "\x00" in text:  # PostgreSQL stores no NUL character in text
        raise field_error("file", _("The file contains a NUL character; is it really a CSV file?"))
    kpis = {k.name.casefold(): k for k in pilot.kpis.all()}
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    # A spreadsheet in a language with a decimal comma saves ';'-separated (or tab-separated)
    # files, and there a comma is the decimal mark and dots group digits.
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = {"kpi", "date", "value"} - set(header)
    if missing:
        raise field_error(
            "file",
            _("The header must have the columns kpi, date, value (missing: %(missing)s).")
            % {"missing": ", ".join(sorted(missing))},
        )
    rows: list[tuple[KPI, date, Decimal, str]] = []
    errors: list[str] = []
    seen: set[tuple[int, date]] = set()
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        kpi = kpis.get(row.get("kpi", "").casefold())
        if kpi is None:
            errors.append(
                _("Row %(n)s: unknown KPI “%(kpi)s” (known: %(values)s).")
                % {
                    "n": n,
                    "kpi": row.get("kpi", ""),
                    "values": ", ".join(k.name for k in kpis.values()),
                }
            )
            continue
        try:
            when = date.fromisoformat(row.get("date", ""))
        except ValueError:
            errors.append(
                _("Row %(n)s: “%(date)s” is not a date (YYYY-MM-DD).")
                % {"n": n, "date": row.get("date", "")}
            )
            continue
        try:
            written = row.get("value", "").translate(str.maketrans("", "", " \xa0\u202f"))
            if delimiter != "," and "," in written:
                written = written.replace(".", "")
            value = Decimal(written.replace(",", "."))
            if not is_finite_number(value):
                raise InvalidOperation
        except InvalidOperation:
            errors.append(
                _("Row %(n)s: “%(value)s” is not a number.")
                % {"n": n, "value": row.get("value", "")}
            )
            continue
        try:  # the column's digits (1E+400 is finite, and no column holds it)
            Measurement._meta.get_field("value").run_validators(value)
        except ValidationError as exc:
            errors.append(f"Row {n}: “{row.get('value', '')}”: {' '.join(exc.messages)}")
            continue
        if (kpi.pk, when) in seen:
            errors.append(
                _("Row %(n)s: a second value for %(kpi)s on %(when)s.")
                % {"n": n, "kpi": kpi.name, "when": when}
            )
            continue
        seen.add((kpi.pk, when))
        rows.append((kpi, when, value, row.get("note", "")[:200]))
    if errors:
        raise ValidationError({"file": errors})
    if not rows:
        raise field_error("file", _("The file has no rows."))
    with transaction.atomic():
        _refuse_if_completed(pilot)
        for kpi, when, value, note in rows:
            Measurement.objects.update_or_create(
                kpi=kpi, date=when, defaults={"value": value, "note": note}
            )
        record(
            actor=actor,
            action="impact.measurements_import",
            target=pilot,
            changes={"rows": len(rows)},
        )
        emit(DomainEvent("impact.measured", actor.pk, {"pilot_id": pilot.pk}))
    return len(rows)


def milestone_add(*, actor: User, pilot: Pilot, data: MilestoneInput) -> Milestone:
    require(actor, "impact.change_pilot", pilot)
    with transaction.atomic():
        m = Milestone(pilot=pilot, title=data.title, due_date=data.due_date, progress=data.progress)
        validate(m)
        m.save()
        record(
            actor=actor,
            action="impact.milestone_add",
            target=pilot,
            changes={"milestone": data.title},
        )
    return m


def milestone_progress(*, actor: User, milestone: Milestone, progress: int) -> Milestone:
    """Record a milestone's progress. Audited as a change of the pilot (its page's history),
    which is why this is not `core.services.update` (that audits the milestone row)."""
    require(actor, "impact.change_pilot", milestone.pilot)
    with transaction.atomic():
        m = Milestone.objects.select_for_update().get(pk=milestone.pk)
        old = m.progress
        m.progress = progress
        validate(m)
        m.save()
        record(
            actor=actor,
            action="impact.milestone_progress",
            target=m.pilot,
            changes={"milestone": m.title, "progress": [old, progress]},
        )
    return m


def impact_set(*, actor: User, pilot: Pilot, data: ImpactInput) -> ImpactAssessment:
    """Set the pilot's cost, savings and carbon handprint inputs (those given). A city's share of a
    reduction shared through a joint procurement is checked against the other cities' shares (no
    double counting). Audited as a change of the pilot, like its other parts."""
    require(actor, "impact.change_pilot", pilot)
    fields = data.given()
    with transaction.atomic():
        ia, _ = ImpactAssessment.objects.select_for_update().get_or_create(pilot=pilot)
        changes = diff(ia, fields)
        for k, v in fields.items():
            setattr(ia, k, v)
        validate(ia)
        if pilot.procurement_id:
            others = list(
                ImpactAssessment.objects.filter(pilot__procurement_id=pilot.procurement_id)
                .exclude(pk=ia.pk)
                .values_list("share", flat=True)
            )
            try:
                calc.check_no_double_counting([*others, ia.share])
            except ValueError as exc:
                raise field_error("share", str(exc)) from exc
        ia.save()
        if changes:
            record(actor=actor, action="impact.impact_set", target=pilot, changes=changes)
    return ia
