"""Titles and descriptions of the catalogue and its datasets in the site's ten languages.

A DCAT catalogue states every language at once (one literal per language tag), so these texts are
kept here as data rather than in the gettext catalogues, which give one language at a time. The
/opendata/ page shows the visitor's language from the same table. Placeholders in braces are filled
in per dataset (a benchmark run's framework, year, peer group and number of cities).
"""

from __future__ import annotations

LANGUAGES = ("en", "fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb")

Texts = dict[str, tuple[str, str]]  # language → (title, description)

CATALOGUE: Texts = {
    "en": (
        "urbanforum open data",
        "The public knowledge of urbanforum, where Baltic Sea cities learn from each other: the "
        "city registry, indicator data, benchmark results, good practices, challenges, solutions, "
        "joint procurements, pilots and events.",
    ),
    "fi": (
        "urbanforumin avoin data",
        "urbanforumin julkinen tietämys – alusta, jolla Itämeren alueen kaupungit oppivat "
        "toisiltaan: kaupunkirekisteri, indikaattoritiedot, vertailuanalyysien tulokset, hyvät "
        "käytännöt, haasteet, ratkaisut, yhteishankinnat, pilotit ja tapahtumat.",
    ),
    "et": (
        "urbanforumi avaandmed",
        "urbanforumi avalik teadmus – platvorm, kus Läänemere piirkonna linnad üksteiselt "
        "õpivad: linnade register, indikaatorite andmed, võrdlusanalüüsi tulemused, head tavad, "
        "väljakutsed, lahendused, ühishanked, pilootprojektid ja sündmused.",
    ),
    "sv": (
        "Öppna data från urbanforum",
        "Den offentliga kunskapen i urbanforum, där städer runt Östersjön lär av varandra: "
        "stadsregistret, indikatordata, resultat från jämförelser, goda exempel, utmaningar, "
        "lösningar, samordnade upphandlingar, pilotprojekt och evenemang.",
    ),
    "de": (
        "Offene Daten von urbanforum",
        "Das öffentliche Wissen von urbanforum, wo Städte im Ostseeraum voneinander lernen: das "
        "Städteverzeichnis, Indikatordaten, Benchmark-Ergebnisse, gute Praxisbeispiele, "
        "Herausforderungen, Lösungen, gemeinsame Beschaffungen, Pilotprojekte und "
        "Veranstaltungen.",
    ),
    "pl": (
        "Otwarte dane urbanforum",
        "Publiczna wiedza platformy urbanforum, na której miasta regionu Morza Bałtyckiego uczą "
        "się od siebie nawzajem: rejestr miast, dane wskaźnikowe, wyniki analiz porównawczych, "
        "dobre praktyki, wyzwania, rozwiązania, wspólne zamówienia, pilotaże i wydarzenia.",
    ),
    "lv": (
        "urbanforum atvērtie dati",
        "urbanforum publiskās zināšanas – platforma, kurā Baltijas jūras reģiona pilsētas mācās "
        "cita no citas: pilsētu reģistrs, rādītāju dati, salīdzinošās novērtēšanas rezultāti, "
        "labā prakse, izaicinājumi, risinājumi, kopīgie iepirkumi, izmēģinājumprojekti un "
        "pasākumi.",
    ),
    "lt": (
        "urbanforum atvirieji duomenys",
        "urbanforum viešosios žinios – platforma, kurioje Baltijos jūros regiono miestai mokosi "
        "vieni iš kitų: miestų registras, rodiklių duomenys, lyginamosios analizės rezultatai, "
        "gerosios praktikos, iššūkiai, sprendimai, bendri pirkimai, bandomieji projektai ir "
        "renginiai.",
    ),
    "da": (
        "Åbne data fra urbanforum",
        "Den offentlige viden i urbanforum, hvor byer omkring Østersøen lærer af hinanden: "
        "byregistret, indikatordata, benchmarkresultater, gode eksempler, udfordringer, "
        "løsninger, fælles indkøb, pilotprojekter og arrangementer.",
    ),
    "nb": (
        "Åpne data fra urbanforum",
        "Den offentlige kunnskapen i urbanforum, der byer rundt Østersjøen lærer av hverandre: "
        "byregisteret, indikatordata, referansemålinger, gode eksempler, utfordringer, "
        "løsninger, felles anskaffelser, pilotprosjekter og arrangementer.",
    ),
}


def _datasets() -> dict[str, Texts]:
    from urbanforum.opendata.texts import action, knowledge, registry

    return {**registry.DATASETS, **knowledge.DATASETS, **action.DATASETS}


def texts(kind: str, **params: object) -> Texts:
    """The titles and descriptions of a dataset kind, its placeholders filled in. A placeholder
    given as {language: text} (a peer group's name) is filled in each language's own words."""

    def filled(lang: str) -> dict[str, object]:
        return {
            k: (v.get(lang) or v.get("en", "")) if isinstance(v, dict) else v
            for k, v in params.items()
        }

    return {
        lang: (title.format(**filled(lang)), description.format(**filled(lang)))
        for lang, (title, description) in _datasets()[kind].items()
    }
