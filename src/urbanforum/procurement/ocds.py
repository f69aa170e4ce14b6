"""Open Contracting Data Standard 1.1 export of joint procurements.

One release per procurement showing its current state (tag: planning / tender / award / contract).
Parties: the lead city is `buyer`, `procuringEntity` and (EU extension) `leadBuyer`; every
participating city is a party with role `buyer`; tenderers appear only after opening.

Confidentiality: before the bid deadline nothing about bids is exported; after the deadline only
`bids.statistics` (number of bids per lot); bid details (tenderer, value, status) only once their
lot is awarded. The export uses selectors and the opening service only — never the bidder's key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import json_merge_patch
from django.conf import settings

from urbanforum.accounts.models import Organisation
from urbanforum.core.datadir import data_path
from urbanforum.procurement import clock, selectors
from urbanforum.procurement.models import (
    OCDS_METHOD,
    Award,
    BidStatus,
    Contract,
    JointProcurement,
    Status,
)

EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_buyer_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_eu_extension/1.1/extension.json",
]
# Each extension's local copy in the data folder (ocds/extensions/<repository>/, see its SOURCE.md):
# the repository's name is the URL's fourth segment.
EXTENSION_FOLDERS = [url.split("/")[4] for url in EXTENSIONS]


def ocid_prefix() -> str:
    return getattr(settings, "OCDS_OCID_PREFIX", "ocds-urbfrm")


def _date(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _amount(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _value(amount: Decimal, currency: str) -> dict[str, Any]:
    return {"amount": _amount(amount), "currency": currency}


def party_id(org: Organisation) -> str:
    return f"UF-ORG-{org.slug}"


def _ref(org: Organisation) -> dict[str, str]:
    return {"id": party_id(org), "name": org.name}


def _party(org: Organisation, roles: list[str], city_name: str = "") -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": party_id(org),
        "name": org.name,
        "identifier": {"scheme": "XI-URBANFORUM", "id": org.slug, "legalName": org.name},
        "roles": roles,
    }
    if org.country:
        party["address"] = {"countryName": org.country}
        if city_name:
            party["address"]["locality"] = city_name
    if org.website:
        party["contactPoint"] = {"url": org.website}
    return party


def _cpv(code: str) -> dict[str, str]:
    return {"scheme": "CPV", "id": code.split("-")[0]}


def build_release(p: JointProcurement) -> dict[str, Any]:
    now = clock.now()
    ocid = f"{ocid_prefix()}-{p.reference}"
    participants = list(p.participants.select_related("organisation", "city"))
    lead = next(pt for pt in participants if pt.is_lead)
    parties: dict[str, dict[str, Any]] = {}
    for pt in participants:
        roles = ["buyer", "leadBuyer", "procuringEntity"] if pt.is_lead else ["buyer"]
        parties[party_id(pt.organisation)] = _party(pt.organisation, roles, pt.city.name)

    summaries = selectors.lot_summaries(procurement=p)
    total = sum((s.total_budget for s in summaries), Decimal(0))
    tender_status = {
        Status.DRAFT: "planning",
        Status.PUBLISHED: "active",
        Status.OPENED: "active",
        Status.AWARDED: "complete",
        Status.CANCELLED: "cancelled",
    }[Status(p.status)]
    lots = []
    items = []
    for s in summaries:
        award = getattr(s.lot, "award", None) if hasattr(s.lot, "award") else None
        lot: dict[str, Any] = {
            "id": s.lot.ocds_id,
            "title": s.lot.title,
            "status": "complete"
            if award
            else ("planning" if p.status == Status.DRAFT else "active"),
        }
        if s.lot.description:
            lot["description"] = s.lot.description
        if s.total_budget:
            lot["value"] = _value(s.total_budget, p.currency)
        lots.append(lot)
        for d in s.demands:
            item: dict[str, Any] = {
                "id": f"ITEM-{d.pk}",
                "description": f"{d.item} for {d.participant.city.name}",
                "quantity": _amount(d.quantity),
                "unit": {"name": d.unit},
                "relatedLot": s.lot.ocds_id,
            }
            if s.lot.cpv_code or p.cpv_codes:
                item["classification"] = _cpv(s.lot.cpv_code or p.cpv_codes[0])
            items.append(item)

    tender: dict[str, Any] = {
        "id": p.reference,
        "title": p.title,
        "status": tender_status,
        "procuringEntity": _ref(lead.organisation),
        "procurementMethod": OCDS_METHOD[p.procedure],  # type: ignore[index]
        "procurementMethodDetails": p.get_procedure_display(),
        "mainProcurementCategory": p.category,
        "awardCriteria": "ratedCriteria",
        "tenderPeriod": {"endDate": _date(p.bid_deadline)},
        "enquiryPeriod": {"endDate": _date(p.clarification_deadline)},
        "lots": lots,
        "items": items,
    }
    if p.publication_date:
        tender["tenderPeriod"]["startDate"] = _date(p.publication_date)
        tender["enquiryPeriod"]["startDate"] = _date(p.publication_date)
    if p.description:
        tender["description"] = p.description
    if total:
        tender["value"] = _value(total, p.currency)
    criteria = list(p.criteria.all())
    if criteria:
        tender["awardCriteriaDetails"] = "; ".join(
            f"{c.name} ({c.kind}) {c.weight} %" for c in criteria
        )
    if p.status != Status.DRAFT:
        tender["numberOfTenderers"] = 0
    docs = [{"id": f"DOC-{d.pk}", "title": d.title, "url": d.url} for d in p.documents.all()]
    if docs:
        tender["documents"] = docs
    planning: dict[str, Any] = {"rationale": p.description or p.title}
    if total:
        planning["budget"] = {"amount": _value(total, p.currency)}

    release: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{(p.updated_at or now).strftime('%Y%m%dT%H%M%S')}",
        "date": _date(p.updated_at or now),
        "tag": ["planning"] if p.status == Status.DRAFT else ["tender"],
        "initiationType": "tender",
        "language": "en",
        "buyer": _ref(lead.organisation),
        "planning": planning,
        "tender": tender,
    }

    # Bids: nothing before the deadline; statistics after it; details only once opened.
    stats = selectors.bid_statistics(procurement=p)
    if stats is not None and p.status != Status.DRAFT:
        lot_ids = {lot.pk: lot.ocds_id for lot in p.lots.all()}
        bids: dict[str, Any] = {
            "statistics": [
                {
                    "id": f"STAT-{lot_pk}",
                    "measure": "bids",
                    "value": n,
                    "relatedLot": lot_ids[lot_pk],
                    "date": _date(p.bid_deadline),
                }
                for lot_pk, n in stats.items()
            ]
        }
        awarded_lots = set(
            Award.objects.filter(lot__procurement=p).values_list("lot_id", flat=True)
        )
        if p.opened_at is not None and awarded_lots:
            # Bid details (tenderer, price) are published per lot once the lot is awarded.
            details = []
            tenderers: set[str] = set()
            for b in selectors.opened_bids(procurement=p).filter(lot_id__in=awarded_lots):
                detail: dict[str, Any] = {
                    "id": f"BID-{b.number}",
                    "date": _date(b.submitted_at),
                    "status": "valid" if b.status == BidStatus.OPENED else "disqualified",
                    "tenderers": [_ref(b.bidder)],
                    "relatedLots": [b.lot.ocds_id],
                }
                if b.status == BidStatus.OPENED:
                    detail["value"] = _value(
                        Decimal(selectors.opened_content(b)["amount"]), p.currency
                    )
                details.append(detail)
                tenderers.add(party_id(b.bidder))
                party = parties.setdefault(party_id(b.bidder), _party(b.bidder, []))
                if "tenderer" not in party["roles"]:
                    party["roles"].append("tenderer")
            bids["details"] = details
            tender["numberOfTenderers"] = len(tenderers)
            tender["tenderers"] = [
                {"id": pid, "name": parties[pid]["name"]} for pid in sorted(tenderers)
            ]
        release["bids"] = bids

    awards = []
    contracts = []
    for award in Award.objects.filter(lot__procurement=p).select_related("bid__bidder", "lot"):
        supplier = award.bid.bidder
        party = parties.setdefault(party_id(supplier), _party(supplier, []))
        if "supplier" not in party["roles"]:
            party["roles"].append("supplier")
        award_contracts = list(
            Contract.objects.filter(award=award).select_related("participant__organisation")
        )
        awards.append(
            {
                "id": f"AWARD-{award.pk}",
                "title": f"Award of {award.lot}",
                "status": "active" if now >= award.standstill_ends else "pending",
                "date": _date(award.awarded_at),
                "value": _value(award.value, p.currency),
                "suppliers": [_ref(supplier)],
                "relatedLots": [award.lot.ocds_id],
                "relatedBid": f"BID-{award.bid.number}",
                "buyers": [_ref(c.participant.organisation) for c in award_contracts],
                "contractPeriod": {"startDate": _date(award.standstill_ends)},
            }
        )
        for c in award_contracts:
            contract: dict[str, Any] = {
                "id": f"CONTRACT-{c.pk}",
                "awardID": f"AWARD-{award.pk}",
                "title": f"{award.lot.title} — {c.participant.city.name}",
                "status": "active" if c.signed_at else "pending",
                "buyer": _ref(c.participant.organisation),
                "value": _value(c.value, p.currency),
            }
            if c.signed_at:
                contract["dateSigned"] = _date(c.signed_at)
            contracts.append(contract)
    if awards:
        release["awards"] = awards
        release["tag"] = ["award"]
    if contracts:
        release["contracts"] = contracts
        release["tag"] = ["award", "contract"]
    release["parties"] = list(parties.values())
    return release


def build_package(procurements: Iterable[JointProcurement], *, uri: str = "") -> dict[str, Any]:
    now = clock.now()
    return {
        "uri": uri
        or f"https://urbanforum.example/procurement/ocds/{now.strftime('%Y%m%dT%H%M%S')}.json",
        "version": "1.1",
        "publishedDate": _date(now),
        "publisher": {"name": "urbanforum"},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "extensions": EXTENSIONS,
        "releases": [build_release(p) for p in procurements],
    }


# --- offline validation (standards.md recipe) -----------------------------------------------------------


def schema_folder() -> Path | None:
    return data_path("ocds")


def validation_errors(package: dict[str, Any]) -> list[str]:
    """Validate a release package against OCDS 1.1.5 + the six extensions, offline.

    Raises FileNotFoundError when the schema folder (reference data) is missing."""
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = schema_folder()
    if folder is None:
        raise FileNotFoundError("The OCDS schema folder (ocds/ in the reference data) is missing.")
    schema_dir = folder / "standard-1.1.5" / "schema"
    release = json.loads((schema_dir / "release-schema.json").read_text())
    # Each extension's release-schema.json is an RFC 7386 merge patch of the release schema.
    patches = [
        json.loads((folder / "extensions" / name / "release-schema.json").read_text())
        for name in EXTENSION_FOLDERS
    ]
    release = json_merge_patch.merge(release, *patches)
    package_schema = json.loads((schema_dir / "release-package-schema.json").read_text())
    registry: Registry = Registry().with_resources(
        [
            (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
            (
                package_schema["id"],
                Resource.from_contents(package_schema, default_specification=DRAFT4),
            ),
        ]
    )
    validator = Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in sorted(
            validator.iter_errors(package), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
