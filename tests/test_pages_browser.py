"""The public pages in a real browser: Debian's headless Chromium, driven by Playwright, JavaScript off.

The service runs as `exchange-ledger serve` on a loopback port. A missing browser fails these tests:
`bash scripts/test` installs Chromium when it is absent.
"""

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlmodel import Session

from app.core.config import Settings
from app.database import open_database
from app.demo import load_demo
from app.keys.models import Role
from app.keys.service import create_key
from app.status.policy import StatusPolicy
from tests.conftest import _empty_tables
from tests.server import running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@dataclass
class Scenario:
    """A served ledger with the demo data and an asymmetric 6,000 for 6,000 exchange."""

    base: str
    label: str
    agreement_id: str
    remains: str
    ukraine: str
    russia: str
    demo_ids: list[str]


def _database_label(database_url: str) -> str:
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"


@pytest.fixture(scope="module")
def scenario(database_url: str) -> Iterator[Scenario]:
    """Serve the demo data plus an exchange where one side received 6,057 and the other 78 (once per module)."""
    _empty_tables(database_url)
    database = open_database(database_url)
    with Session(database.write_engine) as session:
        demo_ids = load_demo(session, policy=StatusPolicy.from_settings(Settings())).agreement_ids
        _, editor = create_key(session, name="editor", role=Role.editor)
        _, monitor = create_key(session, name="monitor", role=Role.monitor)
        session.commit()
    database.dispose()

    with running_server(database_url) as base, httpx.Client(base_url=base, timeout=10) as http:
        parties = {p["name"]: p["id"] for p in http.get("/api/v1/parties", params={"limit": 200}).json()["items"]}
        ukraine, russia = parties["Ukraine"], parties["Russian Federation"]
        created = http.post(
            "/api/v1/agreements",
            headers={"Authorization": f"Bearer {editor}"},
            json={
                "title": "Return of the bodies of the fallen",
                "concluded_on": "2025-06-02",
                "venue": "Istanbul",
                "parties": [ukraine, russia],
                "commitments": [
                    {
                        "category": "remains",
                        "measure": "target",
                        "description": "6,000 for 6,000.",
                        "targets": [
                            {"recipient_id": ukraine, "quantity": 6000},
                            {"recipient_id": russia, "quantity": 6000},
                        ],
                    }
                ],
            },
        )
        assert created.status_code == 201, created.text
        agreement_id, remains = created.json()["id"], created.json()["commitments"][0]["id"]
        stages = [("2025-06-11", 1212, 27), ("2025-06-14", 2448, 20), ("2025-06-16", 2397, 31)]
        for day, to_ukraine, to_russia in stages:
            posted = http.post(
                f"/api/v1/agreements/{agreement_id}/updates",
                headers={"Authorization": f"Bearer {monitor}"},
                json={
                    "occurred_on": day,
                    "stage": "remains",
                    "source": {"publisher": "Coordination Headquarters", "url": "https://example.org/report"},
                    "lines": [
                        {"commitment_id": remains, "recipient_id": ukraine, "quantity": to_ukraine},
                        {"commitment_id": remains, "recipient_id": russia, "quantity": to_russia},
                    ],
                },
            )
            assert posted.status_code == 201, posted.text
        yield Scenario(base, _database_label(database_url), agreement_id, remains, ukraine, russia, demo_ids)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; its absence is a failure, never a skip."""
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (bash scripts/test does it).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Browser, url: str, viewport: ViewportSize, **options: Any) -> Page:
    context = browser.new_context(viewport=viewport, java_script_enabled=False, **options)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page


def _shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


@pytest.mark.slow
def test_agreement_page_shows_the_status_apis_figures_side_by_side_in_chromium(
    scenario: Scenario, browser: Browser
) -> None:
    status = httpx.get(f"{scenario.base}/api/v1/agreements/{scenario.agreement_id}/status").json()
    term = next(c for c in status["commitments"] if c["commitment_id"] == scenario.remains)
    figures = {r["recipient_id"]: r for r in term["recipients"]}

    page = _open(browser, f"{scenario.base}/agreements/{scenario.agreement_id}", DESKTOP)
    section = page.locator(f'section[data-commitment="{scenario.remains}"]')

    for party in (scenario.ukraine, scenario.russia):
        shown = section.locator(f'td.received[data-recipient="{party}"]').inner_text()
        assert shown == f"{figures[party]['received']:,}"
    assert [figures[scenario.ukraine]["received"], figures[scenario.russia]["received"]] == [6057, 78]
    assert section.locator("td.target").all_inner_texts() == ["6,000", "6,000"]
    difference = term["imbalance"]["difference"]
    balance = section.locator(".balance").inner_text()
    assert balance.endswith(f"Ukraine has received {difference:,} more than Russian Federation: 77.7 times as many.")
    chart = section.locator('figure.chart svg[role="img"]')
    assert chart.is_visible()
    assert "received so far, over time" in (chart.locator("title").text_content() or "")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    # The stylesheet was allowed by the page's policy and applied: the header is dark, the received figures large.
    header_background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_background == "rgb(16, 42, 67)"
    assert float(section.locator("td.received").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > 24
    assert page.title() == "Return of the bodies of the fallen · Exchange Ledger"
    _shot(page, f"agreement-asymmetric-desktop-{scenario.label}")


@pytest.mark.slow
def test_index_and_demo_pages_render_without_javascript_on_a_phone(scenario: Scenario, browser: Browser) -> None:
    page = _open(browser, f"{scenario.base}/", PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)

    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cards = page.locator("article.agreement-card")
    assert cards.count() == 4
    first_round = page.locator("article.agreement-card", has_text="first round: 1,000-for-1,000")
    assert "25 May 2025" in first_round.locator(".last-handover").inner_text()
    assert first_round.locator(".badge").first.inner_text() == "Fulfilled"
    asymmetric = page.locator("article.agreement-card", has_text="Return of the bodies of the fallen")
    assert asymmetric.locator(f'[data-recipient="{scenario.ukraine}"] .received').inner_text() == "6,057"
    assert asymmetric.locator(f'[data-recipient="{scenario.russia}"] .received').inner_text() == "78"
    _shot(page, f"index-phone-{scenario.label}")

    # The filter form works with a plain GET, no script.
    page.select_option("#filter-category", "children")
    page.click("button[type=submit]")
    assert "category=children" in page.url
    assert page.locator("article.agreement-card").count() == 1

    for index, agreement_id in enumerate(scenario.demo_ids):
        page.goto(f"{scenario.base}/agreements/{agreement_id}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert "No handover recorded" not in page.locator("section.updates").inner_text()
        _shot(page, f"agreement-demo-{index + 1}-phone-{scenario.label}")

    page.goto(f"{scenario.base}/agreements/{scenario.agreement_id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, f"agreement-asymmetric-phone-{scenario.label}")


@pytest.mark.slow
def test_index_on_a_desktop_and_printed(scenario: Scenario, browser: Browser) -> None:
    page = _open(browser, f"{scenario.base}/", DESKTOP)
    assert page.locator("form.filters").is_visible()
    _shot(page, f"index-desktop-{scenario.label}")

    page.emulate_media(media="print")
    assert not page.locator("form.filters").is_visible()
    _shot(page, f"index-print-{scenario.label}")


@pytest.mark.slow
def test_docs_list_every_operation_from_files_of_the_service_alone(scenario: Scenario, browser: Browser) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requested: list[str] = []
    refused: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)

    response = page.goto(f"{scenario.base}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)

    assert response is not None and response.status == 200
    assert page.locator(".opblock").count() >= 40  # every operation, listed by Swagger UI
    assert page.locator(".opblock-summary-path", has_text="/api/v1/agreements/{agreement_id}/status").count() == 1
    assert {url.split("/")[2] for url in requested} == {scenario.base.split("/")[2]}  # no other host, no CDN
    assert refused == []  # nothing the page's own security policy blocked
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "connect-src 'self'" in policy
    api = httpx.get(f"{scenario.base}/api/v1/agreements")
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    _shot(page, f"docs-desktop-{scenario.label}")
    context.close()


@contextmanager
def _news_site(html: str) -> Iterator[str]:
    """Another site, on an origin of its own (another port), that serves one article."""

    class Article(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_news_site_can_frame_the_embed_view_but_not_the_page(scenario: Scenario, browser: Browser) -> None:
    embed = f"{scenario.base}/agreements/{scenario.agreement_id}/embed"
    full = f"{scenario.base}/agreements/{scenario.agreement_id}"
    html = (
        f'<h1>An article</h1><iframe id="embed" src="{embed}" width="640" height="700"></iframe>'
        f'<iframe id="page" src="{full}"></iframe>'
    )
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    with _news_site(html) as article:
        page.goto(article)
        page.wait_for_load_state("networkidle")

        framed = page.frame_locator("#embed")
        assert framed.locator(".embed-sides").first.inner_text().count("Ukraine") == 1
        assert framed.locator("figure.chart svg title").count() >= 1  # the chart keeps its text alternative
        assert [f.url for f in page.frames if f.url == embed] == [embed]
        assert full not in [f.url for f in page.frames]  # the page itself forbids framing: nothing loaded
        _shot(page, f"embed-framed-{scenario.label}")
    context.close()


@pytest.mark.slow
def test_the_demos_ukraine_page_shows_its_summary_per_category_with_monthly_bars(
    scenario: Scenario, browser: Browser
) -> None:
    summary = httpx.get(f"{scenario.base}/api/v1/parties/{scenario.ukraine}/summary").json()
    received = {e["category"]: e for e in summary["lines"] if e["side"] == "received"}

    agreement = _open(browser, f"{scenario.base}/agreements/{scenario.demo_ids[0]}", DESKTOP)
    agreement.locator(".facts a.party-link", has_text="Ukraine").click()
    assert agreement.url == f"{scenario.base}/parties/{scenario.ukraine}"
    assert agreement.locator("h1").inner_text() == "Ukraine"
    assert agreement.title() == "Ukraine · Exchange Ledger"
    for category, entry in received.items():
        section = agreement.locator(f'section[data-category="{category or "unstated"}"]')
        cell = section.locator(f'td.received[data-side="received"][data-recipient="{scenario.ukraine}"]')
        exact = entry["received_is_exact"]
        qualifier = "at least\n" if entry["received_is_lower_bound"] else "" if exact else "about\n"
        assert cell.inner_text() == f"{qualifier}{entry['received']:,}"
    remains = agreement.locator('section[data-category="remains"]')
    chart = remains.locator('figure.chart svg[role="img"]')
    assert chart.is_visible()
    assert (chart.locator("title").first.text_content() or "") == "Remains of the fallen: received per month"
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert remains.locator("rect.month-bar").count() >= 2
    bar_colour = remains.locator("rect.month-bar.slot-0").first.evaluate("e => getComputedStyle(e).fill")
    assert bar_colour == "rgb(29, 78, 216)"  # the pages' first colour, as the agreement charts draw it
    assert agreement.locator(".party-agreements li").count() == len(scenario.demo_ids) + 1
    _shot(agreement, f"party-ukraine-desktop-{scenario.label}")

    phone = _open(browser, f"{scenario.base}/parties/{scenario.ukraine}", PHONE, is_mobile=True, has_touch=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(phone, f"party-ukraine-phone-{scenario.label}")


# The demo read in Ukrainian and Russian: what a family or an ombudsperson's office sees.
IN_LANGUAGES = {
    "uk": {
        "first_round": "перший раунд: обмін 1000 на 1000",
        "last_day": "25 травня 2025",
        "fulfilled": "Виконано",
        "heading": "Гуманітарні угоди про обмін",
        "received": "Отримано",
        "remains": "Тіла загиблих",
        "balance": "Україна — отримано на 5\u00a0979 більше, ніж Російська Федерація: у 77,7 раза більше.",
        "chart": "отримано досі, у часі",
        "party": "Україна",
        "per_month": "отримано за місяцями",
    },
    "ru": {
        "first_round": "первый раунд: обмен 1000 на 1000",
        "last_day": "25 мая 2025",
        "fulfilled": "Выполнено",
        "heading": "Гуманитарные соглашения об обмене",
        "received": "Получено",
        "remains": "Тела погибших",
        "balance": "Украина — получено на 5\u00a0979 больше, чем Российская Федерация: в 77,7 раза больше.",
        "chart": "получено на сегодня, по времени",
        "party": "Украина",
        "per_month": "получено по месяцам",
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["uk", "ru"])
def test_the_demo_reads_in_ukrainian_and_russian(scenario: Scenario, browser: Browser, tag: str) -> None:
    words = IN_LANGUAGES[tag]
    # The browser asks for the language itself (Accept-Language), as a reader's browser would.
    page = _open(browser, f"{scenario.base}/", PHONE, locale=f"{tag}-UA" if tag == "uk" else tag, is_mobile=True)

    assert page.locator("html").get_attribute("lang") == tag
    assert page.locator("h1").inner_text() == words["heading"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first_round = page.locator("article.agreement-card", has_text=words["first_round"])
    assert words["last_day"] in first_round.locator(".last-handover").inner_text()
    assert first_round.locator(".badge").first.inner_text() == words["fulfilled"]
    asymmetric = page.locator("article.agreement-card", has_text=words["remains"]).last
    assert asymmetric.locator(f'[data-recipient="{scenario.ukraine}"] .received').inner_text() == "6\u00a0057"
    assert asymmetric.locator(f'[data-recipient="{scenario.russia}"] .received').inner_text() == "78"
    _shot(page, f"index-phone-{tag}-{scenario.label}")

    for index, agreement_id in enumerate(scenario.demo_ids):
        page.goto(f"{scenario.base}/agreements/{agreement_id}")
        assert page.locator("html").get_attribute("lang") == tag
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert words["received"] in page.locator("table.sides-table th[scope=row]").all_inner_texts()
        _shot(page, f"agreement-demo-{index + 1}-phone-{tag}-{scenario.label}")
    page.context.close()

    # On a desktop in English, the switch alone (a plain link, no script) turns the page into the language.
    page = _open(browser, f"{scenario.base}/agreements/{scenario.agreement_id}", DESKTOP)
    assert page.locator("html").get_attribute("lang") == "en"
    page.click(f'.language-switch a[hreflang="{tag}"]')
    assert page.url.endswith(f"/agreements/{scenario.agreement_id}?lang={tag}")
    assert page.locator("html").get_attribute("lang") == tag
    section = page.locator(f'section[data-commitment="{scenario.remains}"]')
    assert section.locator("h2").inner_text() == words["remains"]
    assert section.locator(f'td.received[data-recipient="{scenario.ukraine}"]').inner_text() == "6\u00a0057"
    assert section.locator("td.target").all_inner_texts() == ["6\u00a0000", "6\u00a0000"]
    assert section.locator(".balance").inner_text().endswith(words["balance"])
    assert words["chart"] in (section.locator('figure.chart svg[role="img"] title').text_content() or "")
    assert page.locator(".language-switch [aria-current]").inner_text() in ("Українська", "Русский")
    _shot(page, f"agreement-asymmetric-desktop-{tag}-{scenario.label}")
    # The language chosen by the switch stays on the way back to the index.
    page.click(".crumbs a")
    assert page.url.endswith(f"/?lang={tag}")
    assert page.locator("h1").inner_text() == words["heading"]
    # And on to a party's page, still in the language, its figures in the language's digits and months.
    page.locator("article.agreement-card a.party-link", has_text=words["party"]).first.click()
    assert page.url.endswith(f"/parties/{scenario.ukraine}?lang={tag}")
    assert page.locator("html").get_attribute("lang") == tag
    assert page.locator("h1").inner_text() == words["party"]
    remains = page.locator('section[data-category="remains"]')
    assert remains.locator("h2").inner_text() == words["remains"]
    title = remains.locator('figure.chart svg[role="img"] title').first.text_content() or ""
    assert title == f"{words['remains']}: {words['per_month']}"
    _shot(page, f"party-ukraine-desktop-{tag}-{scenario.label}")
    page.context.close()
