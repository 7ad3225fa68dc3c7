"""A status in another language than English: its title and its recipients' names as that language has them.

The ready documents hold English names, so the hot path stays one lookup; an answer in another language
reads the titles and names afresh, one query each.
"""

from typing import Any

import orjson
from sqlmodel import Session, col, select

from app.core.languages import DEFAULT_LANGUAGE, in_language
from app.models.agreement import AgreementTitle
from app.models.party import Party
from app.parties.service import party_names


def in_language_of(session: Session, *, content: bytes, language: str) -> bytes:
    """A rendered status document (JSON) with its title and recipients' names in `language`, else in English."""
    if language == DEFAULT_LANGUAGE:
        return content
    document: dict[str, Any] = orjson.loads(content)
    title = session.exec(
        select(AgreementTitle.title).where(
            AgreementTitle.agreement_id == document["agreement_id"], AgreementTitle.language == language
        )
    ).first()
    if title is not None:
        document["title"] = title
    recipients = [r for c in document["commitments"] for r in c["recipients"]] + document["unattributed"]
    ids = {r["recipient_id"] for r in recipients}
    names = (
        {
            party.id: in_language(party_names(party), language, fallback=party.name)
            for party in session.exec(select(Party).where(col(Party.id).in_(ids)))
        }
        if ids
        else {}
    )
    for recipient in recipients:
        recipient["recipient_name"] = names.get(recipient["recipient_id"], recipient["recipient_name"])
    return orjson.dumps(document)
