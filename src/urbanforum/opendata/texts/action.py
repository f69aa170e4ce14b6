"""Titles and descriptions: joint procurements, pilots and events (see opendata.texts)."""

from __future__ import annotations

DATASETS: dict[str, dict[str, tuple[str, str]]] = {
    "joint-procurements": {
        "en": (
            "Joint procurements (OCDS)",
            "Procurements that cities run together, as an Open Contracting Data Standard 1.1 "
            "release package: buyers, lots, demand, criteria, awards and contracts. Drafts and "
            "the content of bids are never published.",
        ),
        "fi": (
            "Yhteishankinnat (OCDS)",
            "Kaupunkien yhdessä toteuttamat hankinnat Open Contracting Data Standard 1.1 "
            "-julkaisupakettina: hankkijat, osat, tarve, kriteerit, hankintapäätökset ja "
            "sopimukset. Luonnoksia ja tarjousten sisältöä ei koskaan julkaista.",
        ),
        "et": (
            "Ühishanked (OCDS)",
            "Hanked, mida linnad korraldavad ühiselt, Open Contracting Data Standard 1.1 "
            "väljalaskepaketina: hankijad, osad, vajadus, kriteeriumid, hankelepingu sõlmimise "
            "otsused ja lepingud. Mustandeid ega pakkumuste sisu ei avaldata kunagi.",
        ),
        "sv": (
            "Samordnade upphandlingar (OCDS)",
            "Upphandlingar som städer genomför tillsammans, som ett releasepaket enligt Open "
            "Contracting Data Standard 1.1: köpare, delområden, behov, kriterier, tilldelningar "
            "och kontrakt. Utkast och anbudens innehåll publiceras aldrig.",
        ),
        "de": (
            "Gemeinsame Beschaffungen (OCDS)",
            "Beschaffungen, die Städte gemeinsam durchführen, als Release-Paket nach dem Open "
            "Contracting Data Standard 1.1: Auftraggeber, Lose, Bedarf, Kriterien, Zuschläge und "
            "Verträge. Entwürfe und der Inhalt von Angeboten werden nie veröffentlicht.",
        ),
        "pl": (
            "Wspólne zamówienia (OCDS)",
            "Zamówienia prowadzone wspólnie przez miasta jako pakiet wydań zgodny z Open "
            "Contracting Data Standard 1.1: zamawiający, części, zapotrzebowanie, kryteria, "
            "udzielenia zamówień i umowy. Szkice i treść ofert nigdy nie są publikowane.",
        ),
        "lv": (
            "Kopīgie iepirkumi (OCDS)",
            "Iepirkumi, kurus pilsētas veic kopīgi, kā Open Contracting Data Standard 1.1 "
            "laidienu pakete: pasūtītāji, daļas, pieprasījums, kritēriji, līgumslēgšanas tiesību "
            "piešķiršana un līgumi. Melnraksti un piedāvājumu saturs netiek publicēti nekad.",
        ),
        "lt": (
            "Bendri pirkimai (OCDS)",
            "Pirkimai, kuriuos miestai vykdo kartu, kaip Open Contracting Data Standard 1.1 "
            "leidinių paketas: perkančiosios organizacijos, pirkimo dalys, poreikis, kriterijai, "
            "sutarčių skyrimas ir sutartys. Juodraščiai ir pasiūlymų turinys niekada "
            "neskelbiami.",
        ),
        "da": (
            "Fælles indkøb (OCDS)",
            "Indkøb, som byer gennemfører sammen, som en udgivelsespakke efter Open Contracting "
            "Data Standard 1.1: ordregivere, delaftaler, behov, kriterier, tildelinger og "
            "kontrakter. Kladder og tilbuddenes indhold offentliggøres aldrig.",
        ),
        "nb": (
            "Felles anskaffelser (OCDS)",
            "Anskaffelser byer gjennomfører sammen, som en utgivelsespakke etter Open Contracting "
            "Data Standard 1.1: oppdragsgivere, delkontrakter, behov, kriterier, tildelinger og "
            "kontrakter. Utkast og innholdet i tilbud blir aldri publisert.",
        ),
    },
    "pilots": {
        "en": (
            "Pilots: KPIs and measured impact",
            "Pilots cities run, with their KPIs (baseline, target, measurements, progress) and "
            "the measured impact: return on investment, payback and carbon handprint.",
        ),
        "fi": (
            "Pilotit: mittarit ja mitattu vaikutus",
            "Kaupunkien pilotit mittareineen (lähtötaso, tavoite, mittaukset, edistyminen) ja "
            "mitattu vaikutus: sijoitetun pääoman tuotto, takaisinmaksuaika ja hiilikädenjälki.",
        ),
        "et": (
            "Pilootprojektid: tulemusnäitajad ja mõõdetud mõju",
            "Linnade pilootprojektid koos tulemusnäitajatega (lähtetase, siht, mõõtmised, "
            "edenemine) ja mõõdetud mõjuga: investeeringutasuvus, tasuvusaeg ja süsiniku "
            "kädejälg.",
        ),
        "sv": (
            "Pilotprojekt: nyckeltal och uppmätt effekt",
            "Städers pilotprojekt med nyckeltal (utgångsvärde, mål, mätningar, framsteg) och "
            "uppmätt effekt: avkastning på investeringen, återbetalningstid och "
            "klimathandavtryck.",
        ),
        "de": (
            "Pilotprojekte: Kennzahlen und gemessene Wirkung",
            "Pilotprojekte von Städten mit ihren Kennzahlen (Ausgangswert, Ziel, Messungen, "
            "Fortschritt) und der gemessenen Wirkung: Kapitalrendite, Amortisationszeit und "
            "CO2-Handabdruck.",
        ),
        "pl": (
            "Pilotaże: wskaźniki KPI i zmierzony wpływ",
            "Pilotaże prowadzone przez miasta wraz z kluczowymi wskaźnikami (wartość bazowa, cel, "
            "pomiary, postęp) i zmierzonym wpływem: zwrot z inwestycji, okres zwrotu i "
            "pozytywny wpływ klimatyczny (carbon handprint).",
        ),
        "lv": (
            "Izmēģinājumprojekti: KPI un izmērītā ietekme",
            "Pilsētu izmēģinājumprojekti ar to galvenajiem darbības rādītājiem (sākotnējā "
            "vērtība, mērķis, mērījumi, progress) un izmērīto ietekmi: ieguldījumu atdeve, "
            "atmaksāšanās laiks un oglekļa rokas nospiedums (carbon handprint).",
        ),
        "lt": (
            "Bandomieji projektai: KPI ir išmatuotas poveikis",
            "Miestų bandomieji projektai su pagrindiniais veiklos rodikliais (pradinė reikšmė, "
            "tikslas, matavimai, pažanga) ir išmatuotu poveikiu: investicijų grąža, atsipirkimo "
            "laikas ir teigiamas poveikis klimatui (carbon handprint).",
        ),
        "da": (
            "Pilotprojekter: nøgletal og målt effekt",
            "Byers pilotprojekter med nøgletal (udgangsværdi, mål, målinger, fremskridt) og den "
            "målte effekt: investeringsafkast, tilbagebetalingstid og klimahåndaftryk.",
        ),
        "nb": (
            "Pilotprosjekter: nøkkeltall og målt effekt",
            "Byers pilotprosjekter med nøkkeltall (utgangsverdi, mål, målinger, fremdrift) og "
            "målt effekt: avkastning på investeringen, nedbetalingstid og karbonhåndavtrykk.",
        ),
    },
    "events": {
        "en": (
            "Events",
            "Public events of the network (forum days, workshops, study visits, webinars) as an "
            "iCalendar feed. Events of private working groups or processes are never included.",
        ),
        "fi": (
            "Tapahtumat",
            "Verkoston julkiset tapahtumat (foorumipäivät, työpajat, opintovierailut, webinaarit) "
            "iCalendar-syötteenä. Yksityisten työryhmien tai prosessien tapahtumia ei koskaan "
            "julkaista.",
        ),
        "et": (
            "Sündmused",
            "Võrgustiku avalikud sündmused (foorumipäevad, töötoad, õppevisiidid, "
            "veebiseminarid) iCalendari voona. Privaatsete töörühmade või protsesside sündmusi ei "
            "avaldata kunagi.",
        ),
        "sv": (
            "Evenemang",
            "Nätverkets offentliga evenemang (forumdagar, workshoppar, studiebesök, webbinarier) "
            "som ett iCalendar-flöde. Evenemang i privata arbetsgrupper eller processer ingår "
            "aldrig.",
        ),
        "de": (
            "Veranstaltungen",
            "Öffentliche Veranstaltungen des Netzwerks (Forumstage, Workshops, Studienbesuche, "
            "Webinare) als iCalendar-Feed. Veranstaltungen privater Arbeitsgruppen oder Prozesse "
            "sind nie enthalten.",
        ),
        "pl": (
            "Wydarzenia",
            "Publiczne wydarzenia sieci (dni forum, warsztaty, wizyty studyjne, webinaria) jako "
            "kanał iCalendar. Wydarzenia prywatnych grup roboczych lub procesów nigdy nie są "
            "publikowane.",
        ),
        "lv": (
            "Pasākumi",
            "Tīkla publiskie pasākumi (foruma dienas, darbnīcas, pieredzes apmaiņas vizītes, "
            "vebināri) kā iCalendar plūsma. Privātu darba grupu vai procesu pasākumi netiek "
            "publicēti nekad.",
        ),
        "lt": (
            "Renginiai",
            "Viešieji tinklo renginiai (forumo dienos, dirbtuvės, mokomieji vizitai, internetiniai "
            "seminarai) kaip iCalendar srautas. Privačių darbo grupių ar procesų renginiai "
            "niekada neskelbiami.",
        ),
        "da": (
            "Arrangementer",
            "Netværkets offentlige arrangementer (forumdage, workshops, studiebesøg, webinarer) "
            "som et iCalendar-feed. Arrangementer i private arbejdsgrupper eller processer kommer "
            "aldrig med.",
        ),
        "nb": (
            "Arrangementer",
            "Nettverkets offentlige arrangementer (forumdager, verksteder, studiebesøk, "
            "webinarer) som en iCalendar-strøm. Arrangementer i private arbeidsgrupper eller "
            "prosesser blir aldri med.",
        ),
    },
}
