"""Titles and descriptions: the city registry, indicator observations and benchmark runs (see opendata.texts)."""

from __future__ import annotations

DATASETS: dict[str, dict[str, tuple[str, str]]] = {
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
}
