"""The public pages in English, Ukrainian and Russian: words from the catalogs, figures and dates as each
language writes them, chosen by `lang=` or Accept-Language, and kept apart by caches."""

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from app.core.languages import SUPPORTED_LANGUAGES
from app.pages.i18n import Speech, catalog_path
from tests.factories import Factory
from tests.test_pages import asymmetric_remains, category_section, party_ledger, section, texts

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"

# For each language: a few labels a reader sees, and 6,057 and the first day of the handovers as written there.
EXPECTED: dict[str, dict[str, Any]] = {
    "en": {
        "index": ["Humanitarian exchange agreements", "Show agreements", "Last handover"],
        "agreement": ["Remains of the fallen", "Still to receive", "Latest handovers reported"],
        "number": "6,057",
        "day": "11 June 2025",
        "percent": ["101%", "1.3%"],
        "balance": "Ukraine has received 5,979 more than Russian Federation: 77.7 times as many.",
    },
    "uk": {
        "index": ["Гуманітарні угоди про обмін", "Показати угоди", "Остання передача"],
        "agreement": ["Тіла загиблих", "Ще належить отримати", "Останні зафіксовані передачі"],
        "number": f"6{NBSP}057",
        "day": "11 червня 2025",
        "percent": ["101%", "1,3%"],
        "balance": f"Україна — отримано на 5{NBSP}979 більше, ніж Російська Федерація: у 77,7 раза більше.",
    },
    "ru": {
        "index": ["Гуманитарные соглашения об обмене", "Показать соглашения", "Последняя передача"],
        "agreement": ["Тела погибших", "Ещё предстоит получить", "Последние зафиксированные передачи"],
        "number": f"6{NBSP}057",
        "day": "11 июня 2025",
        "percent": [f"101{NBSP}%", f"1,3{NBSP}%"],
        "balance": f"Украина — получено на 5{NBSP}979 больше, чем Российская Федерация: в 77,7 раза больше.",
    },
}


def flat(text: str) -> str:
    """Text as `texts` gives it: runs of white space (a no-break space too) as one space."""
    return " ".join(text.split())


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _by_tag(nav: str) -> dict[str, str]:
    return {tag: href.replace("&amp;", "&") for href, tag in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


@pytest.mark.parametrize("tag", SUPPORTED_LANGUAGES)
def test_index_speaks_the_language_asked_by_lang(client: TestClient, factory: Factory, tag: str) -> None:
    istanbul = asymmetric_remains(factory)
    expected = EXPECTED[tag]

    page = client.get("/", params={"lang": tag})

    assert page.status_code == 200
    assert html_lang(page.text) == tag
    assert page.headers["content-language"] == tag
    assert "Accept-Language" in page.headers["vary"]
    for label in expected["index"]:
        assert label in page.text, label
    received = texts(page.text, class_="side-row", data_recipient=istanbul.ukraine)
    assert any(flat(expected["number"]) in text for text in received), received
    assert f'<span class="received">{expected["number"]}</span>' in page.text  # a no-break space in uk and ru
    assert texts(page.text, class_="pct") == [flat(p) for p in expected["percent"]]
    # Every other language is a link to the same page in it; links to other pages keep the language asked.
    links = _by_tag(page.text[page.text.index('<nav class="language-switch"') :])
    assert set(links) == set(SUPPORTED_LANGUAGES) - {tag}
    assert all(href == f"/?lang={other}" for other, href in links.items())
    assert f'href="/agreements/{istanbul.agreement_id}?lang={tag}"' in page.text
    assert f'<input type="hidden" name="lang" value="{tag}">' in page.text


@pytest.mark.parametrize("tag", SUPPORTED_LANGUAGES)
def test_agreement_page_speaks_the_language_with_its_figures_and_dates(
    client: TestClient, factory: Factory, tag: str
) -> None:
    istanbul = asymmetric_remains(factory)
    expected = EXPECTED[tag]

    page = client.get(f"/agreements/{istanbul.agreement_id}", params={"lang": tag})

    assert page.status_code == 200
    assert html_lang(page.text) == tag
    assert page.headers["content-language"] == tag
    remains = section(page.text, istanbul.remains)
    for label in expected["agreement"]:
        assert label in page.text, label
    assert texts(remains, class_="received", data_recipient=istanbul.ukraine) == [flat(expected["number"])]
    assert f'class="received">{expected["number"]}</td>' in remains
    assert texts(remains, class_="pct") == [flat(p) for p in expected["percent"]]
    assert expected["balance"] in remains
    assert f'<time datetime="2025-06-11">{expected["day"]}</time>' in page.text
    links = _by_tag(page.text[page.text.index('<nav class="language-switch"') :])
    assert links == {
        other: f"/agreements/{istanbul.agreement_id}?lang={other}" for other in SUPPORTED_LANGUAGES if other != tag
    }


def test_accept_language_chooses_the_language_and_names_follow_it(client: TestClient, factory: Factory) -> None:
    istanbul = factory.istanbul(
        titles={"uk": "Стамбульські переговори, другий раунд", "ru": "Стамбульские переговоры, второй раунд"}
    )

    ukrainian = client.get(f"/agreements/{istanbul.agreement_id}", headers={"Accept-Language": "uk-UA,uk;q=0.9"})
    russian = client.get("/", headers={"Accept-Language": "de, ru;q=0.8, en;q=0.5"})
    fallback = client.get("/", headers={"Accept-Language": "de"})

    assert html_lang(ukrainian.text) == "uk" and ukrainian.headers["content-language"] == "uk"
    assert "<h1>Стамбульські переговори, другий раунд</h1>" in ukrainian.text
    # The parties, named in Ukrainian, each a link to its page.
    assert "Україна і Російська Федерація" in re.sub(r"<[^>]+>", "", ukrainian.text)
    assert texts(ukrainian.text, class_="party-link")[:2] == ["Україна", "Російська Федерація"]
    # Chosen by the header, not by the link: the page's own links stay plain.
    assert '<a href="/">' in ukrainian.text and 'href="/dictionary"' in ukrainian.text
    assert html_lang(russian.text) == "ru"
    assert "Стамбульские переговоры, второй раунд" in russian.text
    assert '<option value="' in russian.text and ">Украина</option>" in russian.text
    assert html_lang(fallback.text) == "en" and fallback.headers["content-language"] == "en"


def test_each_language_has_its_own_etag_and_a_304_only_for_its_own(client: TestClient, factory: Factory) -> None:
    istanbul = factory.istanbul()
    path = f"/agreements/{istanbul.agreement_id}"

    etags = {tag: client.get(path, headers={"Accept-Language": tag}).headers["etag"] for tag in SUPPORTED_LANGUAGES}
    index_etags = {
        tag: client.get("/", headers={"Accept-Language": tag}).headers["etag"] for tag in SUPPORTED_LANGUAGES
    }

    assert len(set(etags.values())) == 3 and len(set(index_etags.values())) == 3
    again = client.get(path, headers={"Accept-Language": "uk", "If-None-Match": etags["uk"]})
    assert again.status_code == 304
    assert again.headers["content-language"] == "uk" and "Accept-Language" in again.headers["vary"]
    other = client.get(path, headers={"Accept-Language": "ru", "If-None-Match": etags["uk"]})
    assert other.status_code == 200 and html_lang(other.text) == "ru"
    # `lang=` changes the page's links, so its page is not the negotiated one's either.
    chosen = client.get(path, params={"lang": "uk"})
    assert chosen.headers["etag"] != etags["uk"]


@pytest.mark.parametrize(
    "path", ["/", "/dictionary", "/agreements/{id}", "/agreements/{id}/embed", "/parties/pty_anyone"]
)
def test_an_unknown_language_on_a_page_is_a_problem(client: TestClient, factory: Factory, path: str) -> None:
    istanbul = factory.istanbul()

    refused = client.get(path.format(id=istanbul.agreement_id), params={"lang": "de"})

    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["location"] == ["query", "lang"]


@pytest.mark.parametrize("tag", SUPPORTED_LANGUAGES)
def test_the_other_pages_speak_the_language_too(client: TestClient, factory: Factory, tag: str) -> None:
    istanbul = asymmetric_remains(factory)
    titles = {"en": "Data dictionary", "uk": "Словник даних", "ru": "Словарь данных"}
    missing = {"en": "No such agreement", "uk": "Такої угоди немає", "ru": "Такого соглашения нет"}
    target = {"en": "Target 6,000", "uk": f"Ціль 6{NBSP}000", "ru": f"Цель 6{NBSP}000"}

    dictionary = client.get("/dictionary", params={"lang": tag})
    not_found = client.get("/agreements/agr_unknown", params={"lang": tag})
    embed = client.get(f"/agreements/{istanbul.agreement_id}/embed", params={"lang": tag})
    chart = client.get(f"/agreements/{istanbul.agreement_id}/charts/{istanbul.remains}.svg", params={"lang": tag})

    assert html_lang(dictionary.text) == tag and f"<h1>{titles[tag]}</h1>" in dictionary.text
    assert not_found.status_code == 404 and html_lang(not_found.text) == tag
    assert missing[tag] in not_found.text and not_found.headers["content-language"] == tag
    assert html_lang(embed.text) == tag and EXPECTED[tag]["number"] in embed.text
    assert chart.headers["content-language"] == tag and target[tag] in chart.text


# A party's page in each language: its name, a side's words, the months, qualified and withheld figures.
PARTY_PAGE: dict[str, dict[str, Any]] = {
    "en": {
        "name": "Ukraine",
        "lead": "What Ukraine received and handed over in each category",
        "handed_over": "Handed over to",
        "months": ["Jun 2025", "Jul 2025"],
        "remains": ["7,057", "97"],
        "prisoners": "<td>number withheld</td><td>about 250</td>",
        "verified": "1,000 in 1 handover",
        "chart": "Remains of the fallen: received per month",
        "missing": "No such party",
    },
    "uk": {
        "name": "Україна",
        "lead": "Що сторона Україна отримала й передала в кожній категорії",
        "handed_over": "Кому передано:",
        "months": ["черв. 2025", "лип. 2025"],
        "remains": [f"7{NBSP}057", "97"],
        "prisoners": "<td>кількість не розголошено</td><td>близько 250</td>",
        "verified": f"1{NBSP}000 у 1 передачі",
        "chart": "Тіла загиблих: отримано за місяцями",
        "missing": "Такої сторони немає",
    },
    "ru": {
        "name": "Украина",
        "lead": "Что сторона Украина получила и передала в каждой категории",
        "handed_over": "Кому передано:",
        "months": ["июнь 2025", "июль 2025"],
        "remains": [f"7{NBSP}057", "97"],
        "prisoners": "<td>число не раскрыто</td><td>около 250</td>",
        "verified": f"1{NBSP}000 в 1 передаче",
        "chart": "Тела погибших: получено по месяцам",
        "missing": "Такой стороны нет",
    },
}


@pytest.mark.parametrize("tag", SUPPORTED_LANGUAGES)
def test_the_party_page_speaks_the_language(
    client: TestClient, factory: Factory, keys: dict[str, dict[str, str]], tag: str
) -> None:
    istanbul = party_ledger(factory, keys)
    words = PARTY_PAGE[tag]
    path = f"/parties/{istanbul.ukraine}"

    page = client.get(path, headers={"Accept-Language": tag})
    chosen = client.get(path, params={"lang": tag})
    missing = client.get("/parties/pty_nobody_here", params={"lang": tag})

    assert html_lang(page.text) == tag and page.headers["content-language"] == tag
    assert "Accept-Language" in page.headers["vary"]
    assert f"<h1>{words['name']}</h1>" in page.text and words["lead"] in page.text
    remains = category_section(page.text, "remains")
    assert [flat(text) for text in texts(remains, class_="received")] == [flat(n) for n in words["remains"]]
    assert words["handed_over"] in remains
    assert [flat(text) for text in texts(remains.split('class="figures-table"', 1)[1], scope="row")] == [
        flat(month) for month in words["months"]
    ]
    assert flat(words["verified"]) in [flat(text) for text in texts(remains, class_="verified")]
    assert f'-chart-title">{words["chart"]}</title>' in remains
    assert words["prisoners"] in category_section(page.text, "prisoners_of_war")
    # The same page in the other languages is another page, with an ETag of its own.
    again = client.get(path, headers={"Accept-Language": tag, "If-None-Match": page.headers["etag"]})
    assert again.status_code == 304 and again.headers["content-language"] == tag
    others = {client.get(path, headers={"Accept-Language": other}).headers["etag"] for other in SUPPORTED_LANGUAGES}
    assert len(others) == 3 and page.headers["etag"] in others
    # Chosen by `lang=`, the page's links keep the language, the switch offers the others.
    assert chosen.headers["etag"] != page.headers["etag"]
    assert f'href="/parties/{istanbul.russia}?lang={tag}"' in chosen.text
    assert f'href="/agreements/{istanbul.agreement_id}?lang={tag}"' in chosen.text
    switch = chosen.text.split('class="language-switch"', 1)[1].split("</nav>", 1)[0]
    assert all(f"{path}?lang={other}" in switch for other in SUPPORTED_LANGUAGES if other != tag)
    assert missing.status_code == 404 and html_lang(missing.text) == tag
    assert f'<h1 id="not-found">{words["missing"]}</h1>' in missing.text
    assert missing.headers["content-language"] == tag and "<code>pty_nobody_here</code>" in missing.text


def test_a_stall_and_its_days_are_said_with_the_plural_of_each_language(client: TestClient, factory: Factory) -> None:
    istanbul = asymmetric_remains(factory)
    # Each language's own plural forms: Ukrainian and Russian have three.
    assert [Speech("en").days(n) for n in (1, 2, 5)] == ["1 day", "2 days", "5 days"]
    assert [Speech("uk").days(n) for n in (1, 2, 5, 21)] == ["1 день", "2 дні", "5 днів", "21 день"]
    assert [Speech("ru").days(n) for n in (1, 2, 5, 22)] == ["1 день", "2 дня", "5 дней", "22 дня"]
    page = client.get(f"/agreements/{istanbul.agreement_id}", params={"lang": "uk"})
    assert re.search(r"пункт вважається застопореним після \d+ (день|дні|днів) без передач", page.text)


def test_every_message_is_translated_and_the_catalogs_match_the_sources(tmp_path: Path) -> None:
    """`pybabel extract` over the sources finds exactly the catalogs' messages, each translated in full."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            *(sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "gettext"),
            *("-k", "ngettext:1,2", "--no-location", "--sort-output", "-o", str(fresh), "."),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with (ROOT / "app/pages/locale/messages.pot").open("rb") as handle:
        kept = {m.id for m in read_po(handle) if m.id}
    assert extracted == kept, "run pybabel extract and update (see CONTRIBUTING.md)"
    for tag in SUPPORTED_LANGUAGES[1:]:
        with catalog_path(tag).open("rb") as handle:
            catalog = read_po(handle, locale=tag)
        messages = {m.id: m for m in catalog if m.id}
        assert set(messages) == extracted, tag
        for message in messages.values():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings) and not message.fuzzy, (tag, message.id)
        assert [error for _, errors in catalog.check() for error in errors] == [], tag
