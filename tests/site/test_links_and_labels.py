"""Features linked from where the user stands (a challenge's next steps, a practice's "our city
reused this", a working group's policy recommendations) and errors that name the field by its
label; the challenge form keeps its input on an error."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import World
from tests.processes.conftest import make_challenge
from urbanforum.challenges.models import Challenge
from urbanforum.community import services as community_services
from urbanforum.core.forms import apply_errors, error_messages, field_label
from urbanforum.core.services import field_error, validate

pytestmark = pytest.mark.django_db


def test_field_label_reads_like_a_label() -> None:
    assert field_label("bid_deadline") == "Bid deadline"
    assert field_label("checklist") == "Checklist"
    assert field_label("criteria[1].weight") == "Criteria 2: Weight"
    assert field_label("bid_deadline", {"bid_deadline": "Bid deadline (local time)"}) == (
        "Bid deadline (local time)"
    )


def test_service_errors_carry_the_models_labels(world: World) -> None:
    challenge = Challenge(title="x" * 300, owner_city=world.city, problem_statement="p")
    with pytest.raises(ValidationError) as caught:
        validate(challenge, exclude=["slug"])
    texts = error_messages(caught.value)
    label = str(Challenge._meta.get_field("title").verbose_name)
    assert any(t.startswith(label[0].upper() + label[1:] + ": ") for t in texts), texts
    assert not any(t.startswith("title:") for t in texts)


def test_error_messages_without_a_dict_and_with_a_given_label() -> None:
    assert error_messages(ValidationError("Nope.")) == ["Nope."]
    assert error_messages(field_error("status", "Closed.", label="State")) == ["State: Closed."]
    assert error_messages(ValidationError({"__all__": ["Whole."]})) == ["Whole."]


def test_an_error_about_a_field_the_form_does_not_show_names_it() -> None:
    class F(forms.Form):
        title = forms.CharField(label="Name of the thing")

    form = F({"title": "x"})
    assert form.is_valid()
    apply_errors(form, ValidationError({"title": ["Too short."], "bid_deadline": ["Passed."]}))
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["Bid deadline: Passed."]


def test_challenge_page_offers_the_next_steps(world: World) -> None:
    challenge = make_challenge(world)
    html = world.client("editor").get(f"/challenges/{challenge.slug}/").content.decode()
    assert f'href="/processes/open/{challenge.slug}/"' in html
    assert f'href="/community/mentoring/ask/{challenge.slug}/"' in html
    assert world.client("editor").get(f"/processes/open/{challenge.slug}/").status_code == 200
    assert (
        world.client("editor").get(f"/community/mentoring/ask/{challenge.slug}/").status_code == 200
    )

    for role in ("anonymous", "other"):
        html = world.client(role).get(f"/challenges/{challenge.slug}/").content.decode()
        assert "/processes/open/" not in html
        assert "/community/mentoring/ask/" not in html
        assert "The challenge's city opens a collaboration process" in html


def test_group_page_links_its_policy_recommendations(world: World) -> None:
    editor = world.users["editor"]
    assert editor is not None
    group = community_services.group_create(actor=editor, name="Winter mobility")
    html = Client().get(f"/community/groups/{group.slug}/").content.decode()
    assert f'href="/reviews/groups/{group.slug}/recommendations/"' in html
    assert Client().get(f"/reviews/groups/{group.slug}/recommendations/").status_code == 200


def test_practice_page_links_our_city_reused_this(world: World) -> None:
    from tests.practices.kb import build

    kb = build(world)
    slug = kb.other_practice.slug  # Tallinn's: Helsinki may say it reused it
    html = world.client("editor").get(f"/practices/{slug}/").content.decode()
    assert f'href="/reviews/practices/{slug}/adoptions/"' in html
    assert "Our city reused this" in html
    page = world.client("editor").get(f"/reviews/practices/{slug}/adoptions/").content.decode()
    assert 'name="organisation"' in page


def test_challenge_form_keeps_its_input_on_an_error(world: World) -> None:
    response = world.client("editor").post(
        "/challenges/new/",
        {
            "title": "Heat in schools",
            "problem_statement": "Classrooms overheat in June.",
            "visibility": "public",
            "language": "en",
            "domains": ["living-health"],
            "owner_city": world.city.pk,
            "budget_min_eur": "500000",
            "budget_max_eur": "1000",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors
    assert 'value="Heat in schools"' in html
    assert "Classrooms overheat in June." in html
    assert not Challenge.objects.filter(title="Heat in schools").exists()
