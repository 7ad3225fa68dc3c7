"""The peer: Datasette serving a SQLite copy of the data, with the status question as a canned query."""

import argparse
import json
from pathlib import Path

from bench.uvicorn_options import run

DATABASE_NAME = "ledger"
QUERY_NAME = "agreement_status"

# The same question the status endpoint answers, from the same ready running totals: per term and
# receiving party, the target, what was received, the handovers and how exact the figure is.
STATUS_SQL = """
select
  a.id as agreement_id, a.title, a.progress_state, a.last_update_on as agreement_last_update_on,
  c.id as commitment_id, c.category, c.measure, c.due_on,
  p.id as recipient_id, p.name as recipient_name,
  t.quantity as target, t.qualifier as target_qualifier,
  coalesce(r.received, 0) as received,
  case when t.quantity > 0 then round(coalesce(r.received, 0) * 100.0 / t.quantity, 1) end as percent,
  coalesce(r.handovers, 0) as handovers,
  coalesce(r.withheld, 0) as withheld_handovers,
  coalesce(r.approximate, 0) as approximate_lines,
  coalesce(r.at_least, 0) as at_least_lines,
  r.last_update_on
from agreement a
join commitment c on c.agreement_id = a.id
join agreement_party ap on ap.agreement_id = a.id and ap.role = 'party'
join party p on p.id = ap.party_id
left join commitment_target t on t.commitment_id = c.id and t.recipient_id = ap.party_id
left join running_total r on r.agreement_id = a.id and r.bucket = c.id and r.recipient_id = ap.party_id
where a.id = :agreement_id
order by c.position, ap.position
"""


def metadata() -> dict[str, object]:
    """Datasette metadata declaring the canned status query."""
    return {
        "title": "exchange-ledger (benchmark copy)",
        "databases": {
            DATABASE_NAME: {"queries": {QUERY_NAME: {"sql": STATUS_SQL.strip(), "title": "Agreement status"}}}
        },
    }


def write_metadata(path: Path) -> Path:
    """Write the metadata file Datasette is started with."""
    path.write_text(json.dumps(metadata(), indent=2))
    return path


def query_path(agreement_id: str) -> str:
    """The URL path of the canned status query for one agreement, as JSON rows."""
    return f"/{DATABASE_NAME}/{QUERY_NAME}.json?agreement_id={agreement_id}&_shape=array"


def main() -> None:
    """Serve a SQLite file with Datasette, immutable (as `datasette publish` does), on a loopback port."""
    from datasette.app import Datasette  # type: ignore[import-untyped]

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--metadata", type=Path, required=True)
    args = parser.parse_args()
    datasette = Datasette(immutables=[str(args.database)], metadata=json.loads(args.metadata.read_text()))
    run(datasette.app(), port=args.port)


if __name__ == "__main__":
    main()
