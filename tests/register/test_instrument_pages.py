"""Editing a risk instrument: a form of questions, answers, weights and score bands, and JSON in and out."""

import json
import re

import pytest

from opendsr.register.models import InstrumentVersion

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def management(prefix: str, total: int) -> dict:
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": 0}


def editor_post(**extra) -> dict:
    data = {
        "name": "Local risk tool",
        "version": "2027.1",
        "population": "adult",
        **management("question", 2),
        "question-0-text": "Placement at risk of breakdown",
        "question-0-label_1": "No",
        "question-0-weight_1": "0",
        "question-0-label_2": "Yes",
        "question-0-weight_2": "5",
        "question-1-text": "Police contact in the last month",
        "question-1-label_1": "No",
        "question-1-weight_1": "0",
        "question-1-label_2": "Yes",
        "question-1-weight_2": "3",
        **management("band", 3),
        "band-0-low": "0",
        "band-0-high": "2",
        "band-0-rating": "green",
        "band-1-low": "3",
        "band-1-high": "4",
        "band-1-rating": "amber",
        "band-2-low": "5",
        "band-2-rating": "red",
    }
    data.update(extra)
    return data


def test_a_lead_adds_an_instrument_question_by_question_without_typing_json(login, lead):
    client = login(lead)
    page = text_of(client.get("/people/instruments/new/"))
    assert "Question 1" in page and "Score bands" in page
    response = client.post("/people/instruments/new/", editor_post())
    assert response.status_code == 302
    saved = InstrumentVersion.objects.get(icb=lead.icb, slug="local-risk-tool")
    assert saved.active and saved.population == "adult"
    questions = {
        item["text"]: {o["label"]: o["weight"] for o in item["options"]} for item in saved.data["items"]
    }
    assert questions == {
        "Placement at risk of breakdown": {"No": 0, "Yes": 5},
        "Police contact in the last month": {"No": 0, "Yes": 3},
    }
    assert [b["rating"] for b in saved.data["bands"]] == ["green", "amber", "red"]
    page = text_of(client.get(response["Location"]))
    assert "Placement at risk of breakdown" in page and "Yes: 5" in page


def test_the_instrument_form_says_what_is_wrong_and_keeps_what_was_typed(login, lead):
    client = login(lead)
    data = editor_post(**{"question-1-weight_2": "lots", "band-1-low": "4", "name": "A" * 1001})
    page = text_of(client.post("/people/instruments/new/", data))
    assert "<title>Error: " in page
    assert "Weight of answer 2 must be a whole number" in page
    assert "Name of the instrument must be 1,000 characters or fewer" in page
    assert 'value="Police contact in the last month"' in page
    assert not InstrumentVersion.objects.filter(icb=lead.icb).exists()
    # Bands with a gap are refused by the instrument's rules, named as the page names them.
    page = text_of(client.post("/people/instruments/new/", editor_post(**{"band-1-low": "4"})))
    assert "Score band 2: scores 3 to 3 fall in no band" in page


def test_a_new_version_starts_from_the_old_one_and_keeps_its_ids(login, lead):
    client = login(lead)
    client.post("/people/instruments/new/", editor_post())
    first = InstrumentVersion.objects.get(icb=lead.icb, slug="local-risk-tool")
    page = text_of(client.get(f"/people/instruments/new/?from={first.pk}"))
    assert 'value="Placement at risk of breakdown"' in page
    data = editor_post(**{"question-0-weight_2": "6", "question-0-item_id": first.data["items"][0]["id"]})
    data["slug"] = first.slug
    response = client.post(f"/people/instruments/new/?from={first.pk}", data)
    assert response.status_code == 302, re.findall(r"maincontent\"\s*>\s*([^<]+)", text_of(response))
    second = InstrumentVersion.objects.filter(slug=first.slug).latest("version")
    assert second.version == first.version + 1
    assert second.data["items"][0]["id"] == first.data["items"][0]["id"]
    assert second.data["items"][0]["options"][1]["weight"] == 6


def test_adding_a_question_keeps_what_was_typed_without_saving(login, lead):
    client = login(lead)
    page = text_of(client.post("/people/instruments/new/", editor_post(add_question="yes")))
    assert "Question 3" in page
    assert 'value="Police contact in the last month"' in page
    assert "There is a problem" not in page
    assert not InstrumentVersion.objects.filter(icb=lead.icb).exists()


def test_a_removed_question_is_left_out(login, lead):
    client = login(lead)
    response = client.post("/people/instruments/new/", editor_post(**{"question-1-DELETE": "on"}))
    assert response.status_code == 302
    saved = InstrumentVersion.objects.get(icb=lead.icb, slug="local-risk-tool")
    assert [item["text"] for item in saved.data["items"]] == ["Placement at risk of breakdown"]


def test_an_instrument_goes_out_as_json_and_comes_back_in(login, lead):
    client = login(lead)
    client.post("/people/instruments/new/", editor_post())
    saved = InstrumentVersion.objects.get(icb=lead.icb, slug="local-risk-tool")
    response = client.get(f"/people/instruments/{saved.pk}/export.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    exported = json.loads(response.content)
    assert exported == saved.data
    exported["version"] = "2027.2"
    response = client.post("/people/instruments/import/", {"data": json.dumps(exported)})
    assert response.status_code == 302
    assert InstrumentVersion.objects.filter(slug=saved.slug, icb=lead.icb).count() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 5000 + "]" * 5000, "nested more than 8 levels deep"),
        ('{"a": ' * 5000 + "1" + "}" * 5000, "nested more than 8 levels deep"),
        ('{"name": "' + "x" * 250_000 + '"}', "must be 200,000 characters or fewer"),
        ("[1, 2]", "must be a JSON object"),
        (
            '{"slug": "x", "name": "X", "version": "1", "population": "adult", "items": [{"id": ["a"]}]}',
            "is not text",
        ),
    ],
)
def test_json_that_cannot_be_an_instrument_is_refused_with_a_reason(login, lead, text, message):
    page = text_of(login(lead).post("/people/instruments/import/", {"data": text}))
    assert "<title>Error: " in page
    assert message in page
