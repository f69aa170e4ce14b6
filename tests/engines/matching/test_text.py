"""Tokenising, stop words, stemming per language, phrase reasons."""

import pytest

from urbanforum.engines.matching.text import analyze, guess_language, phrases, stemmer_for, terms


@pytest.mark.parametrize(
    ("language", "words", "stem"),
    [
        ("en", "cycle cycling", "cycl"),
        ("fi", "kirjasto kirjastossa kirjastot kirjastojen", "kirjasto"),
        ("et", "raamatukogu raamatukogus raamatukogud", "raamatukogu"),
        ("sv", "cykelbanor cykelbanorna cykelbana", "cykelban"),
        ("de", "Radwege Radweg Radwegen", "radweg"),
        ("pl", "transport transportu transportem", "transport"),
        ("lv", "pilsēta pilsētas pilsētā pilsētām", "pilsēt"),
        ("lt", "miestas miesto miestų", "miest"),
        ("da", "cykelstier cykelstien", "cykelsti"),
        ("nb", "sykkelveier sykkelveien", "sykkelvei"),
        ("no", "sykkelveier sykkelveien", "sykkelvei"),
    ],
)
def test_inflected_forms_share_one_stem(language: str, words: str, stem: str) -> None:
    assert set(terms(words, language)) == {stem}


def test_stop_words_and_short_tokens_are_dropped_and_text_lower_cased() -> None:
    assert terms("The snow and a CO2 plan of 2024 in 5 x", "en") == ["snow", "co2", "plan", "2024"]
    assert terms("Lumen auraus ja katujen kunnossapito", "fi") == terms(
        "lumen auraus katujen kunnossapito", "fi"
    )


def test_unknown_language_lower_cases_only_and_none_means_english() -> None:
    assert terms("Foo Bars", "xx") == ["foo", "bars"]
    assert terms("streets", None) == terms("streets", "en") == ["street"]
    assert stemmer_for("xx")("Bars") == "Bars"


def test_token_spans_point_at_the_surface_words() -> None:
    text = "Snow clearing of streets"
    assert [(t.term, text[t.start : t.end]) for t in analyze(text, "en")] == [
        ("snow", "Snow"),
        ("clear", "clearing"),
        ("street", "streets"),
    ]


def test_phrases_group_neighbouring_matched_tokens_keeping_inner_stop_words() -> None:
    text = "snow clearing of streets and green roofs, snow"
    toks = analyze(text, "en")
    assert phrases(text, toks, ["snow", "clear", "street", "roof"]) == [
        "snow clearing of streets",
        "roofs",
        "snow",
    ]
    assert phrases(text, toks, ["snow"]) == ["snow"]  # duplicates collapse
    assert phrases(text, toks, []) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schneeräumung auf Straßen", "de"),
        ("odśnieżanie ulic", "pl"),
        ("snöröjning av gator", "sv"),
        ("lumetõrje tänavatel", "et"),
        ("katujen talvikunnossapito ja lumen auraus", "fi"),
        ("bezmaksas sabiedriskais transports iedzīvotājiem", "lv"),
        ("dviračių takų priežiūra žiemą", "lt"),
        ("free public transport for residents", "en"),  # "for" is also Danish: ties go to en
        ("snow clearing", None),  # no evidence at all
        ("lumen auraus kaduilla", None),
    ],
)
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected
