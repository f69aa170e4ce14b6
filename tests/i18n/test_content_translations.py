"""Issue 10, point 5: content in several languages.

Done when: a practice with an Estonian translation shows it to an Estonian reader and the English
original to an English one (with a clear switch to the original); the search finds it in both
languages. And the rules: a translation is never in the original's language, only the kind's
parts are translated, a machine translation never replaces a person's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import api
from tests.practices.kb import KB
from urbanforum.accounts.models import User
from urbanforum.core.models import ContentTranslation, TranslationOrigin
from urbanforum.core.translations import registry, selectors, services
from urbanforum.core.translations.schemas import TranslationInput
from urbanforum.matching import index

ET_TITLE = "Talvine jalgrattasõit: jalgrattateede lumetõrje esimesena"
ET_SUMMARY = (
    "Jalgrattateed puhastatakse lumest enne autoteid, nii et inimesed sõidavad terve talve."
)
ET_BODY = "Tallinnas ja Helsingis koristatakse jalgrattateed kõigepealt."


def _estonian(kb: KB) -> ContentTranslation:
    return services.translation_save(
        actor=kb.world.users["editor"],
        kind=registry.get("practice"),
        obj=kb.practice,
        data=TranslationInput(language="et", title=ET_TITLE, summary=ET_SUMMARY, body=ET_BODY),
    )


def test_an_editor_translates_through_the_form(kb: KB) -> None:
    client = kb.world.client("editor")
    url = f"/translations/practice/{kb.practice.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"language": "et", "title": ET_TITLE, "summary": ET_SUMMARY, "body": ET_BODY}
    )
    assert response.status_code == 302
    row = ContentTranslation.objects.get(kind="practice", object_id=kb.practice.pk)
    assert (row.language, row.title, row.origin) == ("et", ET_TITLE, TranslationOrigin.HUMAN)
    assert row.translated_by == kb.world.users["editor"]
    # the original's language is not offered, and refused when sent
    offered = dict(client.get(url).context["form"].fields["language"].choices)
    assert "en" not in offered and "et" in offered
    refused = client.post(url, {"language": "en", "title": "Same"})
    assert refused.status_code == 200 and "language" in refused.context["form"].errors
    assert ContentTranslation.objects.count() == 1


def test_the_estonian_reader_sees_the_translation_the_english_reader_the_original(
    kb: KB,
) -> None:
    _estonian(kb)
    path = f"/practices/{kb.practice.slug}/"
    estonian: User = kb.world.users["member"]
    estonian.preferred_language = "et"
    estonian.save()

    in_estonian = kb.world.client("member").get(path).content.decode()
    assert f"<h1>{ET_TITLE}</h1>" in in_estonian
    assert ET_SUMMARY in in_estonian
    assert '<article lang="et">' in in_estonian
    # the clear switch to the original, named in the reader's language (Django's et names)
    assert f'href="{path}?original=1"' in in_estonian and "inglise" in in_estonian
    assert kb.practice.title not in in_estonian.split("<h1>")[1].split("</h1>")[0]

    original = kb.world.client("member").get(path + "?original=1").content.decode()
    assert f"<h1>{kb.practice.title}</h1>" in original and ET_TITLE not in original
    assert f'href="{path}"' in original  # back to the translation

    # an English reader gets the original and nothing of the translation
    in_english = Client().get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<h1>{kb.practice.title}</h1>" in in_english
    assert ET_TITLE not in in_english and "?original=1" not in in_english
    # an anonymous Estonian visitor (browser language) sees the translation too
    visitor = Client().get(path, HTTP_ACCEPT_LANGUAGE="et").content.decode()
    assert f"<h1>{ET_TITLE}</h1>" in visitor

    # the API twin: what the caller sees, in their language
    seen = (
        Client()
        .get(f"/api/v1/translations/practice/{kb.practice.pk}", HTTP_ACCEPT_LANGUAGE="et")
        .json()
    )
    assert seen["shown"]["title"] == ET_TITLE and seen["shown"]["is_translation"] is True
    assert seen["original_language"] == "en"
    assert [t["language"] for t in seen["translations"]] == ["et"]
    english = (
        Client()
        .get(f"/api/v1/translations/practice/{kb.practice.pk}", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert english["shown"]["title"] == kb.practice.title


def test_an_untranslated_original_is_labelled_with_its_language(kb: KB) -> None:
    path = f"/practices/{kb.practice.slug}/"
    page = Client().get(path, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert f"<h1>{kb.practice.title}</h1>" in page
    # "englanti": Django's Finnish name of English; the practice has no Finnish translation
    assert "englanti" in page and "?original=1" not in page


def _search(text: str, lang: str = "") -> list[dict[str, Any]]:
    query = f"/api/v1/search?q={text}&kind=practice" + (f"&lang={lang}" if lang else "")
    response = Client().get(query)
    assert response.status_code == 200
    return list(response.json())


def test_the_search_finds_a_translated_practice_in_both_languages(kb: KB) -> None:
    practice_id = kb.practice.external_id
    estonian_query = "jalgrattateede lumetõrje"
    # (before the translation the domain thesaurus may already relate "lumetõrje" to the English
    # practice's snow clearing — issue 11 — so only the state after it is asserted)
    _estonian(kb)
    index.invalidate()
    found = _search(estonian_query, "et")
    assert found and found[0]["id"] == practice_id
    assert any(r["kind"] == "phrase" for r in found[0]["reasons"])  # by the Estonian words
    # without naming the language the engine guesses it
    assert _search(estonian_query)[0]["id"] == practice_id
    # and in English by the original's words
    assert _search("snow ploughing of cycle routes", "en")[0]["id"] == practice_id
    # results are titled in the reader's language
    english_reader = _search("snow ploughing of cycle routes", "en")[0]
    assert english_reader["title"] == kb.practice.title
    estonian_reader = (
        Client()
        .get(f"/api/v1/search?q={estonian_query}&kind=practice", HTTP_ACCEPT_LANGUAGE="et")
        .json()[0]
    )
    assert (estonian_reader["id"], estonian_reader["title"]) == (practice_id, ET_TITLE)
    page = Client().get(f"/search/?q={estonian_query}", HTTP_ACCEPT_LANGUAGE="et")
    assert ET_TITLE in page.content.decode()
    # a new translation is seen without invalidating by hand (the index's fingerprint)
    services.translation_save(
        actor=kb.world.users["editor"],
        kind=registry.get("practice"),
        obj=kb.practice,
        data=TranslationInput(language="fi", title="Talvipyöräily: aurausjärjestys"),
    )
    assert _search("talvipyöräily aurausjärjestys", "fi")[0]["id"] == practice_id


def test_the_rules_of_a_translation(kb: KB, unchanged: Any) -> None:
    editor = kb.world.users["editor"]
    practice = registry.get("practice")
    with pytest.raises(ValidationError) as same:
        unchanged(
            lambda: services.translation_save(
                actor=editor,
                kind=practice,
                obj=kb.practice,
                data=TranslationInput(language="en", title="x"),
            )
        )
    assert "language" in same.value.message_dict
    with pytest.raises(ValidationError) as empty:
        services.translation_save(
            actor=editor, kind=practice, obj=kb.practice, data=TranslationInput(language="et")
        )
    assert "title" in empty.value.message_dict
    expert = registry.get("expert")
    with pytest.raises(ValidationError) as no_title:
        services.translation_save(
            actor=kb.world.users["coordinator"],
            kind=expert,
            obj=kb.expert,
            data=TranslationInput(language="et", title="Nimi", body="Elulugu"),
        )
    assert "title" in no_title.value.message_dict  # an expert's name is not translated
    bad = api(
        kb.world.client("editor"),
        "PUT",
        f"/api/v1/translations/practice/{kb.practice.pk}",
        {"language": "xx", "title": "x"},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "language"
    assert ContentTranslation.objects.count() == 0


def test_a_person_replaces_a_machine_translation_but_not_the_other_way(kb: KB) -> None:
    practice = registry.get("practice")
    machine = ContentTranslation.objects.create(
        kind="practice",
        object_id=kb.practice.pk,
        language="et",
        title="Masin",
        origin=TranslationOrigin.MACHINE,
    )
    shown = selectors.shown(practice, kb.practice, language="et")
    assert shown.is_machine and shown.title == "Masin"
    _estonian(kb)
    machine.refresh_from_db()
    assert (machine.title, machine.origin) == (ET_TITLE, TranslationOrigin.HUMAN)


def test_every_kind_is_registered_and_shows_its_translation(kb: KB, world: Any) -> None:
    assert {k.slug for k in registry.kinds()} >= {
        "practice",
        "challenge",
        "solution",
        "expert",
        "event",
        "group",
    }
    coordinator = kb.world.users["coordinator"]
    services.translation_save(
        actor=coordinator,
        kind=registry.get("challenge"),
        obj=kb.public,
        data=TranslationInput(
            language="et", title="Eesti väljakutse", body="Probleem eesti keeles"
        ),
    )
    services.translation_save(
        actor=coordinator,
        kind=registry.get("solution"),
        obj=kb.solution,
        data=TranslationInput(language="et", title="Eesti lahendus", body="Lahenduse kirjeldus"),
    )
    services.translation_save(
        actor=coordinator,
        kind=registry.get("expert"),
        obj=kb.expert,
        data=TranslationInput(language="et", body="Eksperdi elulugu eesti keeles"),
    )
    reader = Client()
    pages = {
        f"/challenges/{kb.public.slug}/": "Eesti väljakutse",
        f"/marketplace/solutions/{kb.solution.slug}/": "Eesti lahendus",
        f"/marketplace/experts/{kb.expert.slug}/": "Eksperdi elulugu eesti keeles",
    }
    for path, text in pages.items():
        response = reader.get(path, HTTP_ACCEPT_LANGUAGE="et")
        assert response.status_code == 200, path
        assert text in response.content.decode(), path
        assert text not in reader.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode(), path


def test_api_errors_in_the_callers_language(kb: KB) -> None:
    """A token's person gets errors in their own language; an anonymous caller in the language
    their Accept-Language asks for."""
    from tests.translations import extra_translations
    from urbanforum.accounts import services as accounts

    member: User = kb.world.users["member"]
    member.preferred_language = "et"
    member.save()
    key = accounts.api_token_create(actor=member, name="script").key
    url = "/api/v1/translations/practice/999999"
    with extra_translations("et", {"No such content.": "Sellist sisu ei ole."}):
        mine = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
        assert mine.status_code == 404 and mine.json()["detail"] == "Sellist sisu ei ole."
        anonymous = Client().get(url, HTTP_ACCEPT_LANGUAGE="et")
        assert anonymous.json()["detail"] == "Sellist sisu ei ole."
        assert Client().get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"] == "No such content."


def test_groups_and_events_show_their_translation(kb: KB) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from urbanforum.community import services as community

    editor = kb.world.users["editor"]
    group = community.group_create(
        actor=editor, name="Winter maintenance", description="About snow."
    )
    start = timezone.now() + timedelta(days=3)
    event = community.event_create(
        actor=editor,
        title="Winter forum",
        kind="forum_day",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Tallinn",
        description="A day about snow.",
    )
    for slug, obj, title in (("group", group, "Talvine hooldus"), ("event", event, "Talvefoorum")):
        services.translation_save(
            actor=editor,
            kind=registry.get(slug),
            obj=obj,
            data=TranslationInput(language="et", title=title, body="Lumest."),
        )
    for path, title, original in (
        (f"/community/groups/{group.slug}/", "Talvine hooldus", "Winter maintenance"),
        (f"/community/events/{event.slug}/", "Talvefoorum", "Winter forum"),
    ):
        estonian = Client().get(path, HTTP_ACCEPT_LANGUAGE="et").content.decode()
        assert title in estonian and "Lumest." in estonian and "?original=1" in estonian
        english = Client().get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert title not in english and original in english
        switched = Client().get(path + "?original=1", HTTP_ACCEPT_LANGUAGE="et").content.decode()
        assert f">{original}<" in switched


def test_the_original_language_is_set_through_forms_and_the_api(kb: KB, unchanged: Any) -> None:
    from urbanforum.community.models import WorkingGroup

    editor = kb.world.client("editor")
    made = api(editor, "POST", "/api/v1/groups", {"name": "Lumetõrje", "language": "et"})
    assert made.status_code == 201 and made.json()["language"] == "et"
    bad = unchanged(
        lambda: api(editor, "POST", "/api/v1/groups", {"name": "X", "language": "Estonian!"})
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "language"
    form = editor.post(
        "/community/groups/new/",
        {"name": "Talvekoosolek", "visibility": "public", "language": "et"},
    )
    assert form.status_code == 302
    assert WorkingGroup.objects.get(name="Talvekoosolek").language == "et"
    coordinator = kb.world.client("coordinator")
    patched = api(coordinator, "PATCH", f"/api/v1/solutions/{kb.solution.slug}", {"language": "fi"})
    assert patched.status_code == 200 and patched.json()["language"] == "fi"
    # the translation screen offers every language but the original's
    screen = coordinator.get(f"/translations/solution/{kb.solution.pk}/")
    offered = dict(screen.context["form"].fields["language"].choices)
    assert "fi" not in offered and "en" in offered
