"""The inputs of the accounts actions, each declared once (core.schemas): the form and its API
twin validate through the same class, and the service takes the validated object."""

from __future__ import annotations

from typing import Annotated

from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, field_validator

from urbanforum.accounts.models import OrganisationKind, Role
from urbanforum.core.countries import is_country_code
from urbanforum.core.i18n import is_time_zone
from urbanforum.core.schemas import Input


def clean_domains(domains: list[str] | str | None) -> list[str]:
    """E-mail domains from a list or a text separated by commas or spaces: lower case, without
    a leading @, sorted and unique. A value that is not a domain is refused, naming it."""
    if domains is None:
        return []
    if isinstance(domains, str):
        domains = domains.replace(",", " ").split()
    if not isinstance(domains, list | tuple):
        raise ValueError(_("Give the e-mail domains as a list or a text."))
    cleaned = []
    for domain in domains:
        if not isinstance(domain, str):
            raise ValueError(_("Each e-mail domain is a text such as hel.fi."))
        domain = domain.strip().lower().lstrip("@")
        if not domain:
            continue
        if "." not in domain or " " in domain or "@" in domain:
            raise ValueError(
                _("'%(domain)s' is not an e-mail domain such as hel.fi.") % {"domain": domain}
            )
        cleaned.append(domain)
    return sorted(set(cleaned))


def clean_country(country: str | None) -> str:
    """An ISO 3166-1 alpha-2 code in upper case, or "" for none."""
    code = (country or "").upper().strip()
    if code and not is_country_code(code):
        raise ValueError(
            _("'%(code)s' is not an ISO 3166-1 alpha-2 country code.") % {"code": code}
        )
    return code


# A country code and a list of e-mail domains, each validated the same way wherever they appear.
Country = Annotated[str, AfterValidator(clean_country)]
Domains = Annotated[list[str], BeforeValidator(clean_domains)]


class OrganisationInput(Input):
    """Register an organisation (its creator becomes its first admin)."""

    name: str
    kind: OrganisationKind
    country: Country = ""
    website: str = ""
    description: str = ""
    email_domains: Domains = []


class OrganisationChanges(Input):
    """Change an organisation: only the fields given are changed (PATCH)."""

    name: str | None = None
    kind: OrganisationKind | None = None
    # An explicit null clears the country and the domains.
    country: Annotated[str | None, AfterValidator(clean_country)] = None
    website: str | None = None
    description: str | None = None
    email_domains: Annotated[list[str] | None, BeforeValidator(clean_domains)] = None


class InvitationInput(Input):
    """Invite someone by e-mail address into an organisation, with a role."""

    email: str
    role: Role = Role.MEMBER


class ProfileInput(Input):
    """A person's own profile."""

    full_name: str
    job_title: str = ""
    preferred_language: str = "en"
    # An IANA name such as Europe/Tallinn; "" is the site's time zone.
    time_zone: str = ""

    @field_validator("preferred_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in dict(settings.LANGUAGES):
            raise ValueError(_("'%(value)s' is not a supported language.") % {"value": value})
        return value

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        if value and not is_time_zone(value):
            raise ValueError(
                _("'%(value)s' is not a time zone such as Europe/Tallinn.") % {"value": value}
            )
        return value


class TokenInput(Input):
    """A personal API token (its key is shown once)."""

    name: str


class AccountDeletion(Input):
    """Deleting one's account is confirmed with the password (never stripped: spaces count)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    password: str = Field(min_length=1, max_length=4096)
