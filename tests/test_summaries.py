"""Summaries across agreements: what each party received and handed over, per category, equal to the sum
of its agreements' statuses under either basis."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from tests.conftest import _empty_tables
from tests.factories import SOURCE, Factory, line

MINISTRY = {"url": "https://example.org/ministry", "publisher": "Ministry"}
FLAGS = ("received", "handovers", "withheld_handovers", "approximate_lines", "at_least_lines")
SPLIT = ("reported_received", "verified_received", "verified_handovers")


@pytest.fixture(params=["reported", "verified"])
def settings(database_url: str, request: pytest.FixtureRequest) -> Settings:
    """Settings for an app under each status basis, on an emptied test database."""
    _empty_tables(database_url)
    return Settings(database_url=database_url, environment="test", status_basis=request.param)


def _posted(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _review(factory: Factory, update_id: str, state: str) -> None:
    _posted(
        factory.client.post(
            f"/api/v1/updates/{update_id}/reviews",
            json={"state": state, "reason": f"checked against the {state} record"},
            headers=factory.keys["verifier"],
        )
    )


def _ledger(factory: Factory) -> dict[str, str]:
    """Three agreements between the same two parties, with every way figures disagree or hide."""
    ist = factory.istanbul()
    ids = {"ukraine": ist.ukraine, "russia": ist.russia, "turkiye": ist.turkiye, "first": ist.agreement_id}
    stage1 = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)], "2025-06-11"
    )
    competing = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1200)], "2025-06-11", source=MINISTRY, claim_of=stage1["id"]
    )
    _review(factory, competing["id"], "verified")
    stage2 = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 4845), line(ist.remains, ist.russia, 51)], "2025-06-16"
    )
    _posted(
        factory.client.post(
            f"/api/v1/updates/{stage2['id']}/corrections",
            json={
                "reason": "counted again a week later",
                "occurred_on": "2025-06-16",
                "source": SOURCE,
                "lines": [line(ist.remains, ist.ukraine, 4857), line(ist.remains, ist.russia, 51)],
            },
            headers=factory.keys["monitor"],
        )
    )
    rejected = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 100)], "2025-06-20")
    _review(factory, rejected["id"], "rejected")
    young = factory.update(
        ist.agreement_id,
        [line(ist.young_soldiers, ist.ukraine, 84), line(ist.young_soldiers, ist.russia, 84)],
        "2025-06-26",
    )
    _posted(
        factory.client.post(
            f"/api/v1/updates/{young['id']}/attribution-disputes",
            json={"party_id": ist.russia, "position": "does_not_belong", "statement": "unrelated", "source": MINISTRY},
            headers=factory.keys["monitor"],
        )
    )
    _review(factory, young["id"], "verified")
    factory.update(ist.agreement_id, [line(ist.wounded, ist.ukraine, None)], "2025-06-27")  # withheld
    factory.update(ist.agreement_id, [line(None, ist.ukraine, 12)], "2025-06-27")  # no term stated

    second = factory.agreement(
        title="Third round",
        concluded_on="2025-07-23",
        parties=[ist.ukraine, ist.russia],
        intermediaries=[ist.turkiye],
        commitments=[
            {
                "category": "prisoners_of_war",
                "measure": "target",
                "targets": [
                    {"recipient_id": ist.ukraine, "quantity": 1200},
                    {"recipient_id": ist.russia, "quantity": 1200},
                ],
            },
            {"category": "civilian_detainees", "measure": "all_for_all"},
        ],
    )
    ids["second"] = second["id"]
    pows, civilians = (c["id"] for c in second["commitments"])
    about = factory.update(
        second["id"],
        [line(pows, ist.ukraine, 250, "approximate"), line(pows, ist.russia, 250, "approximate")],
        "2025-07-24",
    )
    _review(factory, about["id"], "verified")
    factory.update(
        second["id"], [line(pows, ist.ukraine, 1000, "at_least"), line(civilians, ist.russia, 7)], "2025-08-02"
    )
    factory.update(second["id"], [line(None, ist.russia, 3)], "2026-01-05")
    return ids


def _statuses_summed(statuses: list[dict[str, Any]]) -> dict[tuple[str | None, str], dict[str, Any]]:
    """Per category and receiving party, the figures of several agreements' statuses added up."""
    sums: dict[tuple[str | None, str], dict[str, Any]] = defaultdict(
        lambda: {**dict.fromkeys(FLAGS + SPLIT, 0), "received_is_lower_bound": False, "received_is_exact": True}
    )

    def add(category: str | None, entry: dict[str, Any]) -> None:
        total = sums[(category, entry["recipient_id"])]
        for name in FLAGS + SPLIT:
            total[name] += entry[name]
        total["received_is_lower_bound"] |= entry["received_is_lower_bound"]
        total["received_is_exact"] &= entry["received_is_exact"]

    for status in statuses:
        for commitment in status["commitments"]:
            for entry in commitment["recipients"]:
                add(commitment["category"], entry)
        for entry in status["unattributed"]:
            add(None, entry)
    return {key: value for key, value in sums.items() if _shown(value)}


def _shown(figures: dict[str, Any]) -> bool:
    """Whether a total says anything a status shows: a term's recipient with nothing yet is listed at zero."""
    return any(figures[name] for name in FLAGS + SPLIT)


def _lines_as_sums(lines: list[dict[str, Any]]) -> dict[tuple[str | None, str], dict[str, Any]]:
    sums = {
        (entry["category"], entry["recipient_id"]): {
            name: entry[name] for name in (*FLAGS, *SPLIT, "received_is_lower_bound", "received_is_exact")
        }
        for entry in lines
    }
    return {key: value for key, value in sums.items() if _shown(value)}


def test_each_partys_summary_is_the_sum_of_its_agreements_statuses_per_category(factory: Factory) -> None:
    ids = _ledger(factory)
    statuses = [factory.status(ids["first"]), factory.status(ids["second"])]
    expected = _statuses_summed(statuses)

    for party in ("ukraine", "russia"):
        summary = factory.client.get(f"/api/v1/parties/{ids[party]}/summary")
        assert summary.status_code == 200, summary.text
        body = summary.json()
        assert body["party_id"] == ids[party]
        received = [entry for entry in body["lines"] if entry["side"] == "received"]
        handed_over = [entry for entry in body["lines"] if entry["side"] == "handed_over"]
        assert {entry["recipient_id"] for entry in received} == {ids[party]}
        assert {entry["recipient_id"] for entry in handed_over} == {ids["russia" if party == "ukraine" else "ukraine"]}
        assert _lines_as_sums(received) == {k: v for k, v in expected.items() if k[1] == ids[party]}
        assert _lines_as_sums(handed_over) == {k: v for k, v in expected.items() if k[1] != ids[party]}

    everyone = factory.client.get("/api/v1/summary").json()
    assert _lines_as_sums(everyone["lines"]) == expected
    assert all(entry["side"] is None for entry in everyone["lines"])


def test_the_summary_keeps_categories_apart_and_says_how_exact_each_sum_is(factory: Factory) -> None:
    ids = _ledger(factory)
    body = factory.client.get(f"/api/v1/parties/{ids['ukraine']}/summary").json()
    received = {entry["category"]: entry for entry in body["lines"] if entry["side"] == "received"}

    assert set(received) == {"wounded_and_sick", "prisoners_of_war", "remains", None}
    # The verified 1200 stands over the 1212 first reported; the correction counts, the rejected claim does not.
    remains = received["remains"]
    assert remains["reported_received"] == 1200 + 4857
    assert remains["verified_received"] == 1200
    assert remains["verified_handovers"] == 1
    wounded = received["wounded_and_sick"]
    assert (wounded["reported_handovers"], wounded["reported_received"], wounded["reported_is_lower_bound"]) == (
        1,
        0,
        True,
    )
    pows = received["prisoners_of_war"]
    assert pows["reported_received"] == 84 + 250 + 1000
    assert pows["reported_is_lower_bound"] is True
    assert pows["disputed_attribution_handovers"] == 1
    assert received[None]["reported_received"] == 12


def test_a_period_sums_the_handovers_of_its_days_and_a_series_adds_up_to_the_whole(factory: Factory) -> None:
    ids = _ledger(factory)
    ukraine = ids["ukraine"]
    until = factory.client.get(f"/api/v1/parties/{ukraine}/summary", params={"to": "2025-06-30"}).json()
    on_the_day = [
        factory.client.get(f"/api/v1/agreements/{agreement_id}/status", params={"as_of": "2025-06-30"}).json()
        for agreement_id in (ids["first"], ids["second"])
    ]
    assert _lines_as_sums(until["lines"]) == _statuses_summed(on_the_day)

    july = factory.client.get(
        "/api/v1/summary", params={"from": "2025-07-01", "to": "2025-07-31", "category": "prisoners_of_war"}
    ).json()
    assert {(e["recipient_id"], e["reported_received"]) for e in july["lines"]} == {
        (ukraine, 250),
        (ids["russia"], 250),
    }

    monthly = factory.client.get(f"/api/v1/parties/{ukraine}/summary", params={"interval": "month"}).json()
    assert {point["period"] for point in monthly["series"]} == {"2025-06", "2025-07", "2025-08", "2026-01"}
    whole: dict[tuple[Any, ...], int] = defaultdict(int)
    for point in monthly["series"]:
        whole[(point["category"], point["recipient_id"], point["side"])] += point["reported_received"]
    assert dict(whole) == {
        (e["category"], e["recipient_id"], e["side"]): e["reported_received"] for e in monthly["lines"]
    }
    yearly = factory.client.get("/api/v1/summary", params={"interval": "year"}).json()
    assert {point["period"] for point in yearly["series"]} == {"2025", "2026"}


def test_the_summary_filters_by_agreement_state_and_counterpart(factory: Factory) -> None:
    ids = _ledger(factory)
    stranger = factory.party()
    other = factory.agreement(parties=[ids["ukraine"], stranger], commitments=[])
    factory.update(other["id"], [line(None, ids["ukraine"], 5)], "2025-06-20")

    with_russia = factory.client.get(
        f"/api/v1/parties/{ids['ukraine']}/summary", params={"counterpart": ids["russia"], "category": "remains"}
    ).json()
    assert [(e["category"], e["side"]) for e in with_russia["lines"]] == [
        ("remains", "received"),
        ("remains", "handed_over"),
    ]
    unstated = factory.client.get(f"/api/v1/parties/{ids['ukraine']}/summary", params={"counterpart": stranger}).json()
    assert [(e["category"], e["reported_received"]) for e in unstated["lines"]] == [(None, 5)]

    states = {a["id"]: a["state"] for a in factory.client.get("/api/v1/agreements").json()["items"]}
    chosen = states[ids["second"]]
    in_state = factory.client.get("/api/v1/summary", params={"state": chosen}).json()
    expected = _statuses_summed([factory.status(a) for a, s in states.items() if s == chosen])
    assert _lines_as_sums(in_state["lines"]) == expected


def test_an_intermediary_sees_what_it_mediated(factory: Factory) -> None:
    ids = _ledger(factory)
    body = factory.client.get(f"/api/v1/parties/{ids['turkiye']}/summary").json()
    assert body["lines"]
    assert {entry["side"] for entry in body["lines"]} == {"mediated"}


@pytest.mark.parametrize(
    ("params", "location"),
    [
        ({"from": "2025-07-01", "to": "2025-06-01"}, "from"),
        ({"counterpart": "pty_missing"}, "counterpart"),
        ({"interval": "week"}, "interval"),
        ({"category": "sheep"}, "category"),
    ],
)
def test_bad_summary_filters_are_422_problems(client: TestClient, params: dict[str, str], location: str) -> None:
    response = client.get("/api/v1/summary", params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert location in response.text


def test_the_summary_of_an_unknown_party_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/parties/pty_missing/summary")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def _outside(factory: Factory, body: dict[str, Any]) -> Any:
    return factory.client.post("/api/v1/outside-handovers", json=body, headers=factory.keys["monitor"])


def test_a_handover_outside_any_agreement_counts_in_the_summaries_and_in_no_status(factory: Factory) -> None:
    ids = _ledger(factory)
    uae = factory.party("United Arab Emirates", kind="intermediary", country_code="AE")
    before = {agreement_id: factory.status(agreement_id) for agreement_id in (ids["first"], ids["second"])}
    listed = factory.client.get("/api/v1/agreements", params={"with_total": True}).json()["total"]
    mediated = {
        "parties": [ids["ukraine"], ids["russia"]],
        "intermediaries": [uae],
        "occurred_on": "2025-08-14",
        "source": SOURCE,
        "note": "announced afterwards",
        "lines": [
            {"category": "prisoners_of_war", "recipient_id": ids["ukraine"], "quantity": 33},
            {"category": "civilian_detainees", "recipient_id": ids["ukraine"], "quantity": 51},
            {"recipient_id": ids["russia"], "quantity": 84},
        ],
    }
    recorded = _outside(factory, mediated)
    assert recorded.status_code == 201, recorded.text
    update = recorded.json()
    # A further claim and a correction, as for any handover; the next handover of the pair goes to the same record.
    _posted(
        factory.client.post(
            f"/api/v1/updates/{update['id']}/corrections",
            json={
                "reason": "the ministry's count",
                "occurred_on": "2025-08-14",
                "source": MINISTRY,
                "lines": [
                    *(line(c["commitment_id"], c["recipient_id"], c["quantity"]) for c in update["lines"][:2]),
                    line(None, ids["russia"], 85),
                ],
            },
            headers=factory.keys["monitor"],
        )
    )
    later = _outside(
        factory,
        {**mediated, "parties": [ids["russia"], ids["ukraine"]], "occurred_on": "2025-09-01", "intermediaries": []},
    )
    assert later.json()["agreement_id"] == update["agreement_id"]

    for agreement_id, status in before.items():
        after = factory.status(agreement_id)
        assert after["commitments"] == status["commitments"] and after["unattributed"] == status["unattributed"]
    record = update["agreement_id"]
    assert factory.client.get("/api/v1/agreements", params={"with_total": True}).json()["total"] == listed
    assert factory.client.get(f"/api/v1/agreements/{record}").status_code == 404
    assert factory.client.get(f"/api/v1/agreements/{record}/status").status_code == 404
    assert factory.client.get(f"/api/v1/agreements/{record}/status", params={"as_of": "2025-09-01"}).status_code == 404

    received = {
        entry["category"]: entry
        for entry in factory.client.get(f"/api/v1/parties/{ids['ukraine']}/summary").json()["lines"]
        if entry["side"] == "received"
    }
    agreed = _statuses_summed(list(before.values()))
    assert received["prisoners_of_war"]["reported_received"] == (
        agreed[("prisoners_of_war", ids["ukraine"])]["reported_received"] + 33 + 33
    )
    assert received["civilian_detainees"]["reported_received"] == 51 + 51
    russia = factory.client.get(f"/api/v1/parties/{ids['russia']}/summary", params={"from": "2025-08-01"}).json()
    unstated = next(e for e in russia["lines"] if e["side"] == "received" and e["category"] is None)
    assert unstated["reported_received"] == 85 + 84 + 3  # and the 3 under the second agreement, in January
    # Outside agreements there is no state to filter on: the state filter leaves them out.
    in_any_state = factory.client.get(
        "/api/v1/summary",
        params=[("state", s) for s in ("not_started", "in_progress", "fulfilled", "stalled", "overdue")],
    ).json()
    assert _lines_as_sums(in_any_state["lines"]) == _statuses_summed(list(before.values()))
    mediator = factory.client.get(f"/api/v1/parties/{uae}/summary").json()
    assert {(e["side"], e["recipient_id"]) for e in mediator["lines"]} == {
        ("mediated", ids["ukraine"]),
        ("mediated", ids["russia"]),
    }


BAD_OUTSIDE: dict[str, tuple[Callable[[str, str], dict[str, Any]], int]] = {
    "a recipient that is neither party": (
        lambda a, b: {"lines": [{"recipient_id": "pty_somebody", "quantity": 1}]},
        422,
    ),
    "the same party twice": (lambda a, b: {"parties": [a, a]}, 422),
    "a party mediating itself": (lambda a, b: {"intermediaries": [b]}, 422),
    "an unknown party": (
        lambda a, b: {"parties": ["pty_missing", b], "lines": [{"recipient_id": b, "quantity": 1}]},
        404,
    ),
    "an unknown category": (lambda a, b: {"lines": [{"category": "sheep", "recipient_id": a, "quantity": 1}]}, 422),
}


@pytest.mark.parametrize("case", list(BAD_OUTSIDE))
def test_a_bad_outside_handover_is_a_problem_and_records_nothing(factory: Factory, case: str) -> None:
    first, second = factory.party(), factory.party()
    change, expected = BAD_OUTSIDE[case]
    body = {
        "parties": [first, second],
        "occurred_on": "2025-08-14",
        "source": SOURCE,
        "lines": [{"recipient_id": first, "quantity": 1}],
        **change(first, second),
    }
    response = _outside(factory, body)
    assert response.status_code == expected, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert factory.client.get("/api/v1/summary").json()["lines"] == []
    assert factory.client.get("/api/v1/updates").json()["items"] == []


def test_a_summary_names_the_parties_in_the_language_asked(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 6057), line(ist.remains, ist.russia, 78)])

    ukrainian = factory.client.get(f"/api/v1/parties/{ist.ukraine}/summary", params={"lang": "uk"})
    russian = factory.client.get("/api/v1/summary", headers={"Accept-Language": "ru-RU, en;q=0.5"})
    english = factory.client.get(f"/api/v1/parties/{ist.ukraine}/summary")

    assert ukrainian.status_code == russian.status_code == english.status_code == 200
    assert ukrainian.headers["content-language"] == "uk" and russian.headers["content-language"] == "ru"
    assert ukrainian.json()["party_name"] == "Україна" and english.json()["party_name"] == "Ukraine"
    assert {line["recipient_name"] for line in russian.json()["lines"]} == {"Украина", "Российская Федерация"}
    # The figures do not depend on the language.
    assert [line["received"] for line in ukrainian.json()["lines"]] == [
        line["received"] for line in english.json()["lines"]
    ]
    assert factory.client.get("/api/v1/summary", params={"lang": "de"}).status_code == 422
