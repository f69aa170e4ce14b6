"""Demo organisations and one account per role, for `urbanforum demo`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from urbanforum.accounts.demo import DEMO_PASSWORD
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.lookup import resolve_cities
from urbanforum.cities.models import City

__all__ = ["DEMO_PASSWORD", "load_demo_organisations_and_accounts"]


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    country: str
    domains: tuple[str, ...] = ()
    city_code: str = ""  # Eurostat code of the city it represents
    city_name: str = ""  # fallback when there is no Eurostat data
    description: str = ""


ORGANISATIONS = [
    DemoOrganisation(
        "City of Helsinki",
        OrganisationKind.CITY_ADMINISTRATION,
        "FI",
        ("hel.fi",),
        "FI001C",
        "Helsinki",
        "The administration of Finland's capital.",
    ),
    DemoOrganisation(
        "City of Espoo",
        OrganisationKind.CITY_ADMINISTRATION,
        "FI",
        ("espoo.fi",),
        "FI005C",
        "Espoo",
    ),
    DemoOrganisation(
        "City of Turku",
        OrganisationKind.CITY_ADMINISTRATION,
        "FI",
        ("turku.fi",),
        "FI003C",
        "Turku",
    ),
    DemoOrganisation(
        "Tallinn City Government",
        OrganisationKind.CITY_ADMINISTRATION,
        "EE",
        ("tallinnlv.ee",),
        "EE001C",
        "Tallinn",
        "The administration of Estonia's capital, European Green Capital 2023.",
    ),
    DemoOrganisation(
        "City of Tartu",
        OrganisationKind.CITY_ADMINISTRATION,
        "EE",
        ("tartu.ee",),
        "EE002C",
        "Tartu",
    ),
    DemoOrganisation(
        "Riga City Council",
        OrganisationKind.CITY_ADMINISTRATION,
        "LV",
        ("riga.lv",),
        "LV001C",
        "Riga",
    ),
    DemoOrganisation(
        "Vilnius City Municipality",
        OrganisationKind.CITY_ADMINISTRATION,
        "LT",
        ("vilnius.lt",),
        "LT001C",
        "Vilnius",
    ),
    DemoOrganisation(
        "City of Stockholm",
        OrganisationKind.CITY_ADMINISTRATION,
        "SE",
        ("stockholm.se",),
        "SE001C",
        "Stockholm",
    ),
    DemoOrganisation(
        "City of Gdańsk",
        OrganisationKind.CITY_ADMINISTRATION,
        "PL",
        ("gdansk.gda.pl",),
        "PL006C",
        "Gdańsk",
    ),
    DemoOrganisation(
        "Free and Hanseatic City of Hamburg",
        OrganisationKind.CITY_ADMINISTRATION,
        "DE",
        ("hamburg.de",),
        "DE002C",
        "Hamburg",
    ),
    DemoOrganisation(
        "Umeå Municipality",
        OrganisationKind.CITY_ADMINISTRATION,
        "SE",
        ("umea.se",),
        "SE009C",
        "Umeå",
    ),
    DemoOrganisation(
        "Baltic Urban Forum network (demo)",
        OrganisationKind.NETWORK,
        "",
        (),
        "",
        "",
        "The umbrella network whose coordinators run urbanforum (demo organisation).",
    ),
    DemoOrganisation(
        "FinEst Centre for Smart Cities",
        OrganisationKind.RESEARCH,
        "EE",
        (),
        "",
        "",
        "Research centre for Finnish–Estonian smart-city cooperation.",
    ),
    DemoOrganisation(
        "Nordic Snowline Oy (demo)",
        OrganisationKind.COMPANY,
        "FI",
        (),
        "",
        "",
        "A fictional solution provider used in the demo.",
    ),
    DemoOrganisation(
        "Green Streets Association (demo)",
        OrganisationKind.NGO,
        "EE",
        (),
        "",
        "",
        "A fictional NGO used in the demo.",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role_label: str
    organisation: str = ""
    role: str = ""
    coordinator: bool = False
    expert: bool = False
    staff: bool = False
    full_name: str = ""


ACCOUNTS = [
    DemoAccount(
        "coordinator@urbanforum.example",
        "coordinator (network staff)",
        "Baltic Urban Forum network (demo)",
        Role.ADMIN,
        coordinator=True,
        full_name="Cora Coordinator",
    ),
    DemoAccount(
        "admin@helsinki.example",
        "organisation admin (City of Helsinki)",
        "City of Helsinki",
        Role.ADMIN,
        full_name="Aino Admin",
    ),
    DemoAccount(
        "editor@helsinki.example",
        "organisation editor (City of Helsinki)",
        "City of Helsinki",
        Role.EDITOR,
        full_name="Eero Editor",
    ),
    DemoAccount(
        "member@helsinki.example",
        "organisation member (City of Helsinki)",
        "City of Helsinki",
        Role.MEMBER,
        full_name="Mikko Member",
    ),
    DemoAccount(
        "officer@tallinn.example",
        "city officer of another organisation (Tallinn, admin)",
        "Tallinn City Government",
        Role.ADMIN,
        full_name="Kadri Officer",
    ),
    DemoAccount(
        "expert@urbanforum.example",
        "expert",
        "FinEst Centre for Smart Cities",
        Role.MEMBER,
        expert=True,
        full_name="Erik Expert",
    ),
    DemoAccount(
        "provider@snowline.example",
        "solution provider (company admin)",
        "Nordic Snowline Oy (demo)",
        Role.ADMIN,
        full_name="Paula Provider",
    ),
    DemoAccount(
        "citizen@urbanforum.example", "citizen (no organisation)", full_name="Cecilia Citizen"
    ),
    DemoAccount(
        "superuser@urbanforum.example",
        "platform superuser (Django admin)",
        staff=True,
        full_name="Sam Superuser",
    ),
]


@transaction.atomic
def load_demo_organisations_and_accounts() -> list[DemoAccount]:
    for spec in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "country": spec.country,
                "email_domains": list(spec.domains),
                "description": spec.description,
            },
        )
        city = None
        if spec.city_code:
            city = City.objects.filter(eurostat_code=spec.city_code).first()
        if city is None and spec.city_name:
            # Any name the registry knows (cities.lookup); of namesakes, the most populous.
            match = resolve_cities([spec.city_name], country=spec.country).get(
                spec.city_name.strip()
            )
            pk = match and (match.pk or (match.candidates[0].pk if match.candidates else None))
            city = City.objects.filter(pk=pk).first() if pk else None
        if city is not None and city.administration_id != org.pk:
            City.objects.filter(pk=city.pk).update(administration=org)
    for acc in ACCOUNTS:
        user = User.objects.filter(email=acc.email).first()
        if user is None:
            user = User.objects.create_user(acc.email, DEMO_PASSWORD, full_name=acc.full_name)
        user.is_coordinator = acc.coordinator
        user.is_expert = acc.expert
        user.is_staff = user.is_superuser = acc.staff
        user.save()
        _verify_email(user)
        if acc.organisation:
            org = Organisation.objects.get(name=acc.organisation)
            Membership.objects.update_or_create(
                user=user,
                organisation=org,
                defaults={"role": acc.role, "verified_via": Membership.VerifiedVia.ADMIN},
            )
    return ACCOUNTS


def _verify_email(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
