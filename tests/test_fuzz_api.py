"""Property-based fuzzing of every operation with schemathesis, against the app's own OpenAPI document.

Every operation goes through every phase schemathesis has (the document's examples, coverage of
each constraint, fuzzing with valid and invalid data), each request sent by an anonymous caller, a
monitor, an editor and an admin, and every answer is checked with every check schemathesis has: no
server error, a status, body, content type and headers as declared, valid requests accepted and
invalid ones refused, keys required where the document says so and not where it does not, 405s
with the right Allow. Only where an operation's rule cannot be said in JSON Schema is one check left
out, for that operation, with the reason (`NOT_APPLICABLE`). A stateful run follows the document's
links: create parties, then an agreement, then post updates to it and read its status. Bounded by
`MAX_EXAMPLES` and `STATEFUL_STEPS` to keep CI short.
"""

import copy
from typing import Any

from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import (
    NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
)
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test
from schemathesis.generation.meta import CoveragePhaseData, CoverageScenario
from schemathesis.generation.overrides import Override
from schemathesis.openapi import from_dict
from schemathesis.python import asgi
from sqlalchemy import text

from app.core.config import Settings
from app.core.db import metadata
from app.database import open_database
from app.main import create_app
from tests.factories import Factory

MAX_EXAMPLES = 20
STATEFUL_STEPS = 12
ROLES = ("anonymous", "monitor", "editor", "admin")

# Every check runs on every operation, except where an operation's rule cannot be said in JSON Schema:
# there a schema-valid request may rightly get a 422 problem document, so that one check is left out
# for that one operation (server errors, statuses, schemas and every other check still apply).
ACCEPTANCE = "positive_data_acceptance"
NOT_APPLICABLE: dict[str, dict[str, str]] = {
    "POST /api/v1/parties": {ACCEPTANCE: "a word of a name keeps to one script (no Latin letter in a Cyrillic word)"},
    "POST /api/v1/agreements": {
        ACCEPTANCE: "a party appears once across `parties` and `intermediaries`, which must exist; concluded_on is "
        "not in the future"
    },
    "POST /api/v1/agreements/{agreement_id}/commitments": {ACCEPTANCE: "one target per receiving party"},
    "POST /api/v1/agreements/{agreement_id}/updates": {
        ACCEPTANCE: "each (commitment_id, recipient_id) pair once; recipients and terms are the agreement's; "
        "occurred_on is not before the agreement nor in the future"
    },
    "POST /api/v1/updates/{update_id}/corrections": {
        ACCEPTANCE: "as for updates: each (commitment_id, recipient_id) pair once, bound by the agreement, dates"
    },
    "GET /api/v1/summary": {ACCEPTANCE: "`from` is not after `to`; `counterpart` is a party"},
    "GET /api/v1/parties/{party_id}/summary": {
        ACCEPTANCE: "`from` is not after `to`; `counterpart` is a party other than the one summarised"
    },
    "GET /api/v1/exports/summary": {ACCEPTANCE: "`from` is not after `to`; `counterpart` is a party"},
    "POST /api/v1/outside-handovers": {
        ACCEPTANCE: "two different parties, which must exist, neither mediating; each (category, recipient_id) once; "
        "occurred_on is not in the future"
    },
    "GET /api/v1/log/proofs/inclusion": {ACCEPTANCE: "`entry` is not beyond `tree_size`"},
    "GET /api/v1/log/proofs/consistency": {ACCEPTANCE: "`from` is not larger than `to`"},
    "POST /api/v1/imports": {
        ACCEPTANCE: "a CSV file with the import's header row and rows that pass the ledger's rules"
    },
}


# A request the document calls invalid may be turned away by the limits in front of every operation
# (a query string over the cap: 414, declared on every operation) before its parameters are read.
# An export asked for in a format it does not have (any Accept header is well-formed) gets the 406 the
# document declares: negotiation's answer to a valid request, not a refusal of it.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {"expected-statuses": [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "414"]}
        },
        "operations": [
            {
                "include-path-regex": "^/api/v1/exports/",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": [*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "406"]
                    }
                },
            }
        ],
    }
)


def fuzz_app(settings_for_test: Settings) -> FastAPI:
    """The app as served, rate limits off (fuzzing is a flood by design)."""
    return create_app(settings_for_test.model_copy(update={"rate_limit_per_address": 0, "rate_limit_per_key": 0}))


def load_schema(app: FastAPI, *, links: bool = False) -> Any:
    """The app's own document, calling the app in-process; with `links`, the flow between operations."""
    document = copy.deepcopy(app.openapi())
    if links:
        add_links(document)
    loaded = from_dict(document, config=CONFIG)
    loaded.app = app
    return loaded


# What a client does next with what it created: the agreement's id feeds its updates, status and terms.
LINKS = {
    ("/api/v1/parties", "post"): {
        "GetParty": ("get_party", {"party_id": "$response.body#/id"}),
    },
    ("/api/v1/agreements", "post"): {
        "GetAgreement": ("get_agreement", {"agreement_id": "$response.body#/id"}),
        "PostUpdate": ("create_update", {"agreement_id": "$response.body#/id"}),
        "GetStatus": ("get_agreement_status", {"agreement_id": "$response.body#/id"}),
        "ListUpdates": ("list_updates", {"agreement_id": "$response.body#/id"}),
        "AddCommitment": ("create_commitment", {"agreement_id": "$response.body#/id"}),
    },
    ("/api/v1/agreements/{agreement_id}/updates", "post"): {
        "GetUpdate": ("get_update", {"update_id": "$response.body#/id"}),
        "GetStatusAfterUpdate": ("get_agreement_status", {"agreement_id": "$response.body#/agreement_id"}),
    },
}


def add_links(document: dict[str, Any]) -> None:
    """Declare the links between operations (OpenAPI 3 `links`) that the stateful run follows."""
    for (path, method), links in LINKS.items():
        response = document["paths"][path][method]["responses"]["201"]
        response["links"] = {
            name: {"operationId": operation_id, "parameters": parameters}
            for name, (operation_id, parameters) in links.items()
        }


def _checks(*names: str) -> list[Any]:
    from schemathesis import checks

    found = [getattr(checks, name) for name in names if hasattr(checks, name)]
    assert len(found) == len(names), f"schemathesis has no check among {names}"
    return found


def bare_session(app: Any) -> Any:
    """An in-process client that adds no headers of its own.

    The default one adds `Accept: */*` under another spelling than a generated `accept` header, and
    that one is then sent in its place: a request generated with a bad Accept would go out with a
    good one, and the service be blamed for accepting it.
    """
    session = asgi.get_client(app)
    session.headers.clear()
    return session


def drops_the_key(case: Any) -> bool:
    data = case.meta.phase.data if case.meta is not None else None
    return (
        isinstance(data, CoveragePhaseData)
        and data.scenario == CoverageScenario.MISSING_PARAMETER
        and (data.parameter or "").lower() == "authorization"
    )


def fuzz_operation(operation: Any, callers: dict[str, dict[str, str]], session: Any) -> None:
    """Every phase schemathesis has for one operation (its examples, coverage, fuzzing with valid and
    invalid data), each request sent by every caller, every answer checked with every check that applies.

    Requests are generated once, knowing a key is sent (as `schemathesis run -H` would: none then
    drops the caller's key to test something else), and each caller sends its own key or none.
    """
    excluded = _checks(*NOT_APPLICABLE.get(operation.label, {}))
    any_key = next(headers for headers in callers.values() if headers)

    def run(case: Any) -> None:
        generated = {name: value for name, value in (case.headers or {}).items() if name.lower() != "authorization"}
        # A request generated to go without the key tests what happens without one: no one sends a key.
        for role, headers in [("no one", {})] if drops_the_key(case) else callers.items():
            case.headers = {**generated, **headers}
            try:
                case.call_and_validate(session=session, excluded_checks=excluded)
            except (Exception, BaseExceptionGroup) as exc:
                exc.add_note(f"sent as {role}")
                raise

    test = create_test(
        operation=operation,
        test_func=run,
        config=HypothesisTestConfig(
            project=operation.schema.config,
            modes=list(HypothesisTestMode),
            override=Override(headers=dict(any_key)),
            settings=settings(
                max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
            ),
        ),
    )
    test()


def test_every_operation_answers_as_documented(
    settings: Settings, factory: Factory, keys: dict[str, dict[str, str]]
) -> None:
    factory.istanbul()  # some real data, so reads and lists have something to show
    app = fuzz_app(settings)
    loaded = load_schema(app)
    callers = {role: keys.get(role, {}) for role in ROLES}
    failures = []
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) >= 10
    with bare_session(app) as session:
        for operation in operations:
            try:
                fuzz_operation(operation, callers, session)
            except (Exception, BaseExceptionGroup) as exc:  # collect every failure, then report them all
                notes = " ".join(getattr(exc, "__notes__", []))
                failures.append(f"{operation.label} ({notes}): {type(exc).__name__}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)


def test_create_then_post_updates_then_read_status_statefully(
    settings: Settings, factory: Factory, keys: dict[str, dict[str, str]]
) -> None:
    factory.party("Ukraine")
    app = fuzz_app(settings)
    loaded = load_schema(app, links=True)
    machine = loaded.as_state_machine()
    transitions = [name for name in dir(machine) if name.startswith("POST_api_v1_agreements___201")]
    assert any(name.endswith("POST_api_v1_agreements_agreement_id_updates") for name in transitions)
    editor = keys["editor"]  # editor ranks above monitor: it may create agreements and post updates

    class Flow(machine):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            # Each scenario starts from the same ledger (keys kept): Hypothesis needs the same choices to
            # meet the same answers, which rows left by an earlier scenario (a name now taken) would change.
            _reset_ledger(settings.database_url)
            factory.party("Ukraine")

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": dict(editor), "session": session}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            excluded = _checks(*NOT_APPLICABLE.get(case.operation.label, {}))
            case.validate_response(response, headers=dict(editor), excluded_checks=excluded)

    with bare_session(app) as session:  # as in the run per operation: a generated header goes out as generated
        Flow.run(settings=settings_for_stateful())


def _reset_ledger(url: str) -> None:
    """Every table emptied but the keys'."""
    database = open_database(url)
    tables = [t for t in metadata.sorted_tables if t.name != "api_key"]
    with database.write_engine.begin() as connection:
        if database.is_sqlite:
            for table in reversed(tables):
                connection.execute(table.delete())
        else:
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    database.dispose()


def settings_for_stateful() -> Any:
    # No shrinking and no saved examples: the run talks to a real database, so a failure replayed later
    # could meet other data and Hypothesis would report "flaky" instead of the failure itself.
    return settings(
        max_examples=STATEFUL_STEPS,
        stateful_step_count=6,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        database=None,
    )
