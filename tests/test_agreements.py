"""Agreements: recorded whole, listed with filters and cursors, changed with If-Match."""

import csv
import io
from datetime import date
from typing import Any

from tests.factories import Factory, line


def test_agreement_is_recorded_whole_with_its_commitments(factory: Factory) -> None:
    ist = factory.istanbul()

    agreement = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()

    assert agreement["title"] == "Istanbul talks, second round: humanitarian exchanges"
    assert [p["name"] for p in agreement["parties"]] == ["Ukraine", "Russian Federation"]
    assert [p["name"] for p in agreement["intermediaries"]] == ["Türkiye"]
    assert agreement["sources"][0]["publisher"] == "UNN"
    assert [(c["category"], c["measure"]) for c in agreement["commitments"]] == [
        ("wounded_and_sick", "all_for_all"),
        ("prisoners_of_war", "all_for_all"),
        ("remains", "target"),
    ]
    assert agreement["commitments"][1]["criteria"] == {
        "age_min": 18,
        "age_max": 25,
        "condition": None,
    }
    assert agreement["commitments"][2]["targets"] == [
        {"recipient_id": ist.ukraine, "quantity": 6000, "qualifier": "exact"},
        {"recipient_id": ist.russia, "quantity": 6000, "qualifier": "exact"},
    ]
    assert agreement["state"] == "not_started"  # no handover yet: not stalled, however long ago it was agreed


def _ids(factory: Factory, **params: Any) -> list[str]:
    response = factory.client.get("/api/v1/agreements", params=params)
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["items"]]


def test_agreement_list_filters_by_party_category_dates_words_and_state(factory: Factory) -> None:
    ist = factory.istanbul()
    ukraine = ist.ukraine
    other = factory.agreement(title="Exchange of journalists", concluded_on="2024-03-01", commitments=[])
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ukraine, 1)],
        occurred_on=__import__("datetime").date.today(),
    )

    assert _ids(factory, party_id=ukraine) == [ist.agreement_id]
    assert _ids(factory, category="remains") == [ist.agreement_id]
    assert _ids(factory, concluded_from="2025-01-01") == [ist.agreement_id]
    assert _ids(factory, concluded_to="2024-12-31") == [other["id"]]
    assert _ids(factory, q="JOURNALISTS") == [other["id"]]
    assert _ids(factory, q="istanbul") == [ist.agreement_id]
    assert _ids(factory, q="100%") == []
    assert _ids(factory, status="in_progress") == [ist.agreement_id]
    assert _ids(factory, status="not_started") == [other["id"]]
    assert _ids(factory, status="stalled") == []
    assert _ids(factory, status="fulfilled") == []


def test_search_finds_words_of_terms_and_parties_in_any_case_and_script(factory: Factory) -> None:
    ist = factory.istanbul()
    terms = factory.agreement(
        title="Later exchanges",
        commitments=[
            {"category": "remains", "measure": "all_for_all", "description": "Return of the bodies of the fallen"},
            {"category": "children", "measure": "all_for_all", "criteria": {"condition": "on the verified list"}},
        ],
    )
    kyiv, moscow = factory.party("Київська міська рада"), factory.party("Московская городская дума")
    cyrillic = factory.agreement(title="ОБМІН ПОЛОНЕНИМИ 50_на_50", parties=[kyiv, moscow])

    assert _ids(factory, q="bodies") == [terms["id"]]  # a term's description
    assert _ids(factory, q="VERIFIED LIST") == [terms["id"]]  # a term's condition
    assert _ids(factory, q="seriously ILL") == [ist.agreement_id]
    assert _ids(factory, q="türkiye") == [ist.agreement_id]  # a mediator's name
    assert _ids(factory, q="ukr") == [ist.agreement_id]
    assert _ids(factory, q="Київська") == [cyrillic["id"]]  # a party's name, in Cyrillic
    assert _ids(factory, q="міська рада") == [cyrillic["id"]]
    assert _ids(factory, q="московская") == [cyrillic["id"]]
    assert _ids(factory, q="Україна") == [ist.agreement_id]  # Ukraine's name in Ukrainian, from ISO 3166-1
    assert _ids(factory, q="российская") == [ist.agreement_id]  # and the Russian Federation's in Russian
    assert _ids(factory, q="обмін полоненими") == [cyrillic["id"]]  # the title, folded from capitals
    assert _ids(factory, q="50_на") == [cyrillic["id"]]
    assert _ids(factory, q="50%") == []  # % and _ are letters here, not wildcards
    assert _ids(factory, q="0_н_") == []


def test_filters_take_several_states_or_categories_and_the_export_takes_them_too(factory: Factory) -> None:
    ist = factory.istanbul()
    quiet = factory.agreement(title="Exchange of journalists", commitments=[])
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1)], occurred_on=date.today())
    children = factory.agreement(commitments=[{"category": "children", "measure": "all_for_all"}])

    assert _ids(factory, status=["in_progress", "not_started"]) == [ist.agreement_id, quiet["id"], children["id"]]
    assert _ids(factory, status=["in_progress", "stalled"]) == [ist.agreement_id]
    assert _ids(factory, status=["in_progress", "fulfilled"]) == [ist.agreement_id]
    assert _ids(factory, category=["children", "remains"]) == [ist.agreement_id, children["id"]]
    bad = factory.client.get("/api/v1/agreements", params={"status": "lost"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")

    filters = ({"status": ["not_started"]}, {"category": ["children"]}, {"q": "journalists"}, {"party_id": ist.russia})
    for params in filters:
        exported = factory.client.get("/api/v1/exports/agreements", params={**params, "format": "csv"})
        assert exported.status_code == 200
        assert list(dict.fromkeys(r["agreement_id"] for r in csv.DictReader(io.StringIO(exported.text)))) == _ids(
            factory, **params
        ), params


def test_agreement_list_pages_with_a_cursor_up_to_200(factory: Factory) -> None:
    ids = [factory.agreement()["id"] for _ in range(3)]

    first = factory.client.get("/api/v1/agreements", params={"limit": 2}).json()
    second = factory.client.get("/api/v1/agreements", params={"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [a["id"] for a in first["items"] + second["items"]] == ids
    assert second["next_cursor"] is None
    assert factory.client.get("/api/v1/agreements", params={"limit": 201}).status_code == 422
    assert factory.client.get("/api/v1/agreements", params={"cursor": "!!not-ours"}).status_code == 422


def test_patch_changes_the_description_and_honours_if_match(factory: Factory) -> None:
    agreement = factory.agreement()
    url = f"/api/v1/agreements/{agreement['id']}"
    etag = factory.client.get(url).headers["etag"]

    changed = factory.client.patch(
        url, json={"venue": "Istanbul"}, headers={**factory.keys["editor"], "If-Match": etag}
    )
    assert changed.status_code == 200
    assert changed.json()["venue"] == "Istanbul"
    assert changed.json()["title"] == agreement["title"]

    stale = factory.client.patch(url, json={"venue": "Geneva"}, headers={**factory.keys["editor"], "If-Match": etag})
    assert stale.status_code == 412
    assert factory.client.get(url).json()["venue"] == "Istanbul"


def test_a_commitment_can_be_added_later(factory: Factory) -> None:
    ist = factory.istanbul()

    response = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/commitments",
        json={
            "category": "children",
            "measure": "target",
            "targets": [{"recipient_id": ist.ukraine, "quantity": 339}],
        },
        headers=factory.keys["editor"],
    )

    assert response.status_code == 201
    status = factory.status(ist.agreement_id)
    assert status["commitments"][-1]["recipients"][0]["target"] == 339


def test_with_total_counts_what_matches_over_every_page(factory: Factory) -> None:
    ist = factory.istanbul()
    quiet = [factory.agreement(title=f"Quiet exchange {n}", commitments=[])["id"] for n in range(3)]
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1)], occurred_on=date.today())
    client = factory.client

    waiting = client.get("/api/v1/agreements", params={"status": "not_started", "limit": 2, "with_total": "true"})
    assert (len(waiting.json()["items"]), waiting.json()["total"]) == (2, 3)
    assert waiting.json()["next_cursor"] is not None
    assert client.get("/api/v1/agreements", params={"status": "not_started"}).json()["total"] is None  # only when asked
    assert client.get("/api/v1/agreements", params={"q": "quiet", "with_total": "true"}).json()["total"] == len(quiet)
    parties = client.get("/api/v1/parties", params={"limit": 1, "with_total": "true"}).json()
    assert parties["total"] == len(_every_party(factory))
    queue = client.get("/api/v1/updates", params={"review_state": "reported", "with_total": "true"}).json()
    assert queue["total"] == 1
    mine = client.get(f"/api/v1/agreements/{ist.agreement_id}/updates", params={"with_total": "true"}).json()
    assert mine["total"] == 1
    announced = client.get(f"/api/v1/agreements/{ist.agreement_id}/announced-totals", params={"with_total": "true"})
    assert announced.json()["total"] == 0


def _every_party(factory: Factory) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        page = factory.client.get("/api/v1/parties", params={"limit": 200, **({"cursor": cursor} if cursor else {})})
        ids += [p["id"] for p in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return ids


def test_the_list_counts_agreements_by_state_category_and_party_for_its_filter(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.agreement(
        parties=[ist.ukraine, ist.russia],
        commitments=[{"category": "prisoners_of_war", "measure": "all_for_all"}],
    )
    factory.update(ist.agreement_id, [line(ist.wounded, ist.ukraine, 10)])

    page = factory.client.get("/api/v1/agreements", params={"facets": "state,category,party"}).json()
    facets = page["facets"]
    states = {entry["value"]: entry["count"] for entry in facets["state"]}
    assert sum(states.values()) == 2
    assert set(states) == {"not_started", "in_progress", "fulfilled", "stalled", "overdue"}
    shown = [a["state"] for a in page["items"]]
    assert {state: count for state, count in states.items() if count} == {s: shown.count(s) for s in shown}
    assert {e["value"]: e["count"] for e in facets["category"]} == {
        "wounded_and_sick": 1,
        "prisoners_of_war": 2,
        "remains": 1,
    }
    assert {e["value"]: e["count"] for e in facets["party"]} == {ist.ukraine: 2, ist.russia: 2, ist.turkiye: 1}
    assert facets["party"][-1]["value"] == ist.turkiye  # most first
    assert {e["value"]: e["name"] for e in facets["party"]}[ist.turkiye] == "Türkiye"

    remains_only = factory.client.get(
        "/api/v1/agreements", params=[("category", "remains"), ("facets", "category"), ("facets", "party")]
    ).json()["facets"]
    assert remains_only["state"] is None
    assert {e["value"]: e["count"] for e in remains_only["category"]} == {
        "wounded_and_sick": 1,
        "prisoners_of_war": 1,
        "remains": 1,
    }
    assert factory.client.get("/api/v1/agreements").json()["facets"] is None


def test_an_unknown_facet_is_a_422_problem(factory: Factory) -> None:
    response = factory.client.get("/api/v1/agreements", params={"facets": "state,colour"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "colour" in response.json()["detail"]
