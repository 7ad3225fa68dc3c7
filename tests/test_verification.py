"""Claims, review and corrections: a realistic sequence, replayed through the API on both databases."""

from typing import Any

from tests.factories import SOURCE, Factory, Istanbul, commitment, line, recipient

HQ = {"publisher": "Coordination Headquarters for the Treatment of Prisoners of War"}
MINISTRY = {"publisher": "Ministry of Defence of the Russian Federation"}


def _post(
    factory: Factory, ist: Istanbul, lines: list[dict[str, Any]], occurred_on: str, **extra: Any
) -> dict[str, Any]:
    body = {"occurred_on": occurred_on, "source": extra.pop("source", HQ), "lines": lines, **extra}
    response = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates", json=body, headers=factory.keys["monitor"]
    )
    assert response.status_code == 201, response.text
    update: dict[str, Any] = response.json()
    return update


def _review(factory: Factory, update_id: str, state: str, reason: str = "checked against the ICRC record") -> Any:
    return factory.client.post(
        f"/api/v1/updates/{update_id}/reviews",
        json={"state": state, "reason": reason},
        headers=factory.keys["verifier"],
    )


def _ua(factory: Factory, ist: Istanbul, **params: str) -> dict[str, Any]:
    status = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", params=params).json()
    return recipient(status, ist.remains, ist.ukraine)


def test_a_season_of_conflicting_claims_corrections_and_disputes(factory: Factory) -> None:
    ist = factory.istanbul()
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"

    # Both sides report stage 1, with different figures for Ukraine: counted once, flagged.
    stage1 = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)], "2025-06-11"
    )
    assert stage1["review_state"] == "reported" and stage1["handover_id"] == stage1["id"]
    claim = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 1200)], "2025-06-11", source=MINISTRY, claim_of=stage1["id"]
    )
    assert claim["handover_id"] == stage1["id"]
    ua = _ua(factory, ist)
    assert (ua["received"], ua["discrepancies"], ua["handovers"]) == (1212, 1, 1)
    remains = commitment(factory.client.get(status_url).json(), ist.remains)
    [discrepancy] = remains["discrepancies"]
    assert {(c["quantity"], c["publisher"]) for c in discrepancy["claims"]} == {
        (1212, HQ["publisher"]),
        (1200, MINISTRY["publisher"]),
    }

    # A verifier settles it: the verified figure stands.
    assert _review(factory, claim["id"], "verified").status_code == 201
    ua = _ua(factory, ist)
    assert (ua["received"], ua["verified_received"], ua["discrepancies"]) == (1200, 1200, 0)

    # Stage 2, corrected a week later: the correction supersedes, the original stays readable.
    stage2 = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 4845), line(ist.remains, ist.russia, 51)], "2025-06-16"
    )
    correction = factory.client.post(
        f"/api/v1/updates/{stage2['id']}/corrections",
        json={
            "reason": "HQ corrected its count on 23 June",
            "occurred_on": "2025-06-16",
            "source": HQ,
            "lines": [line(ist.remains, ist.ukraine, 4857), line(ist.remains, ist.russia, 51)],
        },
        headers=factory.keys["monitor"],
    )
    assert correction.status_code == 201
    assert correction.json()["supersedes"] == stage2["id"]
    assert factory.client.get(f"/api/v1/updates/{stage2['id']}").json()["superseded_by"] == correction.json()["id"]
    assert _ua(factory, ist)["received"] == 6057

    # Stage 3 is rejected: kept, but never counted.
    stage3 = _post(factory, ist, [line(ist.remains, ist.ukraine, 100), line(ist.remains, ist.russia, 10)], "2025-06-20")
    assert _review(factory, stage3["id"], "rejected", "no such handover took place").status_code == 201
    status = factory.client.get(status_url).json()
    assert recipient(status, ist.remains, ist.ukraine)["received"] == 6057
    assert recipient(status, ist.remains, ist.russia)["received"] == 78
    assert commitment(status, ist.remains)["imbalance"]["difference"] == 5979

    # A running total is announced: set beside the stages, never added, flagged where it disagrees.
    announced = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/announced-totals",
        json={
            "claimant": "Coordination Headquarters",
            "stated_on": "2025-06-25",
            "source": HQ,
            "figures": [line(ist.remains, ist.ukraine, 6060), line(ist.remains, ist.russia, 78)],
        },
        headers=factory.keys["monitor"],
    )
    assert announced.status_code == 201
    status = factory.client.get(status_url).json()
    ua, ru = recipient(status, ist.remains, ist.ukraine), recipient(status, ist.remains, ist.russia)
    assert ua["received"] == 6057
    assert (ua["announced"]["quantity"], ua["announced"]["sum_of_stages_then"], ua["announced"]["differs"]) == (
        6060,
        6057,
        True,
    )
    assert (ru["announced"]["quantity"], ru["announced"]["differs"]) == (78, False)

    # A handover whose attribution one side denies: totals with and without it.
    young = _post(
        factory,
        ist,
        [line(ist.young_soldiers, ist.ukraine, 84), line(ist.young_soldiers, ist.russia, 84)],
        "2025-06-26",
    )
    dispute = factory.client.post(
        f"/api/v1/updates/{young['id']}/attribution-disputes",
        json={
            "party_id": ist.russia,
            "position": "does_not_belong",
            "statement": "An exchange under a separate arrangement, not the Istanbul agreement",
            "source": MINISTRY,
        },
        headers=factory.keys["monitor"],
    )
    assert dispute.status_code == 201
    ua_young = recipient(factory.client.get(status_url).json(), ist.young_soldiers, ist.ukraine)
    assert (ua_young["received"], ua_young["received_excluding_disputed_attribution"]) == (84, 0)
    assert ua_young["disputed_attribution_handovers"] == 1

    # Time travel: the status as it stood on past days, with what is known now.
    assert _ua(factory, ist, as_of="2025-06-12")["received"] == 1200
    assert _ua(factory, ist, as_of="2025-06-17")["received"] == 6057
    assert _ua(factory, ist, as_of="2025-06-10")["received"] == 0

    # The timeline is ready for a chart: cumulative, rejected stage left out, announcement beside it.
    timeline = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/timeline").json()
    ua_series = next(
        s for s in timeline["series"] if s["commitment_id"] == ist.remains and s["recipient_id"] == ist.ukraine
    )
    assert [(p["date"], p["received"]) for p in ua_series["points"]] == [("2025-06-11", 1200), ("2025-06-16", 6057)]
    assert [(a["quantity"], a["sum_of_stages_then"], a["differs"]) for a in timeline["announced"]] == [
        (6060, 6057, True),
        (78, 78, False),
    ]

    # Verified totals count only what a verifier verified.
    assert _review(factory, correction.json()["id"], "verified").status_code == 201
    assert _ua(factory, ist)["verified_received"] == 6057

    # The whole record still adds up.
    queue = factory.client.get("/api/v1/updates", params={"review_state": "reported"}).json()["items"]
    assert [u["id"] for u in queue] == [stage1["id"], young["id"]]


def test_review_rules_refuse_bad_requests_and_change_nothing(factory: Factory) -> None:
    ist = factory.istanbul()
    stage = _post(factory, ist, [line(ist.remains, ist.ukraine, 10)], "2025-06-11")
    other = factory.agreement(commitments=[])
    foreign = factory.update(other["id"], [line(None, other["parties"][0]["id"], 1)])
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"
    before = factory.client.get(status_url).json()

    assert _review(factory, "upd_missing", "verified").status_code == 404
    assert _review(factory, stage["id"], "verified", reason="").status_code == 422
    assert _review(factory, stage["id"], "reported").status_code == 422
    no_reason = factory.client.post(
        f"/api/v1/updates/{stage['id']}/reviews", json={"state": "verified"}, headers=factory.keys["verifier"]
    )
    assert no_reason.status_code == 422
    assert (
        factory.client.post(
            f"/api/v1/updates/{stage['id']}/reviews",
            json={"state": "verified", "reason": "x"},
            headers=factory.keys["monitor"],
        ).status_code
        == 403
    )
    linked_elsewhere = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        json={
            "occurred_on": "2025-06-11",
            "source": SOURCE,
            "claim_of": foreign["id"],
            "lines": [line(ist.remains, ist.ukraine, 9)],
        },
        headers=factory.keys["monitor"],
    )
    assert linked_elsewhere.status_code == 422

    own = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        json={"occurred_on": "2025-06-12", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 5)]},
        headers=factory.keys["verifier"],
    ).json()
    mid = factory.client.get(status_url).json()
    assert _review(factory, own["id"], "verified").status_code == 403

    correction = {
        "reason": "recount",
        "occurred_on": "2025-06-11",
        "source": SOURCE,
        "lines": [line(ist.remains, ist.ukraine, 11)],
    }
    first = factory.client.post(
        f"/api/v1/updates/{stage['id']}/corrections", json=correction, headers=factory.keys["monitor"]
    )
    assert first.status_code == 201
    after_first = factory.client.get(status_url).json()
    again = factory.client.post(
        f"/api/v1/updates/{stage['id']}/corrections", json=correction, headers=factory.keys["monitor"]
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert _review(factory, stage["id"], "verified").status_code == 409

    assert recipient(before, ist.remains, ist.ukraine)["received"] == 10
    assert recipient(mid, ist.remains, ist.ukraine)["received"] == 15
    assert factory.client.get(status_url).json() == after_first
    assert recipient(after_first, ist.remains, ist.ukraine)["received"] == 16


def test_all_for_all_term_is_fulfilled_only_by_a_declaration_and_can_be_reopened(factory: Factory) -> None:
    ist = factory.istanbul()
    _post(factory, ist, [line(ist.wounded, ist.ukraine, 300), line(ist.wounded, ist.russia, 300)], "2025-06-11")
    url = f"/api/v1/commitments/{ist.wounded}"
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"

    declared = factory.client.post(
        f"{url}/completion", json={"completed_on": "2025-06-30", "source": HQ}, headers=factory.keys["editor"]
    )
    assert declared.status_code == 201 and declared.json()["completed_on"] == "2025-06-30"
    assert commitment(factory.client.get(status_url).json(), ist.wounded)["state"] == "fulfilled"
    assert (
        commitment(factory.client.get(status_url, params={"as_of": "2025-06-20"}).json(), ist.wounded)["state"]
        != "fulfilled"
    )
    assert (
        factory.client.post(
            f"{url}/completion", json={"completed_on": "2025-06-30", "source": HQ}, headers=factory.keys["editor"]
        ).status_code
        == 409
    )
    assert (
        factory.client.post(
            f"/api/v1/commitments/{ist.remains}/completion",
            json={"completed_on": "2025-06-30", "source": HQ},
            headers=factory.keys["editor"],
        ).status_code
        == 422
    )

    reopened = factory.client.post(
        f"{url}/reopening", json={"reason": "more seriously wounded identified"}, headers=factory.keys["editor"]
    )
    assert reopened.status_code == 201 and reopened.json()["completed_on"] is None
    assert commitment(factory.client.get(status_url).json(), ist.wounded)["state"] != "fulfilled"


def test_review_history_keeps_who_when_and_why(factory: Factory) -> None:
    ist = factory.istanbul()
    stage = _post(factory, ist, [line(ist.remains, ist.ukraine, 10)], "2025-06-11")
    _review(factory, stage["id"], "disputed", "figures differ from the ICRC's")
    _review(factory, stage["id"], "verified", "ICRC confirmed")

    history = factory.client.get(f"/api/v1/updates/{stage['id']}/reviews").json()

    assert [(r["from_state"], r["to_state"], r["reason"]) for r in history] == [
        ("reported", "disputed", "figures differ from the ICRC's"),
        ("disputed", "verified", "ICRC confirmed"),
    ]
    assert all(r["reviewed_by"].startswith("key_") for r in history)
