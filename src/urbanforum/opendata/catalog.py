"""The DCAT-AP 3.0.1 catalogue of one generation of dumps, as an rdflib graph.

Built from a manifest (`opendata.datasets.manifest`) only, so it names exactly the files of that
generation with their sizes and checksums. Every controlled-vocabulary term it cites (EU data
themes, file types, licences, countries, media types) is typed in the graph itself (e.g. a theme is
a `skos:Concept` in the data-theme scheme), as DCAT-AP's range shapes require, so the catalogue
validates offline.
"""

from __future__ import annotations

from typing import Any

import pycountry
from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from urbanforum.opendata.datasets import FORMATS, LICENCES, OCDS_STANDARD, download_url
from urbanforum.opendata.texts import CATALOGUE, texts

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
THEMES = URIRef(EU + "data-theme")
FILE_TYPES = URIRef(EU + "file-type")
IANA = "https://www.iana.org/assignments/media-types/"
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
PUBLISHER_TYPES = URIRef("http://purl.org/adms/publishertype/1.0")


def publisher_name() -> str:
    return str(getattr(settings, "URBANFORUM_OPENDATA_PUBLISHER", "") or "urbanforum")


def contact_email() -> str:
    from email.utils import parseaddr

    configured = str(getattr(settings, "URBANFORUM_OPENDATA_CONTACT", "") or "")
    return configured or parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "opendata@localhost"


def _date(value: str) -> Literal:
    """An ISO date or datetime from the manifest as a typed literal."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def _iso3(code: str) -> str | None:
    from urbanforum.core.countries import EUROSTAT_TO_ISO

    country = pycountry.countries.get(alpha_2=EUROSTAT_TO_ISO.get(code, code))
    return None if country is None else str(country.alpha_3)


def _texts(g: Graph, node: URIRef, by_language: dict[str, tuple[str, str]]) -> None:
    for lang, (title, description) in by_language.items():
        g.add((node, DCTERMS.title, Literal(title, lang=lang)))
        g.add((node, DCTERMS.description, Literal(description, lang=lang)))


def build(described: dict[str, Any], *, site: str) -> Graph:
    site = site.rstrip("/")
    g = Graph()
    for prefix, ns in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "spdx": SPDX,
        "skos": SKOS,
        "adms": ADMS,
    }.items():
        g.bind(prefix, ns)

    catalogue = URIRef(f"{site}/opendata/catalog")
    g.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(g, catalogue, CATALOGUE)
    g.add((catalogue, FOAF.homepage, _document(g, f"{site}/")))

    publisher = URIRef(f"{site}/#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(publisher_name(), lang="en")))
    g.add((publisher, DCTERMS.type, PUBLISHER_TYPE))
    g.add((PUBLISHER_TYPE, RDF.type, SKOS.Concept))
    g.add((PUBLISHER_TYPE, SKOS.inScheme, PUBLISHER_TYPES))
    g.add((PUBLISHER_TYPE, SKOS.prefLabel, Literal("Non-Profit Organisation", lang="en")))
    g.add((PUBLISHER_TYPES, RDF.type, SKOS.ConceptScheme))
    g.add((PUBLISHER_TYPES, DCTERMS.title, Literal("Publisher type", lang="en")))
    g.add((catalogue, DCTERMS.publisher, publisher))

    contact = URIRef(f"{site}/opendata/#contact")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, VCARD.fn, Literal(publisher_name())))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email()}")))

    g.add((THEMES, RDF.type, SKOS.ConceptScheme))
    g.add((THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
    g.add((catalogue, DCAT.themeTaxonomy, THEMES))
    g.add((FILE_TYPES, RDF.type, SKOS.ConceptScheme))
    g.add((FILE_TYPES, DCTERMS.title, Literal("File type", lang="en")))
    for lang in ("ENG", "FIN", "EST", "SWE", "DEU", "POL", "LAV", "LIT", "DAN", "NOB"):
        language = URIRef(f"{EU}language/{lang}")
        g.add((catalogue, DCTERMS.language, language))
        g.add((language, RDF.type, DCTERMS.LinguisticSystem))

    modified = [d["modified"] for d in described["datasets"] if d.get("modified")]
    if modified:
        g.add((catalogue, DCTERMS.modified, _date(max(modified))))
    issued = [d["issued"] for d in described["datasets"] if d.get("issued")]
    if issued:
        g.add((catalogue, DCTERMS.issued, _date(min(issued))))

    for d in described["datasets"]:
        dataset = _dataset(g, d, site=site, publisher=publisher, contact=contact)
        g.add((catalogue, DCAT.dataset, dataset))
    return g


def _document(g: Graph, url: str) -> URIRef:
    page = URIRef(url)
    g.add((page, RDF.type, FOAF.Document))
    return page


def _dataset(
    g: Graph, d: dict[str, Any], *, site: str, publisher: URIRef, contact: URIRef
) -> URIRef:
    slug = d["slug"]
    dataset = URIRef(f"{site}/opendata/datasets/{slug}")  # resolves (opendata:dataset)
    g.add((dataset, RDF.type, DCAT.Dataset))
    _texts(g, dataset, texts(d["kind"], **d["params"]))
    g.add((dataset, DCTERMS.identifier, Literal(slug)))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCAT.landingPage, _document(g, f"{site}/opendata/#{slug}")))
    for theme_code in d["themes"]:
        theme = URIRef(f"{EU}data-theme/{theme_code}")
        g.add((dataset, DCAT.theme, theme))
        g.add((theme, RDF.type, SKOS.Concept))
        g.add((theme, SKOS.inScheme, THEMES))
        g.add((theme, SKOS.prefLabel, Literal(theme_code, lang="en")))
    for keyword in d["keywords"]:
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    for code in d["countries"]:
        iso3 = _iso3(code)
        if iso3:
            place = URIRef(f"{EU}country/{iso3}")
            g.add((dataset, DCTERMS.spatial, place))
            g.add((place, RDF.type, DCTERMS.Location))
    if d.get("start") or d.get("end"):
        period = BNode(f"period-{slug}")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if d.get("start"):
            g.add((period, DCAT.startDate, _date(d["start"])))
        if d.get("end"):
            g.add((period, DCAT.endDate, _date(d["end"])))
    if d.get("issued"):
        g.add((dataset, DCTERMS.issued, _date(d["issued"])))
    if d.get("modified"):
        g.add((dataset, DCTERMS.modified, _date(d["modified"])))
    _, licence_iri = LICENCES[d["licence"]]
    licence = URIRef(licence_iri)
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    if d.get("attribution"):
        # Attribution the licence asks for, as a rights statement (dct:source names datasets).
        rights = URIRef(f"{site}/opendata/datasets/{slug}#rights")
        g.add((dataset, DCTERMS.rights, rights))
        g.add((rights, RDF.type, DCTERMS.RightsStatement))
        g.add((rights, RDFS.label, Literal(d["attribution"], lang="en")))
    for dist in d["distributions"]:
        g.add(
            (
                dataset,
                DCAT.distribution,
                _distribution(g, dist, site=site, slug=slug, licence=licence),
            )
        )
    return dataset


def _distribution(
    g: Graph, dist: dict[str, Any], *, site: str, slug: str, licence: URIRef
) -> URIRef:
    name = dist["name"]
    node = URIRef(f"{site}/opendata/datasets/{slug}/{name}")
    url = URIRef(download_url(site, name))
    file_type, media_type, _ = FORMATS[dist["format"]]
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(name)))
    g.add((node, DCAT.accessURL, url))
    g.add((node, DCAT.downloadURL, url))
    g.add((node, DCTERMS.license, licence))
    mt = URIRef(IANA + media_type)
    g.add((node, DCAT.mediaType, mt))
    g.add((mt, RDF.type, DCTERMS.MediaType))
    if file_type:
        fmt = URIRef(f"{EU}file-type/{file_type}")
        g.add((node, DCTERMS["format"], fmt))
        g.add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
    g.add((node, DCAT.byteSize, Literal(dist["size"], datatype=XSD.nonNegativeInteger)))
    checksum = BNode(f"checksum-{name}")
    g.add((node, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((checksum, SPDX.checksumValue, Literal(dist["sha256"], datatype=XSD.hexBinary)))
    if dist.get("schema"):
        schema = URIRef(download_url(site, dist["schema"]))
        g.add((node, DCTERMS.conformsTo, schema))
        g.add((schema, RDF.type, DCTERMS.Standard))
        g.add((node, FOAF.page, _document(g, f"{site}/opendata/#{slug}-columns")))
    if dist["format"] == "OCDS":
        standard = URIRef(OCDS_STANDARD)
        g.add((node, DCTERMS.conformsTo, standard))
        g.add((standard, RDF.type, DCTERMS.Standard))
    return node


def serialise(g: Graph, *, fmt: str) -> bytes:
    """Turtle ("turtle") or JSON-LD ("json-ld") bytes."""
    data = g.serialize(format=fmt, encoding="utf-8")
    return data if isinstance(data, bytes) else str(data).encode("utf-8")
