"""A corpus of hostile requests: each is answered with its 4xx problem document and changes nothing.

Add a case by appending to `CORPUS`: a name, the request (built from the `Target` made for each
test), and the status it must get. Every case is checked for: the exact status, an RFC 9457
problem document, and a snapshot of every list and status endpoint equal before and after.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from tests.factories import SOURCE, Factory, line


@dataclass(frozen=True)
class Target:
    """Ids of the data the hostile requests aim at."""

    agreement_id: str
    commitment_id: str
    ukraine: str
    russia: str
    update_id: str


@dataclass(frozen=True)
class Hostile:
    """One hostile request and the status it must get."""

    name: str
    status: int
    method: str
    path: Callable[[Target], str]
    body: Callable[[Target], Any] | None = None
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    role: str | None = "editor"
    slug: str | None = None


def _agreement(**fields: Any) -> Callable[[Target], dict[str, Any]]:
    def body(t: Target) -> dict[str, Any]:
        return {"title": "Hostile", "concluded_on": "2025-06-02", "parties": [t.ukraine, t.russia], **fields}

    return body


def _update(*, lines: Callable[[Target], list[Any]] | None = None, **fields: Any) -> Callable[[Target], dict[str, Any]]:
    def body(t: Target) -> dict[str, Any]:
        return {
            "occurred_on": "2025-06-12",
            "source": SOURCE,
            "lines": lines(t) if lines else [line(t.commitment_id, t.ukraine, 1)],
            **fields,
        }

    return body


def _party(name: Any, **fields: Any) -> Callable[[Target], dict[str, Any]]:
    return lambda _: {"name": name, "kind": "state", **fields}


def _nested(depth: int) -> bytes:
    return b'{"name": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b', "kind": "state"}'


PARTIES = lambda _: "/api/v1/parties"  # noqa: E731
AGREEMENTS = lambda _: "/api/v1/agreements"  # noqa: E731
UPDATES = lambda t: f"/api/v1/agreements/{t.agreement_id}/updates"  # noqa: E731
AGREEMENT = lambda t: f"/api/v1/agreements/{t.agreement_id}"  # noqa: E731

CORPUS: list[Hostile] = [
    # oversized and wrong numbers
    Hostile(
        "quantity beyond any exchange",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, 10**30)]),
        role="monitor",
    ),
    Hostile(
        "quantity past 64 bits",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, 2**64 + 1)]),
        role="monitor",
    ),
    Hostile(
        "negative quantity",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, -1)]),
        role="monitor",
    ),
    Hostile(
        "fractional quantity",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, 1.5)]),
        role="monitor",
    ),
    Hostile(
        "quantity as a string",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, "12")]),
        role="monitor",
    ),
    Hostile(
        "quantity as a boolean",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, t.ukraine, True)]),
        role="monitor",
    ),
    Hostile(
        "quantity 1e400 (infinite)",
        422,
        "POST",
        UPDATES,
        raw=None,
        body=None,
        role="monitor",
        headers={"x-case": "inf"},
    ),
    Hostile("NaN is not JSON", 400, "POST", PARTIES, raw=b'{"name": NaN, "kind": "state"}', slug="malformed-json"),
    Hostile(
        "Infinity is not JSON",
        400,
        "POST",
        PARTIES,
        raw=b'{"name": "x", "kind": "state", "n": -Infinity}',
        slug="malformed-json",
    ),
    Hostile(
        "target beyond any exchange",
        422,
        "POST",
        AGREEMENTS,
        lambda t: _agreement(
            commitments=[
                {
                    "category": "remains",
                    "measure": "target",
                    "targets": [{"recipient_id": t.ukraine, "quantity": 10**20}],
                }
            ]
        )(t),
    ),
    Hostile(
        "age past any life",
        422,
        "POST",
        AGREEMENTS,
        _agreement(
            commitments=[{"category": "prisoners_of_war", "measure": "all_for_all", "criteria": {"age_min": 10**9}}]
        ),
    ),
    # Unicode tricks in names
    Hostile("bidi override in a name", 422, "POST", PARTIES, _party("\u202eeniarkU")),
    Hostile("bidi isolate in a name", 422, "POST", PARTIES, _party("Ukraine\u2067x\u2069")),
    Hostile("zero-width space in a name", 422, "POST", PARTIES, _party("Ukr\u200baine")),
    Hostile("zero-width joiner in a name", 422, "POST", PARTIES, _party("Ukraine\u200d")),
    Hostile("byte order mark in a name", 422, "POST", PARTIES, _party("\ufeffUkraine")),
    Hostile("NUL in a name", 422, "POST", PARTIES, _party("Ukraine\x00")),
    Hostile("escape sequence in a name", 422, "POST", PARTIES, _party("\x1b[31mUkraine")),
    Hostile("homoglyph duplicate of a party (Cyrillic a)", 422, "POST", PARTIES, _party("Ukr\u0430ine")),
    Hostile("homoglyph duplicate of a party (Greek omicron)", 422, "POST", PARTIES, _party("Russian Federati\u03bfn")),
    Hostile("case and space duplicate of a party", 409, "POST", PARTIES, _party("  uKRAINE ")),
    Hostile("bidi override in a title", 422, "POST", AGREEMENTS, _agreement(title="Exchange \u202e")),
    Hostile("NUL in a note", 422, "POST", UPDATES, _update(note="stage\x00two"), role="monitor"),
    Hostile("lone surrogate escape", 422, "POST", PARTIES, raw=b'{"name": "\\ud800", "kind": "state"}'),
    Hostile("name of blanks only", 422, "POST", PARTIES, _party(" \u00a0 ")),
    # dates
    Hostile("date 0000-00-00", 422, "POST", AGREEMENTS, _agreement(concluded_on="0000-00-00")),
    Hostile(
        "date 9999-12-31 (future) for an agreement", 422, "POST", AGREEMENTS, _agreement(concluded_on="9999-12-31")
    ),
    Hostile(
        "date 9999-12-31 (future) for a handover",
        422,
        "POST",
        UPDATES,
        _update(occurred_on="9999-12-31"),
        role="monitor",
    ),
    Hostile("date 0001-01-01 for an agreement", 422, "POST", AGREEMENTS, _agreement(concluded_on="0001-01-01")),
    Hostile("handover before the agreement", 422, "POST", UPDATES, _update(occurred_on="2025-06-01"), role="monitor"),
    Hostile("date 2025-02-30", 422, "POST", AGREEMENTS, _agreement(concluded_on="2025-02-30")),
    Hostile("date with a time", 422, "POST", AGREEMENTS, _agreement(concluded_on="2025-06-02T13:45:00+03:00")),
    Hostile("date as a number", 422, "POST", AGREEMENTS, _agreement(concluded_on=20250602)),
    Hostile(
        "date 0000-00-00 in a query", 422, "GET", lambda _: "/api/v1/agreements?concluded_from=0000-00-00", role=None
    ),
    # JSON structure
    Hostile("JSON nested 40 deep", 400, "POST", PARTIES, raw=_nested(40), slug="json-too-deep"),
    Hostile("JSON nested 100,000 deep", 400, "POST", PARTIES, raw=_nested(100_000), slug="json-too-deep"),
    Hostile(
        "duplicate key",
        400,
        "POST",
        PARTIES,
        raw=b'{"name": "Ukraine 2", "name": "Ukraine 3", "kind": "state"}',
        slug="duplicate-json-key",
    ),
    Hostile(
        "duplicate key deep inside",
        400,
        "POST",
        UPDATES,
        raw=None,
        role="monitor",
        headers={"x-case": "duplicate-line-key"},
        slug="duplicate-json-key",
    ),
    Hostile("malformed JSON", 400, "POST", PARTIES, raw=b'{"name": "x", "kind": ', slug="malformed-json"),
    Hostile("trailing garbage", 400, "POST", PARTIES, raw=b'{"name": "x", "kind": "state"} x', slug="malformed-json"),
    Hostile("invalid UTF-8", 400, "POST", PARTIES, raw=b'{"name": "\xff\xfe", "kind": "state"}'),
    Hostile("an array, not an object", 422, "POST", PARTIES, raw=b'[{"name": "x", "kind": "state"}]'),
    Hostile("a bare string", 422, "POST", PARTIES, raw=b'"Ukraine"'),
    Hostile("null body", 422, "POST", PARTIES, raw=b"null"),
    Hostile("personal data in an extra field", 422, "POST", UPDATES, _update(names=["Ivan Petrenko"]), role="monitor"),
    Hostile(
        "personal data in a line",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [{**line(t.commitment_id, t.ukraine, 1), "full_name": "Ivan"}]),
        role="monitor",
    ),
    Hostile(
        "too many lines in one update",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(None, t.ukraine, i) for i in range(201)]),
        role="monitor",
    ),
    Hostile("name too long", 422, "POST", PARTIES, _party("x" * 201)),
    Hostile("note too long", 422, "POST", UPDATES, _update(note="x" * 5001), role="monitor"),
    Hostile(
        "body over the size limit", 413, "POST", PARTIES, raw=b'{"name": "' + b"x" * 1_100_000 + b'", "kind": "state"}'
    ),
    # wrong content types
    Hostile(
        "text/plain body",
        415,
        "POST",
        PARTIES,
        raw=b'{"name": "Plain", "kind": "state"}',
        headers={"content-type": "text/plain"},
        slug="unsupported-media-type",
    ),
    Hostile(
        "form-encoded body",
        415,
        "POST",
        PARTIES,
        raw=b"name=Form&kind=state",
        headers={"content-type": "application/x-www-form-urlencoded"},
        slug="unsupported-media-type",
    ),
    Hostile(
        "XML body",
        415,
        "POST",
        PARTIES,
        raw=b"<party><name>X</name></party>",
        headers={"content-type": "application/xml"},
        slug="unsupported-media-type",
    ),
    Hostile(
        "no content type",
        415,
        "POST",
        PARTIES,
        raw=b'{"name": "Bare", "kind": "state"}',
        headers={"content-type": ""},
        slug="unsupported-media-type",
    ),
    Hostile(
        "JSON body sent as text/html",
        415,
        "PATCH",
        AGREEMENT,
        raw=b'{"notes": "x"}',
        headers={"content-type": "text/html"},
        slug="unsupported-media-type",
    ),
    # SQL and HTML where ids go, path traversal and odd ids
    Hostile(
        "path traversal in an agreement id",
        404,
        "GET",
        lambda _: "/api/v1/agreements/..%2F..%2Fetc%2Fpasswd",
        role=None,
    ),
    Hostile(
        "path traversal in an update id", 404, "GET", lambda _: "/api/v1/updates/%2e%2e%2f%2e%2e%2fapi_key", role=None
    ),
    Hostile("NUL in a party id", 404, "GET", lambda _: "/api/v1/parties/pty_%00", role=None),
    Hostile("NUL in a query filter", 422, "GET", lambda _: "/api/v1/agreements?q=x%00y", role=None),
    Hostile(
        "NUL in a recipient id",
        422,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, "pty_\x00", 1)]),
        role="monitor",
    ),
    Hostile("SQL in a party id", 404, "GET", lambda _: "/api/v1/parties/x'%20OR%20'1'='1", role=None),
    Hostile(
        "SQL in a status id",
        404,
        "GET",
        lambda _: "/api/v1/agreements/x'%3B%20DROP%20TABLE%20agreement%3B--/status",
        role=None,
    ),
    Hostile(
        "SQL in a commitment id",
        404,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line("cmt_x' OR '1'='1", t.ukraine, 1)]),
        role="monitor",
    ),
    Hostile(
        "SQL in a recipient id",
        404,
        "POST",
        UPDATES,
        _update(lines=lambda t: [line(t.commitment_id, "x'); DELETE FROM party;--", 1)]),
        role="monitor",
    ),
    Hostile("SQL in a list filter", 200, "GET", lambda _: "/api/v1/agreements?party_id=x'%20OR%201=1--", role=None),
    Hostile("very long id", 414, "GET", lambda _: "/api/v1/agreements/" + "a" * 5000, role=None),
    Hostile("forged cursor", 422, "GET", lambda _: "/api/v1/agreements?cursor=Jy0tIE9SIDE9MQ", role=None),
    Hostile("page size 0", 422, "GET", lambda _: "/api/v1/agreements?limit=0", role=None),
    Hostile("page size over 200", 422, "GET", lambda _: "/api/v1/agreements?limit=201", role=None),
    Hostile(
        "page size past 64 bits", 422, "GET", lambda _: "/api/v1/agreements?limit=99999999999999999999999", role=None
    ),
    Hostile("query string over the cap", 414, "GET", lambda _: "/api/v1/agreements?q=" + "x" * 3000, role=None),
    Hostile(
        "Idempotency-Key with a space",
        422,
        "POST",
        UPDATES,
        _update(),
        headers={"Idempotency-Key": "a b"},
        role="monitor",
    ),
    Hostile(
        "Idempotency-Key too long",
        422,
        "POST",
        UPDATES,
        _update(),
        headers={"Idempotency-Key": "k" * 201},
        role="monitor",
    ),
]


def _special_body(case: Hostile, target: Target) -> bytes | None:
    # Cases whose raw body needs the target's ids.
    match case.headers.get("x-case"):
        case "inf":
            return (
                b'{"occurred_on": "2025-06-12", "source": {"publisher": "X"}, "lines": [{"commitment_id": "'
                + target.commitment_id.encode()
                + b'", "recipient_id": "'
                + target.ukraine.encode()
                + b'", "quantity": 1e400}]}'
            )
        case "duplicate-line-key":
            return (
                b'{"occurred_on": "2025-06-12", "source": {"publisher": "X"}, "lines": [{"commitment_id": "'
                + target.commitment_id.encode()
                + b'", "recipient_id": "'
                + target.ukraine.encode()
                + b'", "quantity": 1, "quantity": 5000}]}'
            )
    return None


def snapshot(client: TestClient, target: Target) -> dict[str, Any]:
    """Everything the lists and the status say, to compare before and after."""
    agreements = client.get("/api/v1/agreements", params={"limit": 200}).json()["items"]
    return {
        "parties": client.get("/api/v1/parties", params={"limit": 200}).json(),
        "agreements": agreements,
        "updates": {a["id"]: client.get(f"/api/v1/agreements/{a['id']}/updates").json() for a in agreements},
        "status": {a["id"]: client.get(f"/api/v1/agreements/{a['id']}/status").json() for a in agreements},
    }


@pytest.fixture
def target(factory: Factory) -> Target:
    istanbul = factory.istanbul()
    update = factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 5)])
    return Target(istanbul.agreement_id, istanbul.remains, istanbul.ukraine, istanbul.russia, update["id"])


def test_the_corpus_names_each_case_once() -> None:
    names = [case.name for case in CORPUS]
    assert len(names) == len(set(names))


def documented_statuses(client: TestClient, method: str, path: str) -> set[str] | None:
    """The statuses the OpenAPI document declares for the operation a path names, or None if none does."""
    document = client.get("/openapi.json").json()
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            return set(operations[method.lower()]["responses"])
    return None


def test_every_hostile_request_gets_its_problem_document_and_changes_nothing(
    client: TestClient, keys: dict[str, dict[str, str]], target: Target
) -> None:
    before = snapshot(client, target)
    failures = []
    for case in CORPUS:
        headers = {k: v for k, v in case.headers.items() if k != "x-case"}
        if case.role:
            headers.update(keys[case.role])
        raw = case.raw if case.raw is not None else _special_body(case, target)
        if raw is not None:
            headers.setdefault("content-type", "application/json")
            if headers["content-type"] == "":
                del headers["content-type"]
            response = client.request(case.method, case.path(target), content=raw, headers=headers)
        else:
            body = case.body(target) if case.body else None
            response = client.request(case.method, case.path(target), json=body, headers=headers)
        if response.status_code != case.status:
            failures.append(f"{case.name}: {response.status_code}, wanted {case.status}: {response.text[:300]}")
            continue
        if case.status >= 400:
            documented = documented_statuses(client, case.method, case.path(target).split("?")[0])
            if documented is not None and str(case.status) not in documented:
                failures.append(f"{case.name}: {case.status} is not documented for this operation")
            problem = response.json()
            if response.headers["content-type"] != "application/problem+json" or problem["status"] != case.status:
                failures.append(f"{case.name}: not a problem document: {response.text[:200]}")
            elif case.slug and not problem["type"].endswith("/" + case.slug):
                failures.append(f"{case.name}: type {problem['type']}, wanted {case.slug}")
    assert not failures, "\n".join(failures)
    assert snapshot(client, target) == before


SQL_AND_HTML = [
    "Robert'); DROP TABLE party;--",
    "' OR '1'='1",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "{{7*7}} ${7*7} %s %n",
]


@pytest.mark.parametrize("text", SQL_AND_HTML)
def test_sql_and_html_in_every_text_field_are_kept_as_plain_text(
    client: TestClient, keys: dict[str, dict[str, str]], target: Target, text: str
) -> None:
    party = client.post("/api/v1/parties", json={"name": f"{text} party", "kind": "state"}, headers=keys["editor"])
    agreement = client.post(
        "/api/v1/agreements",
        headers=keys["editor"],
        json={
            "title": text,
            "concluded_on": "2025-06-02",
            "venue": text,
            "negotiation_round": text,
            "notes": text,
            "parties": [target.ukraine, party.json()["id"]],
            "sources": [{"title": text, "publisher": text, "url": "https://example.org/?q=<script>"}],
            "commitments": [
                {"category": "other", "measure": "all_for_all", "description": text, "criteria": {"condition": text}}
            ],
        },
    )
    assert party.status_code == 201 and agreement.status_code == 201, agreement.text
    shown = agreement.json()
    update = client.post(
        f"/api/v1/agreements/{shown['id']}/updates",
        headers=keys["monitor"],
        json={
            "occurred_on": "2025-06-12",
            "stage": text,
            "location": text,
            "note": text,
            "source": {"title": text, "publisher": text},
            "lines": [{"commitment_id": shown["commitments"][0]["id"], "recipient_id": target.ukraine, "quantity": 3}],
        },
    )
    assert update.status_code == 201, update.text

    again = client.get(f"/api/v1/agreements/{shown['id']}").json()
    assert party.json()["name"] == f"{text} party"
    assert [again[f] for f in ("title", "venue", "negotiation_round", "notes")] == [text] * 4
    assert again["commitments"][0]["description"] == text
    assert client.get(f"/api/v1/updates/{update.json()['id']}").json()["note"] == text
    # Pages show it as text: markup in a field never becomes markup in the page.
    page = client.get(f"/agreements/{shown['id']}")
    assert page.status_code == 200
    if "<" in text:
        assert text not in page.text
        assert text.replace("<", "&lt;").replace(">", "&gt;").split('"')[0] in page.text
    # The other data are untouched: every table the SQL names still answers.
    assert client.get(f"/api/v1/agreements/{target.agreement_id}/status").status_code == 200
    assert len(client.get("/api/v1/parties").json()["items"]) == 4


# ---- HTTP methods and preconditions -------------------------------------------------------


def _get_paths(client: TestClient, target: Target) -> list[str]:
    """Every path the app answers GET on, its parameters filled with the target's ids."""
    ids = {"agreement_id": target.agreement_id, "update_id": target.update_id, "party_id": target.ukraine}
    paths = []
    for context in iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        if context.path is None or context.methods is None or "GET" not in context.methods:
            continue
        paths.append(re.sub(r"\{(\w+)(:\w+)?\}", lambda m: ids.get(m.group(1), "x"), context.path))
    return paths


def test_head_answers_every_get_route_with_the_same_headers_and_no_body(client: TestClient, target: Target) -> None:
    failures = []
    for path in _get_paths(client, target):
        got, head = client.get(path), client.head(path)
        if head.status_code != got.status_code or head.content:
            failures.append(f"HEAD {path}: {head.status_code} with {len(head.content)} bytes, GET {got.status_code}")
        for header in ("content-type", "etag", "cache-control"):
            if head.headers.get(header) != got.headers.get(header):
                failures.append(f"HEAD {path}: {header} {head.headers.get(header)!r}, GET {got.headers.get(header)!r}")
    assert not failures, "\n".join(failures)
    assert client.head("/healthz").status_code == 200 and client.head("/readyz").status_code == 200


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        (PARTIES, {"GET", "HEAD", "OPTIONS", "POST"}),
        (AGREEMENT, {"GET", "HEAD", "OPTIONS", "PATCH"}),
        (lambda _: "/healthz", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_options_and_405_name_the_methods_the_path_really_has(
    client: TestClient, target: Target, path: Callable[[Target], str], methods: set[str]
) -> None:
    options = client.options(path(target))
    refused = client.request("PUT", path(target))

    assert options.status_code == 204 and not options.content
    assert set(options.headers["allow"].split(", ")) == methods
    assert refused.status_code == 405
    assert refused.headers["content-type"] == "application/problem+json"
    assert set(refused.headers["allow"].split(", ")) == methods
    assert set(client.head(path(target)).headers.get("allow", "GET").split(", ")) <= methods


def test_if_match_with_a_weak_tag_is_refused_and_changes_nothing(factory: Factory, target: Target) -> None:
    url = f"/api/v1/agreements/{target.agreement_id}"
    before = factory.client.get(url)

    weak = factory.client.patch(
        url, json={"venue": "Geneva"}, headers={**factory.keys["editor"], "If-Match": "W/" + before.headers["etag"]}
    )

    assert weak.status_code == 412  # RFC 9110: If-Match uses the strong comparison
    assert weak.headers["content-type"] == "application/problem+json"
    assert factory.client.get(url).json() == before.json()


@pytest.mark.parametrize("if_none_match", ["*", "current"])
def test_if_none_match_on_patch_of_an_existing_agreement_is_refused(
    factory: Factory, target: Target, if_none_match: str
) -> None:
    url = f"/api/v1/agreements/{target.agreement_id}"
    before = factory.client.get(url)
    tag = before.headers["etag"] if if_none_match == "current" else "*"

    refused = factory.client.patch(
        url, json={"venue": "Geneva"}, headers={**factory.keys["editor"], "If-None-Match": tag}
    )

    assert refused.status_code == 412
    assert refused.headers["content-type"] == "application/problem+json"
    assert factory.client.get(url).json() == before.json()
