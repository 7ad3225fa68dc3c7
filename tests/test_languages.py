"""Names in the languages of the people concerned: one party under every spelling, named in the language asked."""

import csv
import io
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import Factory, line

UKRAINE = {"en": "Ukraine", "uk": "Україна", "ru": "Украина"}


def _create(factory: Factory, **body: Any) -> Any:
    return factory.client.post("/api/v1/parties", json={"kind": "state", **body}, headers=factory.keys["editor"])


def _party_count(client: TestClient) -> int:
    return int(client.get("/api/v1/parties", params={"with_total": True}).json()["total"])


def test_a_party_is_recorded_with_names_in_several_languages_and_aliases(factory: Factory) -> None:
    created = _create(factory, names=UKRAINE, aliases=["Ukr."])

    assert created.status_code == 201, created.text
    party = created.json()
    assert party["name"] == "Ukraine" and party["names"] == UKRAINE and party["aliases"] == ["Ukr."]
    assert created.headers["content-language"] == "en"


def test_a_second_party_under_another_spelling_of_a_name_is_refused_and_points_to_the_first(factory: Factory) -> None:
    ukraine = _create(factory, names=UKRAINE, aliases=["Ukrainian state"]).json()

    for spelling in (
        {"name": "Україна"},  # its Ukrainian name as the English name of a new party
        {"name": "Ukraina", "names": {"uk": "УКРАЇНА"}},  # a Ukrainian name in capitals
        {"name": "UKRAINE"},  # the English name in another case
        {"name": "Kyiv government", "aliases": ["украина"]},  # an alias that is its Russian name
        {"name": "Ukrainian State"},  # its alias
    ):
        refused = _create(factory, **spelling)
        assert refused.status_code == 409, spelling
        problem = refused.json()
        assert refused.headers["content-type"] == "application/problem+json"
        assert problem["type"].endswith("/already-recorded")
        assert problem["existing_id"] == ukraine["id"]
        assert problem["existing"] == f"/api/v1/parties/{ukraine['id']}"
        assert factory.client.get(problem["existing"]).json()["name"] == "Ukraine"
    assert _party_count(factory.client) == 1


def test_a_country_is_named_in_ukrainian_and_russian_from_iso_3166_translations(factory: Factory) -> None:
    ukraine = _create(factory, name="Ukraine", country_code="UA").json()
    ombudsperson = _create(
        factory, name="Ukrainian Parliament Commissioner for Human Rights", kind="organisation", country_code="UA"
    ).json()

    assert ukraine["names"] == UKRAINE
    # An organisation of the country is not the country: it keeps the one name recorded.
    assert ombudsperson["names"] == {"en": "Ukrainian Parliament Commissioner for Human Rights"}
    # Those names are the country's own, so they cannot be taken by a second party.
    refused = _create(factory, name="Україна")
    assert refused.status_code == 409 and refused.json()["existing_id"] == ukraine["id"]
    # A name recorded wins over the translation.
    turkiye = _create(
        factory, name="Türkiye", kind="intermediary", country_code="TR", names={"uk": "Туреччина (держава)"}
    )
    assert turkiye.json()["names"] == {"en": "Türkiye", "uk": "Туреччина (держава)", "ru": "Турция"}


def test_bad_names_are_refused_and_nothing_is_recorded(factory: Factory) -> None:
    for body in (
        {"names": {"xx": "Ukraine", "en": "Ukraine"}},  # an unknown language tag
        {"names": {"uk": "Україна"}},  # no English name
        {"name": "Ukraine", "names": {"en": "Ukraina"}},  # two English names
        {"name": "Ukraine", "aliases": ["Ukr", "UKR"]},  # the same alias twice
        {"name": "Ukraine", "aliases": ["ukraine"]},  # an alias that is its own name
    ):
        refused = _create(factory, **body)
        assert refused.status_code == 422, body
        assert refused.headers["content-type"] == "application/problem+json"
    assert _party_count(factory.client) == 0


def test_the_name_is_given_in_the_language_asked(factory: Factory) -> None:
    party_id = _create(factory, names=UKRAINE).json()["id"]
    path = f"/api/v1/parties/{party_id}"

    in_ukrainian = factory.client.get(path, params={"lang": "uk"})
    in_russian = factory.client.get(path, headers={"Accept-Language": "de;q=1, ru-RU;q=0.9, en;q=0.5"})
    unsupported = factory.client.get(path, headers={"Accept-Language": "de, fr;q=0.8"})
    lang_wins = factory.client.get(path, params={"lang": "en"}, headers={"Accept-Language": "uk"})

    assert (in_ukrainian.json()["name"], in_ukrainian.headers["content-language"]) == ("Україна", "uk")
    assert (in_russian.json()["name"], in_russian.headers["content-language"]) == ("Украина", "ru")
    assert (unsupported.json()["name"], unsupported.headers["content-language"]) == ("Ukraine", "en")
    assert lang_wins.json()["name"] == "Ukraine"
    assert in_ukrainian.json()["names"] == in_russian.json()["names"] == UKRAINE
    assert "Accept-Language" in in_russian.headers["vary"]
    assert in_ukrainian.headers["etag"] != lang_wins.headers["etag"]


def test_an_unknown_language_tag_is_a_problem(factory: Factory) -> None:
    party_id = _create(factory, names=UKRAINE).json()["id"]
    for path in (f"/api/v1/parties/{party_id}", "/api/v1/agreements", "/api/v1/parties"):
        response = factory.client.get(path, params={"lang": "klingon"})
        assert response.status_code == 422, path
        assert response.json()["errors"][0]["location"] == ["query", "lang"]


def test_agreements_show_titles_and_party_names_in_the_language_asked(factory: Factory) -> None:
    ist = factory.istanbul(
        titles={"uk": "Стамбульські переговори, другий раунд", "ru": "Стамбульские переговоры, второй раунд"}
    )
    path = f"/api/v1/agreements/{ist.agreement_id}"

    english = factory.client.get(path).json()
    in_ukrainian = factory.client.get(path, params={"lang": "uk"})
    listed = factory.client.get("/api/v1/agreements", headers={"Accept-Language": "ru"})

    assert english["title"] == "Istanbul talks, second round: humanitarian exchanges"
    assert english["parties"][0]["name"] == "Ukraine"
    assert in_ukrainian.headers["content-language"] == "uk"
    assert in_ukrainian.json()["title"] == "Стамбульські переговори, другий раунд"
    assert [p["name"] for p in in_ukrainian.json()["parties"]] == ["Україна", "Російська Федерація"]
    assert in_ukrainian.json()["titles"]["en"] == english["title"]
    assert listed.headers["content-language"] == "ru"
    assert listed.json()["items"][0]["title"] == "Стамбульские переговоры, второй раунд"
    assert [p["name"] for p in listed.json()["items"][0]["parties"]] == ["Украина", "Российская Федерация"]
    # The list kept for English readers is not served to Russian ones, nor the other way round.
    assert factory.client.get("/api/v1/agreements").json()["items"][0]["title"] == english["title"]


def test_titles_change_with_the_agreement_and_an_english_one_must_agree(factory: Factory) -> None:
    agreement = factory.agreement(title="Exchange of journalists")
    path = f"/api/v1/agreements/{agreement['id']}"

    changed = factory.client.patch(path, json={"titles": {"uk": "Обмін журналістами"}}, headers=factory.keys["editor"])
    mismatch = factory.client.patch(
        path, json={"title": "Exchange", "titles": {"en": "Swap"}}, headers=factory.keys["editor"]
    )

    assert changed.status_code == 200, changed.text
    assert changed.json()["titles"] == {"en": "Exchange of journalists", "uk": "Обмін журналістами"}
    assert mismatch.status_code == 422
    assert factory.client.get(path).json()["title"] == "Exchange of journalists"
    assert factory.client.get(path, params={"lang": "uk"}).json()["title"] == "Обмін журналістами"


def test_search_finds_agreements_by_any_name_of_a_party_and_any_title(factory: Factory) -> None:
    ist = factory.istanbul(titles={"uk": "Стамбульські домовленості"})
    other = factory.agreement(title="Exchange of journalists")

    def found(q: str) -> list[str]:
        return [a["id"] for a in factory.client.get("/api/v1/agreements", params={"q": q}).json()["items"]]

    assert found("Україна") == [ist.agreement_id]  # Ukraine's name in Ukrainian
    assert found("УКРАИНА") == [ist.agreement_id]  # and in Russian, in capitals
    assert found("туреччина") == [ist.agreement_id]  # the mediator's
    assert found("домовленості") == [ist.agreement_id]  # a title in Ukrainian
    assert found("journalists") == [other["id"]]


def test_the_status_names_parties_in_the_language_asked_and_the_fast_path_answers_english_only(
    factory: Factory,
) -> None:
    ist = factory.istanbul(titles={"ru": "Стамбульские переговоры"})
    path = f"/api/v1/agreements/{ist.agreement_id}/status"

    english = factory.client.get(path)
    in_russian = factory.client.get(path, headers={"Accept-Language": "ru"})
    in_ukrainian = factory.client.get(path, params={"lang": "uk"})

    def names(status: dict[str, Any]) -> set[str]:
        return {r["recipient_name"] for c in status["commitments"] for r in c["recipients"]}

    assert english.headers["content-language"] == "en" and names(english.json()) == {"Ukraine", "Russian Federation"}
    assert in_russian.headers["content-language"] == "ru"
    assert in_russian.json()["title"] == "Стамбульские переговоры"
    assert names(in_russian.json()) == {"Украина", "Российская Федерация"}
    assert names(in_ukrainian.json()) == {"Україна", "Російська Федерація"}
    assert (
        in_russian.json()["commitments"][1]["recipients"][0]["received"]
        == (english.json()["commitments"][1]["recipients"][0]["received"])
    )
    assert len({english.headers["etag"], in_russian.headers["etag"], in_ukrainian.headers["etag"]}) == 3
    revalidated = factory.client.get(
        path, headers={"If-None-Match": in_russian.headers["etag"], "Accept-Language": "ru"}
    )
    assert revalidated.status_code == 304
    # An English reader after a Russian one is still answered in English.
    assert names(factory.client.get(path, headers={"Accept-Language": "en-GB, ru;q=0.5"}).json()) == {
        "Ukraine",
        "Russian Federation",
    }


def test_exports_carry_each_language_as_hxl_language_columns(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 10)])

    agreements = factory.client.get("/api/v1/exports/agreements", params={"format": "hxl"})
    updates = factory.client.get("/api/v1/exports/updates", params={"format": "hxl"})

    header, hashtags, *rows = list(csv.reader(io.StringIO(agreements.text.lstrip("\ufeff"))))
    row = dict(zip(header, rows[0], strict=True))
    tags = dict(zip(header, hashtags, strict=True))
    assert tags["recipient_name_uk"] == "#group+recipient+name+i_uk"
    assert tags["parties_ru"] == "#group+party+name+i_ru"
    assert tags["agreement_title_en"] == "#activity+name+i_en"
    assert row["parties_uk"] == "Україна; Російська Федерація"
    assert row["parties_ru"] == "Украина; Российская Федерация"

    header, hashtags, *rows = list(csv.reader(io.StringIO(updates.text.lstrip("\ufeff"))))
    exported = dict(zip(header, rows[0], strict=True))
    assert dict(zip(header, hashtags, strict=True))["recipient_name_ru"] == "#group+recipient+name+i_ru"
    assert (exported["recipient_name_en"], exported["recipient_name_uk"], exported["recipient_name_ru"]) == (
        "Ukraine",
        "Україна",
        "Украина",
    )
