"""Atom feeds of fulfilment updates, read by feedparser as a feed reader would."""

import feedparser

from tests.factories import Factory, line


def test_agreement_feed_names_what_was_received_by_whom(factory: Factory) -> None:
    ist = factory.istanbul()
    stage_2 = factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 6057), line(ist.remains, ist.russia, 78)],
        occurred_on="2025-06-16",
        stage="2",
    )
    later = factory.update(
        ist.agreement_id,
        [line(ist.wounded, ist.ukraine, None), line(None, ist.russia, 250, "approximate")],
        occurred_on="2025-06-20",
    )

    response = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/feed")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Istanbul talks, second round: humanitarian exchanges: fulfilment updates"
    assert [e.title for e in feed.entries] == [
        "Handover of 20 June 2025: an undisclosed number received by Ukraine, about 250 by Russian Federation"
        " (first report; not reviewed yet)",
        "Stage 2: 6,057 received by Ukraine, 78 by Russian Federation (first report; not reviewed yet)",
    ]
    assert [e.id for e in feed.entries] == [
        f"tag:exchange-ledger.org,2025:updates/{later['id']}",
        f"tag:exchange-ledger.org,2025:updates/{stage_2['id']}",
    ]
    page = next(x for x in feed.entries[1].links if x.rel == "alternate")
    assert page.type == "text/html" and page.href.endswith(f"/agreements/{ist.agreement_id}#update-{stage_2['id']}")
    assert f'id="update-{stage_2["id"]}"' in factory.client.get(page.href.split("#")[0]).text
    data = next(x.href for x in feed.entries[1].links if x.rel == "related")
    assert data.endswith(f"/api/v1/updates/{stage_2['id']}")
    assert factory.client.get(data).json() == {**stage_2, "log_entry": factory.client.get(data).json()["log_entry"]}
    assert feed.entries[1].updated_parsed is not None


def test_overall_feed_has_every_agreement_and_stable_ids(factory: Factory) -> None:
    ist = factory.istanbul()
    other = factory.agreement(commitments=[{"category": "children", "measure": "all_for_all"}])
    first = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], stage="1")
    second = factory.update(other["id"], [line(other["commitments"][0]["id"], other["parties"][0]["id"], 22)])

    once = feedparser.parse(factory.client.get("/api/v1/feed").content)
    again = feedparser.parse(factory.client.get("/api/v1/feed").content)

    assert not once.bozo, once.get("bozo_exception")
    assert [e.id for e in once.entries] == [e.id for e in again.entries]
    assert [e.id.rsplit("/", 1)[1] for e in once.entries] == [second["id"], first["id"]]
    assert once.entries[1].title == "Stage 1: 1,212 received by Ukraine (first report; not reviewed yet)"
    assert "Coordination Headquarters" in once.entries[1].summary


def test_empty_feed_is_valid_and_unknown_agreement_is_a_problem(factory: Factory) -> None:
    empty = feedparser.parse(factory.client.get("/api/v1/feed").content)
    unknown = factory.client.get("/api/v1/agreements/agr_nope/feed")

    assert not empty.bozo, empty.get("bozo_exception")
    assert empty.entries == []
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


def test_an_entry_says_what_its_claim_is_and_comes_back_when_reviewed_or_corrected(factory: Factory) -> None:
    ist = factory.istanbul()
    first = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], occurred_on="2025-06-11")
    further = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1200)], occurred_on="2025-06-11", claim_of=first["id"]
    )
    later = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1245)], occurred_on="2025-06-16")
    url = f"/api/v1/agreements/{ist.agreement_id}/feed"

    def entries() -> dict[str, feedparser.FeedParserDict]:
        parsed = feedparser.parse(factory.client.get(url).content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        return {e.id.rsplit("/", 1)[1]: e for e in parsed.entries}

    before = entries()
    assert "further claim" in before[further["id"]].title and "first report" in before[first["id"]].title
    assert [t.term for t in before[first["id"]].tags] == ["reported"]

    rejected = factory.client.post(
        f"/api/v1/updates/{first['id']}/reviews",
        json={"state": "rejected", "reason": "no second source"},
        headers=factory.keys["verifier"],
    )
    assert rejected.status_code == 201
    corrected = factory.client.post(
        f"/api/v1/updates/{later['id']}/corrections",
        json={
            "reason": "recounted",
            "occurred_on": "2025-06-16",
            "source": {"publisher": "HQ"},
            "lines": [line(ist.remains, ist.ukraine, 1250)],
        },
        headers=factory.keys["monitor"],
    )
    assert corrected.status_code == 201
    after = entries()
    reviewed = after[first["id"]]
    assert "rejected: not counted" in reviewed.title and [t.term for t in reviewed.tags] == ["rejected"]
    assert reviewed.updated > before[first["id"]].updated  # the review brings it back, with a new time
    assert "replaced by a correction" in after[later["id"]].title
    assert [t.term for t in after[later["id"]].tags] == ["superseded"]
    assert "correction" in after[corrected.json()["id"]].title
    newest_first = list(after)
    assert newest_first[:2] == [corrected.json()["id"], later["id"]]  # latest change first


def test_a_handover_outside_any_agreement_links_to_the_receiving_partys_page(factory: Factory) -> None:
    ist = factory.istanbul()
    recorded = factory.client.post(
        "/api/v1/outside-handovers",
        json={
            "parties": [ist.russia, ist.ukraine],
            "occurred_on": "2025-08-14",
            "source": {"publisher": "Coordination Headquarters"},
            "lines": [{"category": "prisoners_of_war", "recipient_id": ist.ukraine, "quantity": 84}],
        },
        headers=factory.keys["monitor"],
    )
    assert recorded.status_code == 201, recorded.text
    in_agreement = factory.update(ist.agreement_id, [line(ist.remains, ist.russia, 78)], stage="2")

    feed = feedparser.parse(factory.client.get("/api/v1/feed").content)

    assert not feed.bozo, feed.get("bozo_exception")
    pages = {e.id.rsplit("/", 1)[1]: next(x.href for x in e.links if x.rel == "alternate") for e in feed.entries}
    assert pages[recorded.json()["id"]].endswith(f"/parties/{ist.ukraine}")
    assert pages[in_agreement["id"]].endswith(f"/agreements/{ist.agreement_id}#update-{in_agreement['id']}")
    page = factory.client.get(pages[recorded.json()["id"]])
    assert page.status_code == 200 and "<h1>Ukraine</h1>" in page.text
    assert factory.client.get(f"/agreements/{recorded.json()['agreement_id']}").status_code == 404
