"""The demo data: the agreements of 2 June 2025 in Istanbul, with no invented fulfilment figures."""

from datetime import date

from sqlmodel import Session, col, select

from app.agreements.models import AgreementCreate, CommitmentCreate, Criteria, TargetIn
from app.agreements.service import create_agreement
from app.keys.service import Caller
from app.models.agreement import Agreement
from app.models.party import Party
from app.models.values import Category, Measure, Source
from app.parties.models import PartyCreate, PartyKind
from app.parties.service import create_party, name_key
from app.status.policy import StatusPolicy

ARTICLE = Source(
    url="https://unn.ua/en/news/the-second-round-of-negotiations-in-istanbul-what-ukraine-and-russia-agreed-on",
    title="The second round of negotiations in Istanbul: what Ukraine and Russia agreed on",
    publisher="UNN",
    published_on=date(2025, 6, 2),
)
DEMO_CALLER = Caller(key_id=None, role=None)
EXCHANGES_TITLE = "Istanbul talks, second round: humanitarian exchanges"
CHILDREN_TITLE = "Istanbul talks, second round: return of abducted Ukrainian children"


def _party(session: Session, *, name: str, kind: PartyKind, country_code: str) -> str:
    existing = session.exec(select(Party).where(Party.name_key == name_key(name))).first()
    if existing is not None:
        return existing.id
    return create_party(session, party_in=PartyCreate(name=name, kind=kind, country_code=country_code)).id


def load_demo(session: Session, *, policy: StatusPolicy) -> list[str]:
    """Record the demo agreements unless they are there already; return their ids."""
    titles = (EXCHANGES_TITLE, CHILDREN_TITLE)
    present = session.exec(select(Agreement).where(col(Agreement.title).in_(titles))).all()
    if present:
        return [a.id for a in present]
    ukraine = _party(session, name="Ukraine", kind=PartyKind.state, country_code="UA")
    russia = _party(session, name="Russian Federation", kind=PartyKind.state, country_code="RU")
    turkiye = _party(session, name="Türkiye", kind=PartyKind.intermediary, country_code="TR")
    exchanges = create_agreement(
        session,
        caller=DEMO_CALLER,
        policy=policy,
        agreement_in=AgreementCreate(
            title=EXCHANGES_TITLE,
            concluded_on=date(2025, 6, 2),
            venue="Istanbul",
            negotiation_round="second round",
            parties=[ukraine, russia],
            intermediaries=[turkiye],
            sources=[ARTICLE],
            notes="Announced by the head of the Ukrainian delegation, Rustem Umerov.",
            commitments=[
                CommitmentCreate(
                    category=Category.wounded_and_sick,
                    measure=Measure.all_for_all,
                    description="Exchange of all seriously wounded and seriously ill, all for all.",
                    criteria=Criteria(condition="seriously wounded or seriously ill"),
                ),
                CommitmentCreate(
                    category=Category.prisoners_of_war,
                    measure=Measure.all_for_all,
                    description="Exchange of all soldiers aged 18 to 25, all for all.",
                    criteria=Criteria(age_min=18, age_max=25),
                ),
                CommitmentCreate(
                    category=Category.remains,
                    measure=Measure.target,
                    description="Return of the bodies of the fallen, 6,000 for 6,000.",
                    targets=[
                        TargetIn(recipient_id=ukraine, quantity=6000),
                        TargetIn(recipient_id=russia, quantity=6000),
                    ],
                ),
            ],
        ),
    )
    children = create_agreement(
        session,
        caller=DEMO_CALLER,
        policy=policy,
        agreement_in=AgreementCreate(
            title=CHILDREN_TITLE,
            concluded_on=date(2025, 6, 2),
            venue="Istanbul",
            negotiation_round="second round",
            parties=[ukraine, russia],
            intermediaries=[turkiye],
            sources=[ARTICLE],
            notes=(
                "A one-sided request: Ukraine handed over a verified list of abducted children and asked "
                "for their return. The target is the length of the list as the Ukrainian delegation reported it."
            ),
            commitments=[
                CommitmentCreate(
                    category=Category.children,
                    measure=Measure.target,
                    description="Return of the children on the verified list handed over by Ukraine.",
                    targets=[TargetIn(recipient_id=ukraine, quantity=339)],
                ),
            ],
        ),
    )
    return [exchanges.id, children.id]
