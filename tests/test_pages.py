"""The public HTML pages, driven in-process: the figures a reader sees are the status API's figures."""

from datetime import date
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import Settings
from app.database import open_database
from app.demo import load_demo
from app.main import create_app
from app.status.policy import StatusPolicy
from tests.factories import Factory, Istanbul, commitment, line, recipient

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Collects the text of every element whose attributes include all of `wanted`."""

    def __init__(self, wanted: dict[str, str]) -> None:
        super().__init__()
        self.wanted = wanted
        self.stack: list[tuple[str, bool]] = []
        self.open: list[list[str]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        present = dict(attrs)
        matches = all(
            (present.get(k) or "") == v or (k == "class" and v in (present.get(k) or "").split())
            for k, v in self.wanted.items()
        )
        self.stack.append((tag, matches))
        if matches:
            self.open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        _, matched = self.stack.pop()
        if matched:
            self.found.append(" ".join("".join(self.open.pop()).split()))

    def handle_data(self, data: str) -> None:
        for parts in self.open:
            parts.append(data)


def texts(html: str, **wanted: str) -> list[str]:
    """Visible text of the elements carrying these attributes (`class_` matches one class)."""
    collector = _Collector({k.rstrip("_").replace("_", "-"): v for k, v in wanted.items()})
    collector.feed(html)
    return collector.found


def section(html: str, commitment_id: str) -> str:
    """The HTML of the section showing one commitment."""
    start = html.index(f'data-commitment="{commitment_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def asymmetric_remains(factory: Factory) -> Istanbul:
    """6,000 for 6,000 with 6,057 received by one side and 78 by the other, in three stages."""
    istanbul = factory.istanbul()
    stages = [("2025-06-11", 1212, 27), ("2025-06-14", 2448, 20), ("2025-06-16", 2397, 31)]
    for day, to_ukraine, to_russia in stages:
        factory.update(
            istanbul.agreement_id,
            [line(istanbul.remains, istanbul.ukraine, to_ukraine), line(istanbul.remains, istanbul.russia, to_russia)],
            occurred_on=day,
            stage="remains",
        )
    return istanbul


def test_agreement_page_shows_each_sides_figures_as_the_status_api_has_them(
    client: TestClient, factory: Factory
) -> None:
    istanbul = asymmetric_remains(factory)
    status = factory.status(istanbul.agreement_id)
    ukraine = recipient(status, istanbul.remains, istanbul.ukraine)
    russia = recipient(status, istanbul.remains, istanbul.russia)
    assert (ukraine["received"], russia["received"]) == (6057, 78)

    page = client.get(f"/agreements/{istanbul.agreement_id}")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    remains = section(page.text, istanbul.remains)
    assert texts(remains, class_="received", data_recipient=istanbul.ukraine) == [f"{ukraine['received']:,}"]
    assert texts(remains, class_="received", data_recipient=istanbul.russia) == [f"{russia['received']:,}"]
    assert texts(remains, class_="target") == [f"{ukraine['target']:,}", f"{russia['target']:,}"]
    assert texts(remains, class_="pct") == ["101%", "1.3%"]
    assert (ukraine["percent"], russia["percent"]) == (101.0, 1.3)
    assert texts(remains, class_="remaining") == ["0 (57 over)", f"{russia['remaining']:,}"]
    difference = commitment(status, istanbul.remains)["imbalance"]["difference"]
    assert f"Ukraine has received {difference:,} more than Russian Federation: 77.7 times as many." in remains


def test_agreement_page_draws_a_labelled_cumulative_chart_with_its_figures_in_a_table(
    client: TestClient, factory: Factory
) -> None:
    istanbul = asymmetric_remains(factory)

    remains = section(client.get(f"/agreements/{istanbul.agreement_id}").text, istanbul.remains)

    assert '<svg viewBox="0 0 480 260" role="img" aria-labelledby=' in remains
    assert texts(remains, class_="series slot-0") == [""] and texts(remains, class_="series slot-1") == [""]
    assert "Ukraine has received 6,057 of 6,000. Russian Federation has received 78 of 6,000." in remains
    assert "Received so far, by day of handover" in remains
    rows = texts(remains.split('class="figures-table"', 1)[1], scope="row")
    assert rows == ["11 Jun 2025", "14 Jun 2025", "16 Jun 2025"]
    assert "<td>1,212</td><td>27</td>" in remains and "<td>6,057</td><td>78</td>" in remains


def test_agreement_page_lists_latest_handovers_with_sources_review_state_and_data_links(
    client: TestClient, factory: Factory
) -> None:
    istanbul = asymmetric_remains(factory)

    page = client.get(f"/agreements/{istanbul.agreement_id}").text

    assert page.count('<li class="update" id="update-') == 3
    assert "Ukraine: 2,397 (remains of the fallen)" in page
    assert (
        '<a href="https://example.org/report" rel="external noopener noreferrer">Coordination Headquarters</a>' in page
    )
    assert "Reported, not yet verified" in page
    assert f'href="/api/v1/agreements/{istanbul.agreement_id}/status"' in page
    status_link = client.get(f"/api/v1/agreements/{istanbul.agreement_id}/status")
    assert status_link.status_code == 200


def test_index_lists_each_agreement_with_progress_per_term_and_its_last_handover(
    client: TestClient, factory: Factory
) -> None:
    istanbul = asymmetric_remains(factory)

    page = client.get("/").text

    assert f'href="/agreements/{istanbul.agreement_id}"' in page
    assert "Istanbul talks, second round: humanitarian exchanges" in page
    assert "<strong>16 June 2025</strong>" in page
    figures = texts(page, class_="side-figure")
    assert "6,057 of 6,000 101%" in figures and "78 of 6,000 1.3%" in figures
    assert texts(page, class_="bar-fill slot-0")  # a bar is drawn for a target term
    assert '<rect class="bar-fill slot-0" width="100.0" height="10"/>' in page  # 101% fills the bar, no more
    assert '<rect class="bar-fill slot-1" width="1.3" height="10"/>' in page


def test_index_filters_by_party_category_and_state_with_plain_get(client: TestClient, factory: Factory) -> None:
    istanbul = asymmetric_remains(factory)
    other = factory.agreement(
        title="Return of detained journalists",
        commitments=[{"category": "journalists", "measure": "all_for_all"}],
    )

    def titles(query: str) -> list[str]:
        response = client.get(f"/{query}")
        assert response.status_code == 200
        return texts(response.text, class_="card-head")

    assert len(titles("")) == 2
    assert titles("?category=journalists") == [f"{other['title']} No handover yet"]
    assert titles("?category=remains&state=") == ["Istanbul talks, second round: humanitarian exchanges Stalled"]
    assert titles(f"?party={istanbul.ukraine}") == ["Istanbul talks, second round: humanitarian exchanges Stalled"]
    assert titles("?state=not_started") == [f"{other['title']} No handover yet"]
    assert titles("?state=stalled") == ["Istanbul talks, second round: humanitarian exchanges Stalled"]
    assert titles("?state=fulfilled") == []
    assert "No agreement matches these filters." in client.get("/?state=fulfilled").text
    form = client.get(f"/?category=journalists&party={istanbul.russia}").text
    assert '<option value="journalists" selected>Journalists</option>' in form
    assert f'<option value="{istanbul.russia}" selected>Russian Federation</option>' in form
    lenient = client.get("/?state=lost")
    assert lenient.status_code == 200 and "There is no state called “lost”" in lenient.text


def test_a_term_with_no_handover_yet_reads_apart_from_a_stalled_one(client: TestClient, factory: Factory) -> None:
    istanbul = asymmetric_remains(factory)  # remains: last handover on 16 June 2025; the other terms: none

    page = client.get(f"/agreements/{istanbul.agreement_id}").text

    def badge_of(commitment_id: str) -> str:
        section = page.split(f'data-commitment="{commitment_id}"', 1)[1].split("</section>", 1)[0]
        badge: str = section.split('<span class="badge ', 1)[1].split("</span>", 1)[0]
        return badge

    assert badge_of(istanbul.remains) == 'badge-stalled">Stalled'
    assert badge_of(istanbul.wounded) == 'badge-not_started">No handover yet'
    assert badge_of(istanbul.young_soldiers) == 'badge-not_started">No handover yet'
    wounded = page.split(f'data-commitment="{istanbul.wounded}"', 1)[1].split("</section>", 1)[0]
    assert "Stalled" not in wounded and "No handover recorded yet under this term" in wounded


def test_every_field_is_escaped(client: TestClient, factory: Factory) -> None:
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    ukraine = factory.party('Side <img src=x onerror="alert(1)">')
    russia = factory.party("Other side")
    agreement = factory.agreement(
        title=hostile,
        parties=[ukraine, russia],
        notes=hostile,
        commitments=[
            {
                "category": "remains",
                "measure": "target",
                "description": hostile,
                "targets": [{"recipient_id": ukraine, "quantity": 10}, {"recipient_id": russia, "quantity": 10}],
            }
        ],
    )
    factory.update(
        agreement["id"],
        [line(agreement["commitments"][0]["id"], ukraine, 3)],
        note=hostile,
        stage="<i>2</i>",
        location="<u>border</u>",
    )

    for path in ("/", f"/agreements/{agreement['id']}"):
        page = client.get(path).text
        assert "<script>" not in page and "<b>bold" not in page and "<img src=x" not in page
        assert "<i>2</i>" not in page and "<u>border" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    not_found = client.get("/agreements/%3Cscript%3E")
    assert not_found.status_code == 404 and "<code>&lt;script&gt;</code>" in not_found.text


def test_pages_answer_if_none_match_with_304_until_the_status_changes(client: TestClient, factory: Factory) -> None:
    istanbul = asymmetric_remains(factory)
    path = f"/agreements/{istanbul.agreement_id}"

    first = client.get(path)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, max-age=5, stale-while-revalidate=30"
    assert str(date.today().strftime("%Y%m%d")) in etag

    unchanged = client.get(path, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    index_etag = client.get("/").headers["etag"]
    assert client.get("/", headers={"If-None-Match": index_etag}).status_code == 304
    assert client.get("/?category=remains", headers={"If-None-Match": index_etag}).status_code == 200

    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.russia, 900)], occurred_on="2025-06-20")

    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert texts(section(changed.text, istanbul.remains), class_="received", data_recipient=istanbul.russia) == ["978"]
    assert client.get("/", headers={"If-None-Match": index_etag}).status_code == 200


def test_an_unknown_agreement_gets_a_friendly_404_page(client: TestClient) -> None:
    response = client.get("/agreements/agr_nothing_here")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<h1 id="not-found">No such agreement</h1>' in response.text
    assert '<a class="button" href="/">See every agreement</a>' in response.text


def test_the_demo_ledger_shows_the_published_record_of_2025(client: TestClient, settings: Settings) -> None:
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        loaded = load_demo(session, policy=StatusPolicy.from_settings(settings))
        session.commit()
    database.dispose()

    index = client.get("/").text

    assert loaded.stages_recorded == 27 and loaded.totals_announced == 2
    assert texts(index, class_="card-head") == [
        "Istanbul talks, first round: 1,000-for-1,000 exchange Fulfilled",
        "Istanbul talks, second round: humanitarian exchanges Stalled",
        "Istanbul talks, third round: 1,200-for-1,200 exchange Stalled",
    ]
    figures = texts(index, class_="side-figure")
    assert figures[:2] == ["1,000 of 1,000 100%", "1,000 of 1,000 100%"]  # 390 + 307 + 303 each way, May 2025
    assert "at least 250 received" in figures  # "about 250" wounded each way on 23 July
    assert "0 of 339 0%" in figures  # the children on Ukraine's list: none reported returned
    assert "359 of at least 1,200 30%" in figures  # 154 + 205 each way under the third round
    assert "<strong>No handover recorded</strong>" not in index
    first_round = index.split('href="/agreements/', 1)[1].split('"', 1)[0]
    page = client.get(f"/agreements/{first_round}").text
    assert "No handover recorded yet" not in page
    assert "https://www.pravda.com.ua/eng/news/2025/05/23/7513734/" in page  # each handover with its source


def test_html_gets_a_policy_for_its_own_stylesheet_while_the_api_keeps_the_strict_one(
    client: TestClient, factory: Factory
) -> None:
    istanbul = factory.istanbul()

    page = client.get(f"/agreements/{istanbul.agreement_id}")
    api = client.get(f"/api/v1/agreements/{istanbul.agreement_id}/status")

    policy = page.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "img-src 'self' data:" in policy and "script-src" not in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    assert "style-src" not in api.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_stylesheet_is_served_from_the_package_and_cached_by_its_versioned_url(client: TestClient) -> None:
    page = client.get("/").text
    href = page.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]

    versioned = client.get(href)
    plain = client.get("/static/pages.css")

    assert href.startswith("/static/pages.css?v=")
    assert versioned.status_code == 200 and versioned.headers["content-type"].startswith("text/css")
    assert "immutable" in versioned.headers["cache-control"]
    assert plain.headers["cache-control"] == "no-cache"
    assert "@media print" in versioned.text and "@media (max-width: 40rem)" in versioned.text
    assert client.get(href, headers={"If-None-Match": versioned.headers["etag"]}).status_code == 304
    assert "http://" not in versioned.text and "https://" not in versioned.text  # nothing fetched from elsewhere


def test_pages_stay_out_of_the_openapi_document(client: TestClient) -> None:
    paths: dict[str, Any] = client.get("/openapi.json").json()["paths"]

    assert "/" not in paths and "/agreements/{agreement_id}" not in paths and "/static/pages.css" not in paths


def test_agreement_page_marks_overdue_terms_withheld_figures_unattributed_handovers_and_verified_claims(
    client: TestClient, factory: Factory, keys: dict[str, dict[str, str]]
) -> None:
    ukraine, russia = factory.party("Ukraine"), factory.party("Russian Federation")
    agreement = factory.agreement(
        title="Exchange of prisoners of war",
        parties=[ukraine, russia],
        commitments=[
            {
                "category": "prisoners_of_war",
                "measure": "target",
                "due_on": "2025-07-01",
                "targets": [{"recipient_id": ukraine, "quantity": 1000}, {"recipient_id": russia, "quantity": 1000}],
            }
        ],
    )
    term = agreement["commitments"][0]["id"]
    verified = factory.update(
        agreement["id"], [line(term, ukraine, 390), line(term, russia, None)], occurred_on="2025-06-20", stage="1"
    )
    factory.update(agreement["id"], [line(None, ukraine, 12)], occurred_on="2025-06-21")
    review = client.post(
        f"/api/v1/updates/{verified['id']}/reviews",
        json={"state": "verified", "reason": "Both sides confirmed the count."},
        headers=keys["verifier"],
    )
    assert review.status_code == 201, review.text
    status = factory.status(agreement["id"])
    assert commitment(status, term)["state"] == "overdue"

    page = client.get(f"/agreements/{agreement['id']}").text

    shown = section(page, term)
    assert "Overdue: it was due on 1 July 2025." in shown
    assert texts(shown, class_="received", data_recipient=russia) == ["at least 0"]
    assert "(1 with the number withheld)" in shown
    assert "Some numbers were withheld, so the true totals may be higher." in shown
    assert "Handovers with no term stated" in page and "Ukraine: 12 (term not stated)" in page
    assert '<span class="review review-verified">Verified</span>' in page
    assert "Russian Federation: number withheld (prisoners of war)" in page


def test_each_term_chart_is_an_svg_of_its_own_with_its_text_alternative(client: TestClient, factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 6057), line(ist.remains, ist.russia, 78)], "2025-06-16"
    )
    path = f"/agreements/{ist.agreement_id}/charts/{ist.remains}.svg"

    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["content-security-policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert response.headers["cache-control"].startswith("public")
    svg = ElementTree.fromstring(response.content)  # noqa: S314 (our own answer): a well-formed document of its own
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("role") == "img"
    assert (svg.findtext("svg:title", namespaces=ns) or "").endswith(": received so far, over time")
    description = svg.findtext("svg:desc", namespaces=ns) or ""
    assert "Ukraine has received 6,057 of 6,000" in description and "Russian Federation has received 78" in description
    assert len(svg.findall(".//svg:path", ns)) == 2  # one line per side
    assert ".series.slot-0" in (svg.findtext("svg:style", namespaces=ns) or "")  # drawn as on the page
    again = client.get(path, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    missing = client.get(f"/agreements/{ist.agreement_id}/charts/cmt_not_a_term.svg")
    assert missing.status_code == 404
    page = client.get(f"/agreements/{ist.agreement_id}").text
    assert f"/agreements/{ist.agreement_id}/charts/{ist.remains}.svg" in page  # the snippet to copy
    assert f"/agreements/{ist.agreement_id}/embed" in page


def test_the_embed_view_may_be_framed_where_the_page_may_not(
    client: TestClient, factory: Factory, settings: Settings
) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], "2025-06-11")

    embed = client.get(f"/agreements/{ist.agreement_id}/embed")
    page = client.get(f"/agreements/{ist.agreement_id}")

    assert embed.status_code == 200 and "1,212" in embed.text
    assert embed.headers["content-security-policy"].endswith("frame-ancestors *")
    assert "x-frame-options" not in embed.headers
    assert "script-src" not in embed.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    limited = settings.model_copy(update={"embed_frame_ancestors": "https://news.example 'self'"})
    with TestClient(create_app(limited)) as other:
        framed = other.get(f"/agreements/{ist.agreement_id}/embed")
    assert framed.headers["content-security-policy"].endswith("frame-ancestors https://news.example 'self'")


def party_ledger(factory: Factory, keys: dict[str, dict[str, str]]) -> Istanbul:
    """Remains both ways in June and July, prisoners with one number withheld and one approximate, a verified
    stage, and a handover outside any agreement."""
    istanbul = asymmetric_remains(factory)
    verified = factory.update(
        istanbul.agreement_id,
        [line(istanbul.remains, istanbul.ukraine, 1000), line(istanbul.remains, istanbul.russia, 19)],
        occurred_on="2025-07-03",
    )
    review = factory.client.post(
        f"/api/v1/updates/{verified['id']}/reviews",
        json={"state": "verified", "reason": "Both sides confirmed the count."},
        headers=keys["verifier"],
    )
    assert review.status_code == 201, review.text
    factory.update(
        istanbul.agreement_id,
        [
            line(istanbul.young_soldiers, istanbul.ukraine, None),
            line(istanbul.young_soldiers, istanbul.russia, 250, "approximate"),
        ],
        occurred_on="2025-07-09",
    )
    outside = factory.client.post(
        "/api/v1/outside-handovers",
        json={
            "parties": [istanbul.ukraine, istanbul.russia],
            "occurred_on": "2025-08-14",
            "source": {"publisher": "Coordination Headquarters"},
            "lines": [{"recipient_id": istanbul.ukraine, "quantity": 84}],
        },
        headers=keys["monitor"],
    )
    assert outside.status_code == 201, outside.text
    return istanbul


def category_section(html: str, category: str) -> str:
    """The HTML of the section showing one category on a party's page."""
    start = html.index(f'data-category="{category}"')
    return html[start : html.find("</section>", start)]


def counted(received: int, *, lower_bound: bool, exact: bool = True) -> str:
    """A summed figure as the pages write it."""
    return ("at least " if lower_bound else "" if exact else "about ") + f"{received:,}"


def test_party_page_shows_the_summary_apis_figures_per_category_with_their_flags_and_months(
    client: TestClient, factory: Factory, keys: dict[str, dict[str, str]]
) -> None:
    istanbul = party_ledger(factory, keys)
    summary = client.get(f"/api/v1/parties/{istanbul.ukraine}/summary", params={"interval": "month"}).json()
    assert {(e["category"], e["side"]) for e in summary["lines"]} == {
        ("prisoners_of_war", "received"),
        ("prisoners_of_war", "handed_over"),
        ("remains", "received"),
        ("remains", "handed_over"),
        (None, "received"),
    }

    page = client.get(f"/parties/{istanbul.ukraine}")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert texts(page.text, id="main")[0].startswith("All agreements Ukraine What Ukraine received and handed over")
    for entry in summary["lines"]:
        shown = category_section(page.text, entry["category"] or "unstated")
        cell = texts(shown, class_="received", data_side=entry["side"], data_recipient=entry["recipient_id"])
        exact = entry["received_is_exact"]
        assert cell == [counted(entry["received"], lower_bound=entry["received_is_lower_bound"], exact=exact)]
        reported = counted(entry["reported_received"], lower_bound=entry["reported_is_lower_bound"])
        verified = counted(entry["verified_received"], lower_bound=entry["verified_is_lower_bound"])
        assert f"{reported} in {entry['reported_handovers']:,} handover" in " ".join(texts(shown, class_="reported"))
        assert f"{verified} in {entry['verified_handovers']:,} handover" in " ".join(texts(shown, class_="verified"))
    prisoners = category_section(page.text, "prisoners_of_war")
    remains = category_section(page.text, "remains")
    assert texts(prisoners, class_="received") == ["at least 0", "about 250"]  # never added to the remains
    assert "(1 with the number withheld)" in prisoners
    assert texts(remains, class_="received") == ["7,057", "97"]
    assert texts(remains, class_="verified") == ["1,000 in 1 handover", "19 in 1 handover"]
    assert "Handed over to " in remains and f'<a href="/parties/{istanbul.russia}">Russian Federation</a>' in remains
    assert texts(category_section(page.text, "unstated"), class_="received") == ["84"]
    # The monthly bars and their table are the summary's series: one month at a time, not cumulative.
    months = {
        (point["period"], point["side"]): point["received"]
        for point in summary["series"]
        if point["category"] == "remains"
    }
    assert months == {("2025-06", "received"): 6057, ("2025-06", "handed_over"): 78} | {
        ("2025-07", "received"): 1000,
        ("2025-07", "handed_over"): 19,
    }
    # August had a handover outside any agreement with no category: the remains' table leaves it out.
    assert texts(remains.split('class="figures-table"', 1)[1], scope="row") == ["Jun 2025", "Jul 2025"]
    assert "<td>6,057</td><td>78</td>" in remains and "<td>1,000</td><td>19</td>" in remains
    assert '<svg viewBox="0 0 480 260" role="img"' in remains
    assert '-chart-title">Remains of the fallen: received per month</title>' in remains
    assert len(texts(remains, class_="month-bar slot-0")) == 2 and len(texts(remains, class_="month-bar slot-1")) == 2
    assert texts(prisoners.split('class="figures-table"', 1)[1], scope="row") == ["Jul 2025"]
    assert "<td>number withheld</td><td>about 250</td>" in prisoners


def test_party_page_lists_its_agreements_and_links_to_its_summary_and_exports(
    client: TestClient, factory: Factory, keys: dict[str, dict[str, str]]
) -> None:
    istanbul = party_ledger(factory, keys)

    page = client.get(f"/parties/{istanbul.turkiye}").text

    listed = page.split('id="agreements-heading"', 1)[1]
    assert f'<a href="/agreements/{istanbul.agreement_id}">Istanbul talks, second round' in listed
    assert "as mediator" in listed
    mediated = {
        (entry["side"], entry["recipient_id"])
        for entry in client.get(f"/api/v1/parties/{istanbul.turkiye}/summary").json()["lines"]
    }
    assert mediated == {("mediated", istanbul.ukraine), ("mediated", istanbul.russia)}
    assert texts(category_section(page, "remains"), class_="received") == ["97", "7,057"]  # by name
    links = texts(page.split('class="data-links"', 1)[1], type="text/csv")
    assert links == ["Summary (CSV)", "Summary (CSV with HXL tags)"]
    hrefs = [href.replace("&amp;", "&") for href in page.split('class="data-links"', 1)[1].split('href="')[1:4]]
    summary, csv, hxl = (href.split('"', 1)[0] for href in hrefs)
    assert (
        client.get(summary).json()
        == client.get(f"/api/v1/parties/{istanbul.turkiye}/summary", params={"interval": "month"}).json()
    )
    exported = client.get(csv)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert istanbul.turkiye in exported.text
    tagged = client.get(hxl)
    assert tagged.status_code == 200 and "#" in tagged.text.splitlines()[1]


def test_party_page_carries_the_pages_headers_and_answers_304_until_a_handover(
    client: TestClient, factory: Factory
) -> None:
    istanbul = asymmetric_remains(factory)
    path = f"/parties/{istanbul.russia}"

    first = client.get(path)

    assert first.headers["cache-control"] == "public, max-age=5, stale-while-revalidate=30"
    assert first.headers["x-frame-options"] == "DENY"
    assert "style-src 'self'" in first.headers["content-security-policy"]
    etag = first.headers["etag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.russia, 900)], occurred_on="2025-06-20")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    shown = category_section(changed.text, "remains")
    assert texts(shown, class_="received", data_side="received", data_recipient=istanbul.russia) == ["978"]


def test_an_unknown_party_gets_the_pages_404_page(client: TestClient) -> None:
    response = client.get("/parties/pty_nobody_here")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<h1 id="not-found">No such party</h1>' in response.text
    assert "<code>pty_nobody_here</code>" in response.text
    assert response.headers["cache-control"] == "no-cache"


def test_agreement_page_and_index_link_each_party_to_its_page(client: TestClient, factory: Factory) -> None:
    istanbul = asymmetric_remains(factory)

    agreement_page = client.get(f"/agreements/{istanbul.agreement_id}").text
    index = client.get("/").text

    for party_id, name in ((istanbul.ukraine, "Ukraine"), (istanbul.russia, "Russian Federation")):
        link = f'<a class="party-link" href="/parties/{party_id}">{name}</a>'
        assert link in agreement_page.split('class="facts"', 1)[1].split("</dl>", 1)[0]
        assert link in section(agreement_page, istanbul.remains)
        assert link in index
        party_page = client.get(f"/parties/{party_id}")
        assert party_page.status_code == 200 and f"<h1>{name}</h1>" in party_page.text
    assert f'<a class="party-link" href="/parties/{istanbul.turkiye}">Türkiye</a>' in agreement_page
