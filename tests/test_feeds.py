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
        "Handover of 20 June 2025: an undisclosed number received by Ukraine, about 250 by Russian Federation",
        "Stage 2: 6,057 received by Ukraine, 78 by Russian Federation",
    ]
    assert [e.id for e in feed.entries] == [
        f"tag:exchange-ledger.org,2025:updates/{later['id']}",
        f"tag:exchange-ledger.org,2025:updates/{stage_2['id']}",
    ]
    link = next(x.href for x in feed.entries[1].links if x.rel == "alternate")
    assert link.endswith(f"/api/v1/updates/{stage_2['id']}")
    assert factory.client.get(link).json() == stage_2
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
    assert once.entries[1].title == "Stage 1: 1,212 received by Ukraine"
    assert "Coordination Headquarters" in once.entries[1].summary


def test_empty_feed_is_valid_and_unknown_agreement_is_a_problem(factory: Factory) -> None:
    empty = feedparser.parse(factory.client.get("/api/v1/feed").content)
    unknown = factory.client.get("/api/v1/agreements/agr_nope/feed")

    assert not empty.bozo, empty.get("bozo_exception")
    assert empty.entries == []
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
