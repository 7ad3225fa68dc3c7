"""Contains all the data models used in inputs/outputs"""

from .agreement_create import AgreementCreate
from .agreement_create_titles import AgreementCreateTitles
from .agreement_facets import AgreementFacets
from .agreement_page import AgreementPage
from .agreement_public import AgreementPublic
from .agreement_public_titles import AgreementPublicTitles
from .agreement_status import AgreementStatus
from .agreement_update import AgreementUpdate
from .agreement_update_titles_type_0 import AgreementUpdateTitlesType0
from .announced import Announced
from .announced_point import AnnouncedPoint
from .announced_total_create import AnnouncedTotalCreate
from .announced_total_page import AnnouncedTotalPage
from .announced_total_public import AnnouncedTotalPublic
from .attempt_outcome import AttemptOutcome
from .attribution_dispute_create import AttributionDisputeCreate
from .attribution_dispute_public import AttributionDisputePublic
from .attribution_position import AttributionPosition
from .audit_entry_public import AuditEntryPublic
from .audit_entry_public_after_type_0 import AuditEntryPublicAfterType0
from .audit_entry_public_before_type_0 import AuditEntryPublicBeforeType0
from .audit_page import AuditPage
from .category import Category
from .chain_head import ChainHead
from .chain_verification import ChainVerification
from .claimed import Claimed
from .commitment_create import CommitmentCreate
from .commitment_public import CommitmentPublic
from .commitment_status import CommitmentStatus
from .completion_create import CompletionCreate
from .consistency_proof import ConsistencyProof
from .correction_create import CorrectionCreate
from .create_agreement_lang import CreateAgreementLang
from .create_party_lang import CreatePartyLang
from .criteria import Criteria
from .criteria_public import CriteriaPublic
from .data_dictionary import DataDictionary
from .delivery_state import DeliveryState
from .dictionary_column import DictionaryColumn
from .dictionary_format import DictionaryFormat
from .dictionary_parameter import DictionaryParameter
from .dictionary_term import DictionaryTerm
from .discrepancy import Discrepancy
from .event_type import EventType
from .export_format import ExportFormat
from .facet_count import FacetCount
from .field_problem import FieldProblem
from .get_agreement_lang import GetAgreementLang
from .get_agreement_status_lang import GetAgreementStatusLang
from .get_party_lang import GetPartyLang
from .get_party_summary_lang import GetPartySummaryLang
from .get_summary_lang import GetSummaryLang
from .health import Health
from .imbalance import Imbalance
from .import_row import ImportRow
from .import_rows import ImportRows
from .import_summary import ImportSummary
from .inclusion_proof import InclusionProof
from .interval import Interval
from .line_in import LineIn
from .line_public import LinePublic
from .list_agreements_lang import ListAgreementsLang
from .list_parties_lang import ListPartiesLang
from .log_key import LogKey
from .measure import Measure
from .outside_handover_create import OutsideHandoverCreate
from .outside_line_in import OutsideLineIn
from .party_create import PartyCreate
from .party_create_country_code_type_0 import PartyCreateCountryCodeType0
from .party_create_names import PartyCreateNames
from .party_kind import PartyKind
from .party_page import PartyPage
from .party_public import PartyPublic
from .party_public_names import PartyPublicNames
from .party_ref import PartyRef
from .party_ref_names import PartyRefNames
from .problem import Problem
from .public_key import PublicKey
from .qualifier import Qualifier
from .recipient_status import RecipientStatus
from .reopening_create import ReopeningCreate
from .review_create import ReviewCreate
from .review_create_state import ReviewCreateState
from .review_public import ReviewPublic
from .review_state import ReviewState
from .side import Side
from .signed_tree_head import SignedTreeHead
from .source import Source
from .source_public import SourcePublic
from .state import State
from .summary import Summary
from .summary_line import SummaryLine
from .summary_point import SummaryPoint
from .target_in import TargetIn
from .target_public import TargetPublic
from .target_qualifier import TargetQualifier
from .timeline import Timeline
from .timeline_point import TimelinePoint
from .timeline_series import TimelineSeries
from .update_agreement_lang import UpdateAgreementLang
from .update_create import UpdateCreate
from .update_page import UpdatePage
from .update_public import UpdatePublic
from .webhook_attempt_page import WebhookAttemptPage
from .webhook_attempt_public import WebhookAttemptPublic
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_public import WebhookDeliveryPublic
from .webhook_subscription_create import WebhookSubscriptionCreate
from .webhook_subscription_created import WebhookSubscriptionCreated
from .webhook_subscription_page import WebhookSubscriptionPage
from .webhook_subscription_public import WebhookSubscriptionPublic
from .webhook_subscription_update import WebhookSubscriptionUpdate

__all__ = (
    "AgreementCreate",
    "AgreementCreateTitles",
    "AgreementFacets",
    "AgreementPage",
    "AgreementPublic",
    "AgreementPublicTitles",
    "AgreementStatus",
    "AgreementUpdate",
    "AgreementUpdateTitlesType0",
    "Announced",
    "AnnouncedPoint",
    "AnnouncedTotalCreate",
    "AnnouncedTotalPage",
    "AnnouncedTotalPublic",
    "AttemptOutcome",
    "AttributionDisputeCreate",
    "AttributionDisputePublic",
    "AttributionPosition",
    "AuditEntryPublic",
    "AuditEntryPublicAfterType0",
    "AuditEntryPublicBeforeType0",
    "AuditPage",
    "Category",
    "ChainHead",
    "ChainVerification",
    "Claimed",
    "CommitmentCreate",
    "CommitmentPublic",
    "CommitmentStatus",
    "CompletionCreate",
    "ConsistencyProof",
    "CorrectionCreate",
    "CreateAgreementLang",
    "CreatePartyLang",
    "Criteria",
    "CriteriaPublic",
    "DataDictionary",
    "DeliveryState",
    "DictionaryColumn",
    "DictionaryFormat",
    "DictionaryParameter",
    "DictionaryTerm",
    "Discrepancy",
    "EventType",
    "ExportFormat",
    "FacetCount",
    "FieldProblem",
    "GetAgreementLang",
    "GetAgreementStatusLang",
    "GetPartyLang",
    "GetPartySummaryLang",
    "GetSummaryLang",
    "Health",
    "Imbalance",
    "ImportRow",
    "ImportRows",
    "ImportSummary",
    "InclusionProof",
    "Interval",
    "LineIn",
    "LinePublic",
    "ListAgreementsLang",
    "ListPartiesLang",
    "LogKey",
    "Measure",
    "OutsideHandoverCreate",
    "OutsideLineIn",
    "PartyCreate",
    "PartyCreateCountryCodeType0",
    "PartyCreateNames",
    "PartyKind",
    "PartyPage",
    "PartyPublic",
    "PartyPublicNames",
    "PartyRef",
    "PartyRefNames",
    "Problem",
    "PublicKey",
    "Qualifier",
    "RecipientStatus",
    "ReopeningCreate",
    "ReviewCreate",
    "ReviewCreateState",
    "ReviewPublic",
    "ReviewState",
    "Side",
    "SignedTreeHead",
    "Source",
    "SourcePublic",
    "State",
    "Summary",
    "SummaryLine",
    "SummaryPoint",
    "TargetIn",
    "TargetPublic",
    "TargetQualifier",
    "Timeline",
    "TimelinePoint",
    "TimelineSeries",
    "UpdateAgreementLang",
    "UpdateCreate",
    "UpdatePage",
    "UpdatePublic",
    "WebhookAttemptPage",
    "WebhookAttemptPublic",
    "WebhookDeliveryPage",
    "WebhookDeliveryPublic",
    "WebhookSubscriptionCreate",
    "WebhookSubscriptionCreated",
    "WebhookSubscriptionPage",
    "WebhookSubscriptionPublic",
    "WebhookSubscriptionUpdate",
)
