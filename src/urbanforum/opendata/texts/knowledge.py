"""Titles and descriptions: good practices, challenges and solutions (see opendata.texts)."""

from __future__ import annotations

DATASETS: dict[str, dict[str, tuple[str, str]]] = {
    "good-practices": {
        "en": (
            "Good practices",
            "What cities did, what it cost and what came of it: with what worked and what did "
            "not, KPIs and sources. Published practices only.",
        ),
        "fi": (
            "Hyvät käytännöt",
            "Mitä kaupungit tekivät, mitä se maksoi ja mitä siitä seurasi: mikä toimi ja mikä ei, "
            "mittarit (KPI) ja lähteet. Vain julkaistut käytännöt.",
        ),
        "et": (
            "Head tavad",
            "Mida linnad tegid, mis see maksis ja mis sellest tuli: mis toimis ja mis mitte, "
            "tulemusnäitajad (KPI) ja allikad. Ainult avaldatud tavad.",
        ),
        "sv": (
            "Goda exempel",
            "Vad städer gjorde, vad det kostade och vad det ledde till: vad som fungerade och vad "
            "som inte gjorde det, nyckeltal (KPI) och källor. Endast publicerade exempel.",
        ),
        "de": (
            "Gute Praxisbeispiele",
            "Was Städte getan haben, was es gekostet hat und was daraus wurde: was funktioniert "
            "hat und was nicht, Kennzahlen (KPI) und Quellen. Nur veröffentlichte Beispiele.",
        ),
        "pl": (
            "Dobre praktyki",
            "Co zrobiły miasta, ile to kosztowało i co z tego wynikło: co się sprawdziło, a co "
            "nie, kluczowe wskaźniki (KPI) i źródła. Tylko opublikowane praktyki.",
        ),
        "lv": (
            "Labā prakse",
            "Ko pilsētas paveica, cik tas maksāja un kāds bija rezultāts: kas izdevās un kas ne, "
            "galvenie darbības rādītāji (KPI) un avoti. Tikai publicētā prakse.",
        ),
        "lt": (
            "Gerosios praktikos",
            "Ką miestai padarė, kiek tai kainavo ir kas iš to išėjo: kas pavyko ir kas ne, "
            "pagrindiniai veiklos rodikliai (KPI) ir šaltiniai. Tik paskelbtos praktikos.",
        ),
        "da": (
            "Gode eksempler",
            "Hvad byer gjorde, hvad det kostede, og hvad det førte til: hvad der virkede, og hvad "
            "der ikke gjorde, nøgletal (KPI) og kilder. Kun offentliggjorte eksempler.",
        ),
        "nb": (
            "Gode eksempler",
            "Hva byer gjorde, hva det kostet, og hva det førte til: hva som virket og hva som "
            "ikke gjorde det, nøkkeltall (KPI) og kilder. Bare publiserte eksempler.",
        ),
    },
    "challenges": {
        "en": (
            "Public challenges",
            "Problems cities want to solve, with context, baseline, desired outcomes, constraints "
            "and budget. Only challenges their owners made public; drafts and members-only or "
            "private challenges are never included.",
        ),
        "fi": (
            "Julkiset haasteet",
            "Ongelmat, jotka kaupungit haluavat ratkaista, taustoineen, lähtötasoineen, "
            "tavoiteltuine tuloksineen, rajoitteineen ja budjetteineen. Vain omistajiensa "
            "julkisiksi asettamat haasteet; luonnoksia, vain jäsenille tarkoitettuja tai "
            "yksityisiä haasteita ei koskaan julkaista.",
        ),
        "et": (
            "Avalikud väljakutsed",
            "Probleemid, mida linnad soovivad lahendada, koos tausta, lähteolukorra, soovitud "
            "tulemuste, piirangute ja eelarvega. Ainult väljakutsed, mille omanikud on avalikuks "
            "teinud; mustandeid, ainult liikmetele mõeldud ega privaatseid väljakutseid ei "
            "avaldata kunagi.",
        ),
        "sv": (
            "Offentliga utmaningar",
            "Problem som städer vill lösa, med sammanhang, utgångsläge, önskade resultat, "
            "begränsningar och budget. Endast utmaningar som ägarna har gjort offentliga; utkast "
            "samt utmaningar endast för medlemmar eller privata ingår aldrig.",
        ),
        "de": (
            "Öffentliche Herausforderungen",
            "Probleme, die Städte lösen wollen, mit Kontext, Ausgangslage, angestrebten "
            "Ergebnissen, Einschränkungen und Budget. Nur Herausforderungen, die ihre Eigentümer "
            "öffentlich gemacht haben; Entwürfe sowie nur für Mitglieder sichtbare oder private "
            "Herausforderungen sind nie enthalten.",
        ),
        "pl": (
            "Publiczne wyzwania",
            "Problemy, które miasta chcą rozwiązać, wraz z kontekstem, stanem wyjściowym, "
            "oczekiwanymi rezultatami, ograniczeniami i budżetem. Tylko wyzwania upublicznione "
            "przez ich właścicieli; szkice oraz wyzwania tylko dla członków lub prywatne nigdy "
            "nie są publikowane.",
        ),
        "lv": (
            "Publiskie izaicinājumi",
            "Problēmas, kuras pilsētas vēlas atrisināt, ar kontekstu, sākotnējo situāciju, "
            "vēlamajiem rezultātiem, ierobežojumiem un budžetu. Tikai izaicinājumi, kurus to "
            "īpašnieki padarījuši publiskus; melnraksti, tikai dalībniekiem paredzēti vai privāti "
            "izaicinājumi netiek publicēti nekad.",
        ),
        "lt": (
            "Vieši iššūkiai",
            "Problemos, kurias miestai nori išspręsti, su kontekstu, pradine padėtimi, siekiamais "
            "rezultatais, apribojimais ir biudžetu. Tik iššūkiai, kuriuos jų savininkai paskelbė "
            "viešai; juodraščiai, tik nariams skirti ar privatūs iššūkiai niekada neskelbiami.",
        ),
        "da": (
            "Offentlige udfordringer",
            "Problemer, som byer vil løse, med kontekst, udgangspunkt, ønskede resultater, "
            "begrænsninger og budget. Kun udfordringer, som ejerne har gjort offentlige; kladder "
            "samt udfordringer kun for medlemmer eller private kommer aldrig med.",
        ),
        "nb": (
            "Offentlige utfordringer",
            "Problemer byer vil løse, med kontekst, utgangspunkt, ønskede resultater, "
            "begrensninger og budsjett. Bare utfordringer eierne har gjort offentlige; utkast og "
            "utfordringer bare for medlemmer eller private blir aldri med.",
        ),
    },
    "solutions": {
        "en": (
            "Solutions",
            "Public descriptions of solutions offered to cities: provider, description, maturity, "
            "technology readiness level, standards and languages. Published solutions only.",
        ),
        "fi": (
            "Ratkaisut",
            "Kaupungeille tarjottujen ratkaisujen julkiset kuvaukset: tarjoaja, kuvaus, kypsyys, "
            "teknologinen valmiustaso (TRL), standardit ja kielet. Vain julkaistut ratkaisut.",
        ),
        "et": (
            "Lahendused",
            "Linnadele pakutavate lahenduste avalikud kirjeldused: pakkuja, kirjeldus, küpsus, "
            "tehnoloogiline valmidustase (TRL), standardid ja keeled. Ainult avaldatud "
            "lahendused.",
        ),
        "sv": (
            "Lösningar",
            "Offentliga beskrivningar av lösningar som erbjuds städer: leverantör, beskrivning, "
            "mognad, teknisk mognadsnivå (TRL), standarder och språk. Endast publicerade "
            "lösningar.",
        ),
        "de": (
            "Lösungen",
            "Öffentliche Beschreibungen von Lösungen, die Städten angeboten werden: Anbieter, "
            "Beschreibung, Reife, Technologie-Reifegrad (TRL), Standards und Sprachen. Nur "
            "veröffentlichte Lösungen.",
        ),
        "pl": (
            "Rozwiązania",
            "Publiczne opisy rozwiązań oferowanych miastom: dostawca, opis, dojrzałość, poziom "
            "gotowości technologicznej (TRL), standardy i języki. Tylko opublikowane rozwiązania.",
        ),
        "lv": (
            "Risinājumi",
            "Pilsētām piedāvāto risinājumu publiskie apraksti: piegādātājs, apraksts, briedums, "
            "tehnoloģiju gatavības līmenis (TRL), standarti un valodas. Tikai publicētie "
            "risinājumi.",
        ),
        "lt": (
            "Sprendimai",
            "Miestams siūlomų sprendimų vieši aprašymai: tiekėjas, aprašymas, branda, "
            "technologinės parengties lygis (TRL), standartai ir kalbos. Tik paskelbti "
            "sprendimai.",
        ),
        "da": (
            "Løsninger",
            "Offentlige beskrivelser af løsninger, der tilbydes byer: leverandør, beskrivelse, "
            "modenhed, teknologisk modenhedsniveau (TRL), standarder og sprog. Kun "
            "offentliggjorte løsninger.",
        ),
        "nb": (
            "Løsninger",
            "Offentlige beskrivelser av løsninger som tilbys byer: leverandør, beskrivelse, "
            "modenhet, teknologisk modenhetsnivå (TRL), standarder og språk. Bare publiserte "
            "løsninger.",
        ),
    },
}
