"""The command line: a thin layer over the services."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine
from sqlmodel import Session

from app.audit import verify
from app.core.config import get_settings
from app.core.db import SessionGuards
from app.core.logging import log_config
from app.core.migrations import current_revision, downgrade, head_revision, upgrade
from app.core.protocol import server_options
from app.core.signing import key_id, load_signer, private_pem, public_pem
from app.database import open_database
from app.imports.cli import import_file
from app.keys import service as keys
from app.keys.models import Role

cli = typer.Typer(help="exchange-ledger: humanitarian exchange agreements, for each side.", no_args_is_help=True)
db_cli = typer.Typer(help="The database schema.", no_args_is_help=True)
keys_cli = typer.Typer(help="API keys.", no_args_is_help=True)
totals_cli = typer.Typer(help="Running totals.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(keys_cli, name="keys")
cli.add_typer(totals_cli, name="totals")
webhooks_cli = typer.Typer(help="Webhook deliveries.", no_args_is_help=True)
cli.add_typer(webhooks_cli, name="webhooks")
log_cli = typer.Typer(help="The signed Merkle log over the audit entries.", no_args_is_help=True)
cli.add_typer(log_cli, name="log")
verify_cli = typer.Typer(
    help="Check kept signed answers, tree heads and proofs, with no database.", no_args_is_help=True
)
cli.add_typer(verify_cli, name="verify")


def _schema_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


def _require_current_schema() -> None:
    url = get_settings().database_url
    revision, head = _schema_revision(url), head_revision()
    if revision != head:
        typer.echo(
            f"The database schema is at {revision or 'nothing'}, not at {head}. "
            "Run `exchange-ledger db upgrade` first.",
            err=True,
        )
        raise typer.Exit(code=2)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the API (refuses to start on a schema that is not at the latest migration)."""
    _require_current_schema()
    settings = get_settings()
    uvicorn.run("app.asgi:app", host=host, port=port, workers=workers, **server_options(settings))


@db_cli.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database to the latest schema (or to REVISION)."""
    upgrade(get_settings().database_url, revision)
    typer.echo(f"Database schema at {_schema_revision(get_settings().database_url)}.")


@db_cli.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision.")]) -> None:
    """Migrate the database down to REVISION ('base' removes every table)."""
    downgrade(get_settings().database_url, revision)
    typer.echo(f"Database schema at {_schema_revision(get_settings().database_url) or 'base'}.")


@db_cli.command("current")
def db_current() -> None:
    """Print the schema revision of the database and of this code."""
    typer.echo(f"database: {_schema_revision(get_settings().database_url)}\ncode:     {head_revision()}")


@keys_cli.command("create")
def keys_create(
    role: Annotated[Role, typer.Option(help="What the key may do.")],
    name: Annotated[str, typer.Option(help="Who holds the key.")],
) -> None:
    """Create a key and print it once; only its hash is kept."""
    _require_current_schema()
    database = open_database(get_settings().database_url)
    with database.write_transaction() as session:
        key, token = keys.create_key(session, name=name, role=role)
    database.dispose()
    typer.echo(f"Created key {key.id} ({role.value}) for {name}. It is shown once:", err=True)
    typer.echo(token)


@keys_cli.command("list")
def keys_list() -> None:
    """List keys: id, role, name, created, revoked."""
    database = open_database(get_settings().database_url)
    with Session(database.engine) as session:
        for key in keys.list_keys(session):
            revoked = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.role}\t{key.name}\t{key.created_at:%Y-%m-%d}\t{revoked}")
    database.dispose()


@keys_cli.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The id of the key, as `keys list` shows it.")],
) -> None:
    """Revoke a key for good."""
    database = open_database(get_settings().database_url)
    with database.write_transaction() as session:
        keys.revoke_key(session, key_id=key_id)
    database.dispose()
    typer.echo(f"Revoked {key_id}.")


@cli.command()
def demo() -> None:
    """Record the published record of the 2025 Istanbul agreements and their handovers; safe to run twice."""
    from app.demo import load_demo
    from app.status.policy import StatusPolicy

    _require_current_schema()
    settings = get_settings()
    database = open_database(settings.database_url)
    with database.write_transaction() as session:
        loaded = load_demo(session, policy=StatusPolicy.from_settings(settings))
    database.dispose()
    typer.echo("Demo agreements: " + ", ".join(loaded.agreement_ids))
    typer.echo(f"Handovers recorded now: {loaded.stages_recorded}; totals announced now: {loaded.totals_announced}.")
    typer.echo(f"Handovers outside any agreement recorded now: {loaded.outside_recorded}.")
    for reason in loaded.left_out:
        typer.echo(f"Left out: {reason}.")


@totals_cli.command("check")
def totals_check(
    repair: Annotated[bool, typer.Option("--repair", help="Rewrite the totals that differ.")] = False,
) -> None:
    """Rebuild every running total from the updates and report any difference (exit 1 if any)."""
    from app.status.policy import StatusPolicy
    from app.status.service import check_totals

    settings = get_settings()
    database = open_database(settings.database_url)
    with database.write_transaction() as session:
        differences = check_totals(session, policy=StatusPolicy.from_settings(settings), repair=repair)
    database.dispose()
    for d in differences:
        typer.echo(f"{d.agreement_id}\t{d.bucket}\t{d.recipient_id}\t{d.field}: kept {d.kept}, updates say {d.rebuilt}")
    if differences:
        typer.echo(f"{len(differences)} difference(s){' repaired' if repair else ''}.", err=True)
        raise typer.Exit(code=0 if repair else 1)
    typer.echo("Totals match the updates.")


@cli.command()
def worker(
    once: Annotated[bool, typer.Option("--once", help="Send what is due now, then exit.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Deliveries sent at the same time.")] = 4,
) -> None:
    """Deliver webhook events until stopped (SIGTERM/SIGINT finish the deliveries in flight first), and run the
    alert sweep every ALERT_SWEEP_SECONDS."""
    import logging.config
    import signal

    from app.alerts.service import run_sweep
    from app.status.policy import StatusPolicy
    from app.webhooks.worker import DeliveryWorker

    _require_current_schema()
    settings = get_settings()
    logging.config.dictConfig(log_config(settings.log_level))  # JSON lines, as the API logs
    database = open_database(settings.database_url, guards=SessionGuards.from_settings(settings))
    policy = StatusPolicy.from_settings(settings)

    def sweep_now() -> None:
        result = run_sweep(database, now=datetime.now(UTC), policy=policy)
        if result.raised or result.ended:
            logging.getLogger("exchange_ledger.alerts").info(
                "alert sweep: %d raised, %d ended", len(result.raised), result.ended
            )

    try:
        delivery_worker = DeliveryWorker(database, settings, concurrency=concurrency, timer=sweep_now)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: delivery_worker.stopping.set())
    try:
        delivery_worker.run(once=once)
    finally:
        database.dispose()


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 date or date and time") from exc
    return moment if moment.tzinfo is not None else moment.astimezone()


@cli.command()
def sweep(
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="Sweep as if it were this moment (ISO 8601 date or date and time), to rehearse or test; "
            "alerts it raises are real.",
        ),
    ] = None,
) -> None:
    """Raise an alert (webhook event, feed entry) for each term or agreement newly stalled or overdue; safe to
    run as often as wanted, from cron or by the worker's timer."""
    from app.alerts.service import run_sweep
    from app.status.policy import StatusPolicy

    _require_current_schema()
    settings = get_settings()
    moment = _moment(now) if now is not None else datetime.now(UTC)
    database = open_database(settings.database_url)
    try:
        result = run_sweep(database, now=moment, policy=StatusPolicy.from_settings(settings))
    finally:
        database.dispose()
    for raised in result.raised:
        subject = raised.commitment_id or raised.agreement_id
        typer.echo(f"{raised.event_type.value}\t{raised.agreement_id}\t{subject}\tsince {raised.since}")
    typer.echo(f"Swept as of {result.today}: {len(result.raised)} alert(s) raised, {result.ended} ended.")


@webhooks_cli.command("backlog")
def webhooks_backlog() -> None:
    """Print what the webhook worker still has to send."""
    from app.webhooks.service import backlog

    database = open_database(get_settings().database_url)
    with Session(database.engine) as session:
        waiting = backlog(session)
    database.dispose()
    oldest = f"{waiting.oldest_pending_at:%Y-%m-%d %H:%M:%S}" if waiting.oldest_pending_at else "-"
    typer.echo(
        f"events waiting: {waiting.events_waiting}\ndeliveries pending: {waiting.deliveries_pending}\n"
        f"deliveries dead: {waiting.deliveries_dead}\noldest pending since: {oldest}"
    )


@webhooks_cli.command("prune")
def webhooks_prune(
    older_than_days: Annotated[float, typer.Option(min=0, help="Forget what was delivered this many days ago.")] = 30,
) -> None:
    """Forget delivered deliveries, their attempts and events older than N days (dead ones are kept)."""
    from datetime import timedelta

    from app.webhooks.service import prune

    database = open_database(get_settings().database_url)
    with database.write_transaction() as session:
        pruned = prune(session, before=datetime.now(UTC) - timedelta(days=older_than_days))
    database.dispose()
    typer.echo(f"Pruned {pruned.deliveries} deliveries and {pruned.events} events.")


audit_cli = typer.Typer(help="The audit log.", no_args_is_help=True)
cli.add_typer(audit_cli, name="audit")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Recompute the audit chain and name the first broken entry (exit 1 if any)."""
    from app.audit.service import verify_chain

    database = open_database(get_settings().database_url)
    with database.session() as session:
        result = verify_chain(session)
    database.dispose()
    if not result.ok:
        typer.echo(f"BROKEN at entry {result.first_broken_seq}: {result.problem}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"Audit chain intact: {result.entries} entries, head {result.head.seq} {result.head.hash}")


@audit_cli.command("head")
def audit_head() -> None:
    """Print the latest sequence number and hash, to publish."""
    from app.audit.service import chain_head

    database = open_database(get_settings().database_url)
    with database.session() as session:
        head = chain_head(session)
    database.dispose()
    typer.echo(f"{head.seq} {head.hash}")


cli.command("import")(import_file)


@cli.command()
def backup(
    destination: Annotated[Path, typer.Argument(help="The file to write; it must not exist yet.")],
) -> None:
    """Copy the SQLite database to DESTINATION while the service runs (PostgreSQL: use pg_dump)."""
    from app.ops.backup import BackupRefused, backup_sqlite

    try:
        size = backup_sqlite(get_settings().database_url, destination)
    except BackupRefused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(f"Backed up {size} bytes to {destination}.")


@log_cli.command("key")
def log_key() -> None:
    """Print the configured public key that checks tree heads and signed answers, and its id."""
    settings = get_settings()
    if settings.log_signing_key is None and not settings.log_signing_key_file:
        typer.echo("No LOG_SIGNING_KEY or LOG_SIGNING_KEY_FILE is configured.", err=True)
        raise typer.Exit(code=2)
    signer = load_signer(settings)
    assert signer is not None
    typer.echo(f"key id {signer.key_id} (ed25519)", err=True)
    typer.echo(public_pem(signer.public_key), nl=False)


@log_cli.command("generate-key")
def log_generate_key() -> None:
    """Print a new Ed25519 private key (PEM) for LOG_SIGNING_KEY or LOG_SIGNING_KEY_FILE; keep it secret."""
    key = Ed25519PrivateKey.generate()
    typer.echo(f"key id {key_id(key.public_key())}", err=True)
    typer.echo(private_pem(key), nl=False)


KeyOption = Annotated[Path, typer.Option("--key", help="The public key kept: PEM, or the JSON of /api/v1/log/key.")]


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except ValueError as exc:
        raise verify.VerificationFailed(f"{path} is not JSON: {exc}") from None


def _verified(check: Any) -> None:
    try:
        message = check()
    except verify.VerificationFailed as exc:
        typer.echo(f"FAILED: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(f"OK: {message}")


@verify_cli.command("status")
def verify_status(
    answer: Annotated[Path, typer.Argument(help="The answer kept with curl -i (or its headers, with --body).")],
    key: KeyOption,
    body: Annotated[Path | None, typer.Option(help="The body, when kept apart from the headers (curl -D).")] = None,
) -> None:
    """Check a kept signed answer (a status or an update): its bytes are the ones the ledger signed."""

    def check() -> str:
        keys = verify.public_keys(key.read_bytes())
        signed, content = verify.signed_answer(
            answer.read_bytes(), keys, body=body.read_bytes() if body is not None else None
        )
        document = json.loads(content)
        at = datetime.fromtimestamp(signed.created, UTC).isoformat()
        what = f"agreement {document.get('agreement_id')} at revision {document.get('revision')}"
        if "as_of" not in document:
            what = f"update {document.get('id')} of agreement {document.get('agreement_id')}"
        return f"{what}, signed by key {signed.key_id} at {at}"

    _verified(check)


@verify_cli.command("inclusion")
def verify_inclusion(
    head: Annotated[Path, typer.Option(help="The signed tree head kept (JSON of /api/v1/log/head).")],
    proof: Annotated[Path, typer.Option(help="The inclusion proof (JSON of /api/v1/log/proofs/inclusion).")],
    key: KeyOption,
    entry_hash: Annotated[str | None, typer.Option(help="The entry's hash, if you kept it.")] = None,
) -> None:
    """Check that an audit entry is in the tree of a signed head you kept."""

    def check() -> str:
        signed = verify.tree_head(_json(head), verify.public_keys(key.read_bytes()))
        entry = verify.inclusion(signed, _json(proof), entry_hash=entry_hash)
        return f"entry {entry} is in the signed tree of {signed.tree_size} entries"

    _verified(check)


@verify_cli.command("consistency")
def verify_consistency(
    old: Annotated[Path, typer.Option(help="The earlier signed tree head kept.")],
    new: Annotated[Path, typer.Option(help="The later signed tree head.")],
    proof: Annotated[Path, typer.Option(help="The consistency proof (JSON of /api/v1/log/proofs/consistency).")],
    key: KeyOption,
) -> None:
    """Check that the later signed head's log extends the earlier one's, no entry changed, removed or moved."""

    def check() -> str:
        keys = verify.public_keys(key.read_bytes())
        earlier, later = verify.tree_head(_json(old), keys), verify.tree_head(_json(new), keys)
        verify.consistency(earlier, later, _json(proof))
        return f"the log of {later.tree_size} entries extends the signed log of {earlier.tree_size}"

    _verified(check)


def main() -> None:
    """Entry point of the `exchange-ledger` command."""
    cli()


if __name__ == "__main__":
    main()
