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

DATASETS: dict[str, Texts] = {
    "cities": {
        "en": (
            "City registry",
            "Cities with their codes (Eurostat Urban Audit, NUTS 3), European region, population "
            "with its year and source, and coordinates.",
        ),
        "fi": (
            "Kaupunkirekisteri",
            "Kaupungit tunnuksineen (Eurostatin Urban Audit, NUTS 3), eurooppalainen alue, "
            "väkiluku vuosineen ja lähteineen sekä koordinaatit.",
        ),
        "et": (
            "Linnade register",
            "Linnad koos koodidega (Eurostati Urban Audit, NUTS 3), Euroopa piirkond, rahvaarv "
            "koos aasta ja allikaga ning koordinaadid.",
        ),
        "sv": (
            "Stadsregister",
            "Städer med koder (Eurostats Urban Audit, NUTS 3), europeisk region, folkmängd med år "
            "och källa samt koordinater.",
        ),
        "de": (
            "Städteverzeichnis",
            "Städte mit ihren Codes (Eurostat Urban Audit, NUTS 3), europäischer Region, "
            "Einwohnerzahl mit Jahr und Quelle sowie Koordinaten.",
        ),
        "pl": (
            "Rejestr miast",
            "Miasta wraz z kodami (Eurostat Urban Audit, NUTS 3), regionem Europy, liczbą "
            "ludności z rokiem i źródłem oraz współrzędnymi.",
        ),
        "lv": (
            "Pilsētu reģistrs",
            "Pilsētas ar to kodiem (Eurostat Urban Audit, NUTS 3), Eiropas reģionu, iedzīvotāju "
            "skaitu ar gadu un avotu, kā arī koordinātām.",
        ),
        "lt": (
            "Miestų registras",
            "Miestai su jų kodais (Eurostato Urban Audit, NUTS 3), Europos regionu, gyventojų "
            "skaičiumi su metais ir šaltiniu bei koordinatėmis.",
        ),
        "da": (
            "Byregister",
            "Byer med deres koder (Eurostats Urban Audit, NUTS 3), europæisk region, indbyggertal "
            "med år og kilde samt koordinater.",
        ),
        "nb": (
            "Byregister",
            "Byer med koder (Eurostats Urban Audit, NUTS 3), europeisk region, folketall med år "
            "og kilde samt koordinater.",
        ),
    },
    "indicator-observations": {
        "en": (
            "Indicator observations (Eurostat)",
            "City indicator values from Eurostat's urban statistics (perception survey, culture "
            "and tourism), with the source and its licence (CC BY 4.0) on every row. Values from "
            "sources that do not allow redistribution are left out.",
        ),
        "fi": (
            "Indikaattorihavainnot (Eurostat)",
            "Kaupunkien indikaattoriarvot Eurostatin kaupunkitilastoista (asukaskysely, kulttuuri "
            "ja matkailu); jokaisella rivillä lähde ja sen lisenssi (CC BY 4.0). Arvot lähteistä, "
            "jotka eivät salli edelleenjakelua, on jätetty pois.",
        ),
        "et": (
            "Indikaatorite vaatlused (Eurostat)",
            "Linnade indikaatorite väärtused Eurostati linnastatistikast (elanike küsitlus, "
            "kultuur ja turism), igal real allikas ja selle litsents (CC BY 4.0). Väärtused "
            "allikatest, mis edasilevitamist ei luba, on välja jäetud.",
        ),
        "sv": (
            "Indikatorobservationer (Eurostat)",
            "Indikatorvärden för städer från Eurostats stadsstatistik (invånarenkät, kultur och "
            "turism), med källa och licens (CC BY 4.0) på varje rad. Värden från källor som inte "
            "tillåter vidarespridning är utelämnade.",
        ),
        "de": (
            "Indikatorwerte (Eurostat)",
            "Indikatorwerte von Städten aus der Städtestatistik von Eurostat (Bürgerbefragung, "
            "Kultur und Tourismus), mit Quelle und Lizenz (CC BY 4.0) in jeder Zeile. Werte aus "
            "Quellen, die keine Weitergabe erlauben, sind nicht enthalten.",
        ),
        "pl": (
            "Obserwacje wskaźników (Eurostat)",
            "Wartości wskaźników dla miast ze statystyk miejskich Eurostatu (badanie opinii "
            "mieszkańców, kultura i turystyka), w każdym wierszu ze źródłem i jego licencją "
            "(CC BY 4.0). Wartości ze źródeł, które nie zezwalają na dalsze rozpowszechnianie, "
            "zostały pominięte.",
        ),
        "lv": (
            "Rādītāju novērojumi (Eurostat)",
            "Pilsētu rādītāju vērtības no Eurostat pilsētu statistikas (iedzīvotāju aptauja, "
            "kultūra un tūrisms), katrā rindā norādot avotu un tā licenci (CC BY 4.0). Vērtības "
            "no avotiem, kas neatļauj tālāku izplatīšanu, nav iekļautas.",
        ),
        "lt": (
            "Rodiklių stebėjimai (Eurostatas)",
            "Miestų rodiklių reikšmės iš Eurostato miestų statistikos (gyventojų apklausa, "
            "kultūra ir turizmas), kiekvienoje eilutėje nurodant šaltinį ir jo licenciją "
            "(CC BY 4.0). Reikšmės iš šaltinių, kurie neleidžia platinti toliau, neįtrauktos.",
        ),
        "da": (
            "Indikatorobservationer (Eurostat)",
            "Indikatorværdier for byer fra Eurostats bystatistik (borgerundersøgelse, kultur og "
            "turisme) med kilde og licens (CC BY 4.0) på hver række. Værdier fra kilder, der ikke "
            "tillader videreformidling, er udeladt.",
        ),
        "nb": (
            "Indikatorobservasjoner (Eurostat)",
            "Indikatorverdier for byer fra Eurostats bystatistikk (innbyggerundersøkelse, kultur "
            "og turisme), med kilde og lisens (CC BY 4.0) på hver rad. Verdier fra kilder som "
            "ikke tillater videreformidling, er utelatt.",
        ),
    },
    "benchmark-run": {
        "en": (
            "Benchmark {framework} {year}, run {run}",
            "Composite-index scores and ranks per city and characteristic ({peers}, {cities} "
            "cities), the rank intervals of the uncertainty analysis, and the framework "
            "(indicators, weights, method).",
        ),
        "fi": (
            "Vertailuanalyysi {framework} {year}, ajo {run}",
            "Yhdistelmäindeksin pisteet ja sijat kaupungeittain ja ominaisuuksittain ({peers}, "
            "{cities} kaupunkia), epävarmuusanalyysin sijavälit sekä viitekehys (indikaattorit, "
            "painot, menetelmä).",
        ),
        "et": (
            "Võrdlusanalüüs {framework} {year}, käivitus {run}",
            "Liitindeksi punktid ja kohad linnade ja tunnuste kaupa ({peers}, {cities} linna), "
            "määramatusanalüüsi kohavahemikud ning raamistik (indikaatorid, kaalud, meetod).",
        ),
        "sv": (
            "Jämförelse {framework} {year}, körning {run}",
            "Poäng och placeringar i det sammansatta indexet per stad och egenskap ({peers}, "
            "{cities} städer), placeringsintervallen från osäkerhetsanalysen samt ramverket "
            "(indikatorer, vikter, metod).",
        ),
        "de": (
            "Benchmark {framework} {year}, Lauf {run}",
            "Punktwerte und Ränge des zusammengesetzten Index je Stadt und Merkmal ({peers}, "
            "{cities} Städte), die Rangintervalle der Unsicherheitsanalyse und das Rahmenwerk "
            "(Indikatoren, Gewichte, Methode).",
        ),
        "pl": (
            "Analiza porównawcza {framework} {year}, przebieg {run}",
            "Wyniki i pozycje w indeksie złożonym dla każdego miasta i cechy ({peers}, liczba "
            "miast: {cities}), przedziały pozycji z analizy niepewności oraz ramy (wskaźniki, "
            "wagi, metoda).",
        ),
        "lv": (
            "Salīdzinošā novērtēšana {framework} {year}, izpilde {run}",
            "Saliktā indeksa punkti un vietas katrai pilsētai un raksturlielumam ({peers}, "
            "pilsētu skaits: {cities}), nenoteiktības analīzes vietu intervāli un ietvars "
            "(rādītāji, svari, metode).",
        ),
        "lt": (
            "Lyginamoji analizė {framework} {year}, vykdymas {run}",
            "Sudėtinio indekso balai ir vietos pagal miestą ir savybę ({peers}, miestų skaičius: "
            "{cities}), neapibrėžtumo analizės vietų intervalai ir sistema (rodikliai, svoriai, "
            "metodas).",
        ),
        "da": (
            "Benchmark {framework} {year}, kørsel {run}",
            "Point og placeringer i det sammensatte indeks pr. by og egenskab ({peers}, {cities} "
            "byer), placeringsintervallerne fra usikkerhedsanalysen samt rammeværket "
            "(indikatorer, vægte, metode).",
        ),
        "nb": (
            "Referansemåling {framework} {year}, kjøring {run}",
            "Poeng og plasseringer i den sammensatte indeksen per by og egenskap ({peers}, "
            "{cities} byer), plasseringsintervallene fra usikkerhetsanalysen og rammeverket "
            "(indikatorer, vekter, metode).",
        ),
    },
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


def texts(kind: str, **params: object) -> Texts:
    """The titles and descriptions of a dataset kind, its placeholders filled in."""
    return {
        lang: (title.format(**params), description.format(**params))
        for lang, (title, description) in DATASETS[kind].items()
    }
