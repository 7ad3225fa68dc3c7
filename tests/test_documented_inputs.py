"""What the document says a request may hold is what the service takes: text, days, numbers, cursors."""

import re

import pytest
from pydantic import ValidationError

from app.core.text import text_pattern
from app.models.values import Source
from app.parties.models import PartyCreate
from app.reviews.models import ReviewCreate
from tests.factories import Factory

SAMPLES = ["Ukraine", " Kyiv ", "a\tb", "a\nb", "\u200bhidden", "bidi\u202eoverride", "\u00adsoft", "   ", "", "\x7f"]
SAMPLES += ["\U000e0001tag", "\U0001d173music", "日本", "Ελλάδα", "a\u00a0b", "\u3000"]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_text_patterns_accept_exactly_what_the_validators_accept(text: str) -> None:
    single_line = re.compile(text_pattern(multiline=False, required=True))
    multiline = re.compile(text_pattern(multiline=True, required=True))
    try:
        PartyCreate.model_validate({"name": text, "kind": "state"})
        name_ok = True
    except ValidationError:
        name_ok = False
    try:
        ReviewCreate.model_validate({"state": "verified", "reason": text})
        reason_ok = True
    except ValidationError:
        reason_ok = False
    assert bool(single_line.search(text)) == name_ok
    assert bool(multiline.search(text)) == reason_ok


def test_a_source_names_something_in_the_schema_too() -> None:
    schema = Source.model_json_schema()
    assert schema["not"] == {"properties": {name: {"type": "null"} for name in ("url", "title", "publisher")}}
    with pytest.raises(ValidationError):
        Source.model_validate({"published_on": "2025-06-02"})


def test_days_are_written_as_the_document_says(factory: Factory) -> None:
    client = factory.client
    assert client.get("/api/v1/agreements", params={"concluded_to": "2025-06-02"}).status_code == 200
    assert client.get("/api/v1/agreements", params={"concluded_to": "0"}).status_code == 422


def test_any_cursor_of_the_documented_shape_is_a_place_in_the_list(factory: Factory) -> None:
    factory.agreement()
    client = factory.client
    assert client.get("/api/v1/agreements", params={"cursor": "zzz"}).json() == {
        "items": [],
        "next_cursor": None,
        "total": None,
        "facets": None,
    }
    assert len(client.get("/api/v1/agreements", params={"cursor": "0"}).json()["items"]) == 1
    assert client.get("/api/v1/agreements", params={"cursor": "YWdyXzAx"}).status_code == 422  # not a cursor of ours


def test_a_whole_number_may_be_written_with_a_zero_fraction_but_not_as_a_string() -> None:
    from app.updates.models import LineIn

    assert LineIn.model_validate_json('{"recipient_id": "p", "quantity": 3.0}').quantity == 3
    for bad in ('"3"', "3.5", "true"):
        with pytest.raises(ValidationError):
            LineIn.model_validate_json(f'{{"recipient_id": "p", "quantity": {bad}}}')
