"""The description of every word of the API, written once: schema fields, parameters and export columns.

A name that means the same everywhere has one entry in `FIELDS`. A name that means something else in
one schema, one operation or one export has its own entry there (`IN_SCHEMA`, `IN_OPERATION`,
`IN_EXPORT`), which wins over the shared one. Written for the analysts and integrators who read the
figures: say what a value is and, for a figure, which claims it counts.
"""

# ---- names that mean the same wherever they appear ----------------------------------------------

FIELDS: dict[str, str] = {
    # ids
    "id": "The record's id, assigned by the service; stable, never reused.",
    "agreement_id": "The id of the agreement (`agr_...`).",
    "commitment_id": "The id of the term (commitment) of the agreement; null (an empty cell in CSV) where there is "
    "none: a handover whose source did not say which term it served, counted as unattributed, or an agreement with "
    "no terms.",
    "recipient_id": "The id of the party that received the people or remains.",
    "update_id": "The id of the fulfilment update (one monitor's account of a handover).",
    "handover_id": "The id of the handover: the id of the first update that reported it, shared by every further "
    "claim about the same handover.",
    "announcement_id": "The id of the announced running total.",
    "party_id": "The id of the party.",
    "subscription_id": "The id of the webhook subscription.",
    "delivery_id": "The id of the webhook delivery.",
    "event_id": "The id of the webhook event; sent as the `webhook-id` header, the same on every retry and replay.",
    # agreements
    "title": "The agreement's title.",
    "concluded_on": "The day the agreement was concluded.",
    "venue": "Where the agreement was concluded, such as a city.",
    "negotiation_round": "The round of talks that produced the agreement, as announced (for example `second round`).",
    "notes": "An editor's free-text notes on the agreement.",
    "parties": "The parties bound by the agreement, in the order recorded (in an export, their names separated by "
    "'; ').",
    "intermediaries": "The mediators or neutral facilitators of the agreement (states, the ICRC, ...).",
    "sources": "Where the agreement was published or reported.",
    "commitments": "The agreement's terms (commitments).",
    "revision": "A number that grows with every change to the agreement, its terms or its updates; compare two "
    "reads to tell whether anything changed.",
    # terms
    "category": "Who or what the term is about: prisoners_of_war, wounded_and_sick, remains, civilian_detainees, "
    "children, political_prisoners, journalists or other.",
    "measure": "How the term is measured: `all_for_all` (everyone eligible, no number to reach; complete only when "
    "an editor declares it) or `target` (a number per receiving party).",
    "description": "The term's wording, as announced.",
    "criteria": "Who is eligible under the term (ages, condition); null when the term sets none.",
    "age_min": "The youngest eligible age, in years, if the term sets one.",
    "age_max": "The oldest eligible age, in years, if the term sets one.",
    "condition": "Any other eligibility condition, in words (for example `seriously wounded or seriously ill`).",
    "due_on": "The day by which the term is to be fulfilled, if it sets one; after it an unfulfilled term is overdue.",
    "targets": "The number each receiving party is to receive (empty for an all-for-all term).",
    "completed_on": "The day an editor declared the all-for-all term complete, as the source says; null until then.",
    # parties
    "name": "The party's name.",
    "kind": "What kind of actor the party is: state, armed_group, intermediary or organisation.",
    "country_code": "The party's ISO 3166-1 alpha-2 country code, upper case; null for a party that is not a country.",
    "country_code_alpha3": "The party's ISO 3166-1 alpha-3 country code, on which HDX joins datasets; null for a "
    "party that is not a country.",
    # updates
    "occurred_on": "The day of the handover (not the day of the report).",
    "stage": "The stage of the exchange, as announced (for example `3`).",
    "location": "Where the handover took place.",
    "note": "A free-text note by whoever recorded it.",
    "source": "Where the statement was published: at least a URL, a title or a publisher.",
    "lines": "One line per receiving party and term: how many that party received under that term in the handover.",
    "quantity": "How many people (or remains) the party received; null (an empty cell in CSV) when the number was "
    "withheld.",
    "qualifier": 'How exact the number is: `exact`, `approximate` ("about 250") or `at_least` ("more than 1,000").',
    "claim_of": "The update this one is a further claim about (the same handover reported again, perhaps with "
    "other figures); claims about one handover are counted once, never added up.",
    "supersedes": "The update this one corrects, if any.",
    "superseded_by": "The correction that replaced this update, if any; a superseded update is kept but never counted.",
    "correction_reason": "Why this update corrected an earlier one; null if it corrects none.",
    "review_state": "Where the claim stands in review: `reported` (not yet reviewed; counts on the reported basis), "
    "`verified`, `disputed` (still counts) or `rejected` (kept, never counted).",
    "reviewed_at": "When the claim was last reviewed; null if never.",
    "created_at": "When the record was created in the service (not when what it reports happened).",
    "created_by": "The id of the API key that recorded it; null for records made by the service itself.",
    "updated_at": "When the record was last changed.",
    # sources
    "url": "The address of the source.",
    "publisher": "Who published the source (an outlet, a ministry, a delegation).",
    "published_on": "The day the source was published.",
    "source_url": "The address of the source.",
    "source_publisher": "Who published the source.",
    "source_title": "The title of the source.",
    "source_published_on": "The day the source was published.",
    # status figures
    "state": "Where the agreement or term stands on the day of the status: `not_started` (no handover yet), "
    "`in_progress`, `fulfilled` (every target met on the status's basis, or an all-for-all term declared "
    "complete; an agreement when every term is), `overdue` (not fulfilled and past a due date) or `stalled` "
    "(not fulfilled and no handover for more than `stall_days` days since the last one, or since the "
    "agreement was concluded).",
    "last_update_on": "The day of the latest handover counted (not the day it was reported); null when there has "
    "been none.",
    "days_since_last_update": "Days from the latest handover to the day of the status; null when there has been none.",
    "recipient_name": "The receiving party's name.",
    "target": "How many the party is to receive under the term; null (empty in CSV) for all-for-all terms and for "
    "handovers not attributed to a term.",
    "target_qualifier": "Whether the target is `exact` or a floor (`at_least`); null when there is no target.",
    "received": "How many the party has received under the term: for each handover, the figure of its one "
    "standing claim (the verified claim, the latest verified if several, else the earliest claim that counts), "
    "never the sum of several claims. Superseded and rejected claims never count; on the `verified` basis only "
    "verified figures do. Withheld numbers add nothing, so read `received_is_lower_bound` beside it. Handovers a "
    "party says do not belong to the agreement are still counted.",
    "percent": "`received` as a percentage of `target`, one decimal; may pass 100. Null when there is no target.",
    "remaining": "How many are still to be received to reach the target (never below 0); null when there is no target.",
    "exceeds_target": "True when the party has received more than its target (a fact to report, not an error).",
    "handovers": "How many handovers to this party under this term are counted in `received`.",
    "withheld_handovers": "How many of those handovers had their number withheld: they happened, but add nothing "
    "to `received`.",
    "approximate_lines": 'How many of the counted figures are approximate ("about 250").',
    "at_least_lines": 'How many of the counted figures are floors ("more than 1,000").',
    "received_is_exact": "True when every counted figure is exact: none withheld, approximate or `at_least`.",
    "received_is_lower_bound": "True when withheld or `at_least` figures mean the true total is higher than "
    "`received`.",
    "reported_received": "`received` on the reported basis, whatever the server's basis: for every handover with "
    "a claim that counts (not rejected, not superseded), the figure of its standing claim.",
    "verified_received": "`received` on the verified basis, whatever the server's basis: only the figures a "
    "verifier verified.",
    "verified_handovers": "How many handovers to this party under this term have a verified figure.",
    "verified_is_lower_bound": "True when withheld or `at_least` figures among the verified ones mean the true "
    "verified total is higher.",
    "received_excluding_disputed_attribution": "The reported `received`, leaving out handovers that a party says do "
    "not belong to the agreement; null on the verified basis.",
    "disputed_attribution_handovers": "How many counted handovers a party says do not belong to the agreement.",
    "announced": "The latest running total a source announced for this party under this term, beside the sum of "
    "the recorded stages up to that day; null when none was announced. Never added to `received`.",
    "discrepancies": "Handovers whose counting claims disagree (in figures or in term) and that no verifier has "
    "settled yet.",
    "imbalance": "How far apart the receiving parties are under the term; null with fewer than two.",
    "recipients": "One entry per receiving party: what it has received under the term, against its target.",
    "declared_complete_on": "The day an editor declared the all-for-all term complete; null if not declared.",
    "claimant": "Who announced the running total (a delegation, an office, an outlet).",
    "stated_on": "The day the running total was announced.",
    "sum_of_stages_then": "The sum of the recorded stages (on the reported basis) for this party and term up to "
    "the day of the announcement, to set beside it.",
    "differs": "True when the announced total and the sum of the stages disagree (an exact total differs, an "
    "`at_least` total exceeds the stages, an approximate one is more than 5% off); null when the announced number "
    "was withheld.",
    "figures": "The cumulative figures announced, one per receiving party and term: running totals so far, not a "
    "stage's own figures.",
    "standing_update_id": "The claim counted until a verifier settles the discrepancy: the earliest claim that counts.",
    "claims": "Every counting claim about what the party received in the handover.",
    "terms": "The terms the claim counts the handover under (`unattributed` when it names none); only the "
    "standing claim's terms count, once.",
    "as_of": "The day the states were evaluated for (today, or the `as_of` asked for).",
    "basis": "Which claims the states, `received` and `percent` count: `reported` (every standing claim not "
    "rejected) or `verified` (verified claims only). A server setting.",
    "stall_days": "Days without a handover after which an unfulfilled agreement or term is `stalled` (a server "
    "setting).",
    "unattributed": "Handovers whose source did not say which term they served, per receiving party: counted here, "
    "not under any term.",
    "unattributed_discrepancies": "Discrepancies among handovers not attributed to a term.",
    "most_received_id": "The id of the party that has received the most under the term.",
    "least_received_id": "The id of the party that has received the least under the term.",
    "difference": "Received by the party that received most minus received by the one that received least.",
    "ratio": "Received by the most over received by the least, two decimals; null when the least is 0.",
    # timeline
    "series": "One cumulative series per receiving party and term (or no term stated).",
    "points": "The cumulative totals after each day with a handover, oldest first.",
    "date": "The day of the handovers this point adds.",
    "received_is_approximate": "True when an approximate figure is in the total so far.",
    # reviews and disputes
    "reason": "Why the reviewer decided so, in words; shown beside the figure.",
    "from_state": "The review state before this review.",
    "to_state": "The review state this review set.",
    "reviewed_by": "The id of the API key of the reviewer.",
    "position": "What the party says: `belongs` (it counts the handover under the agreement) or "
    "`does_not_belong` (it denies it). A party's latest statement stands.",
    "statement": "The party's statement, in words.",
    "recorded_at": "When the statement was recorded.",
    "recorded_by": "The id of the API key that recorded the statement.",
    # pages
    "items": "The records of this page, in the list's order.",
    "next_cursor": "Pass as `cursor` to get the next page; null at the last page. Opaque.",
    "total": "How many records match the filters over every page; null unless `with_total` was asked for.",
    # webhooks
    "event_types": "The kinds of event the subscription receives (update.created, update.reviewed, "
    "update.corrected, commitment.state_changed, agreement.created, agreement.updated).",
    "active": "False while deliveries are held; they resume when it is set true again.",
    "secret": "The Standard Webhooks secret (`whsec_` + base64) to verify signatures; shown only in this response.",
    "event_type": "The kind of event delivered.",
    "attempts": "How many tries have been made to deliver the event.",
    "next_attempt_at": "When the next try is due; null once delivered or dead.",
    "last_status_code": "The receiver's HTTP status at the latest try, when it answered.",
    "last_error": "What went wrong at the latest try, if anything.",
    "delivered_at": "When the receiver accepted the event; null until then.",
    "dead_at": "When the service gave up retrying; null unless it did.",
    "number": "Which try this was: 1 for the first try of a delivery (counting again after a replay).",
    "outcome": "How the try ended: in_flight, succeeded, failed or abandoned.",
    "started_at": "When the try started.",
    "duration_ms": "How long the try took, in milliseconds; null while in flight.",
    "status_code": "The receiver's HTTP status, when it answered.",
    "error": "What went wrong, if the try failed.",
    # audit
    "seq": "The entry's place in the audit chain, from 1, with no gaps.",
    "at": "When the write was committed.",
    "actor_key_id": "The id of the API key that made the write; null for the service itself.",
    "actor_role": "The role of that key (reader, monitor, verifier, editor, admin), or `system` for the service "
    "itself.",
    "action": "What the write did: create, update or delete.",
    "entity_type": "The kind of record written (its table's name, such as `agreement` or `fulfilment_update`).",
    "entity_id": "The id of the record written.",
    "before": "The record's values before the write; null for a creation.",
    "after": "The record's values after the write; null for a deletion.",
    "prev_hash": "The hash of the entry before (64 zeros for the first).",
    "hash": "SHA-256 over this entry and the hash before it: changing any earlier entry changes every hash after it.",
    "ok": "True when every entry's hash matches.",
    "entries": "How many entries were checked.",
    "head": "The latest entry of the chain: publish it so that others can check the log later.",
    "first_broken_seq": "The first entry whose hash does not match; null when none.",
    "problem": "What is wrong with the chain, in words; null when nothing.",
    # imports
    "updates": "How many updates the import recorded.",
    "agreement_ids": "The agreements whose totals and status the import rebuilt.",
    # problems (RFC 9457)
    "type": "A URI naming the kind of problem; the same for every problem of that kind.",
    "detail": "What went wrong with this request, in words.",
    "instance": "The path of the request that failed.",
    "errors": "One entry per invalid field, when the input failed validation.",
    "message": "What is wrong with the field.",
    # health
    "schema_revision": "The database's migration revision, when ready.",
    # the published data dictionary
    "schemas": "The OpenAPI schemas that have a property of this name with this meaning.",
    "parameters": "The operations that take a parameter of this name with this meaning.",
    "export_columns": "The export columns of this name with this meaning.",
    "operation_id": "The operation's id, as generated clients name their method.",
    "method": "The operation's HTTP method.",
    "path": "The operation's path.",
    "export": "Which export has the column: `agreements` (`/api/v1/exports/agreements`) or `updates` "
    "(`/api/v1/exports/updates`).",
    "hxl": "The column's HXL hashtag: the second row of an export asked for with `format=hxl`.",
    "read_on_import": "For a column of the updates export, whether `POST /api/v1/imports/updates` reads it back "
    "(false: informative, ignored on import); null for other exports.",
}

# ---- names that mean something else in one schema -------------------------------------------------

IN_SCHEMA: dict[str, dict[str, str]] = {
    "AgreementCreate": {"parties": "The ids of the parties bound by the agreement (at least two)."},
    "AgreementUpdate": {
        "title": "The agreement's new title; left as it is when absent.",
        "concluded_on": "The new day the agreement was concluded; left as it is when absent.",
    },
    "AgreementPublic": {
        "state": "Where the agreement stands today (see `state` in the status).",
        "changed_at": "When anything the agreement shows last changed (an edit, a term, a handover, a review): for "
        "`changed_since`.",
    },
    "UpdatePublic": {
        "id": "The update's id.",
        "changed_at": "When the update was recorded, reviewed or superseded, whichever was last: for "
        "`changed_since` (absent only from an answer replayed for an Idempotency-Key first used before it was "
        "kept).",
    },
    "CommitmentStatus": {"last_update_on": "The day of the latest handover counted under the term."},
    "RecipientStatus": {
        "last_update_on": "The day of the latest handover to this party under this term.",
        "discrepancies": "How many handovers to this party under this term have counting claims that disagree, not "
        "yet settled by a verifier.",
    },
    "Announced": {
        "quantity": "The running total the source announced; null when it was withheld.",
        "qualifier": "How exact the announced total is: exact, approximate or at_least.",
    },
    "AnnouncedPoint": {
        "quantity": "The running total the source announced; null when it was withheld.",
        "qualifier": "How exact the announced total is: exact, approximate or at_least.",
    },
    "AnnouncedTotalCreate": {"note": "A note on the announcement."},
    "AnnouncedTotalPublic": {
        "note": "A note on the announcement.",
        "created_by": "The id of the API key that recorded it.",
    },
    "Claimed": {
        "quantity": "What the claim says the party received in the handover, over the terms it names; null when "
        "it withheld the number.",
        "qualifier": "How exact the claim's figure is (the loosest of its lines: at_least, then approximate).",
        "review_state": "Where the claim stands in review.",
        "publisher": "Who published the claim's source.",
        "url": "The address of the claim's source.",
    },
    "Discrepancy": {"occurred_on": "The day of the handover, as its standing claim says."},
    "TargetIn": {
        "quantity": "How many the party is to receive under the term.",
        "qualifier": "Whether the target is `exact` or a floor (`at_least` 1,000); `exact` when absent.",
        "recipient_id": "The id of the party that is to receive.",
    },
    "TargetPublic": {
        "quantity": "How many the party is to receive under the term.",
        "qualifier": "Whether the target is `exact` or a floor (`at_least`).",
        "recipient_id": "The id of the party that is to receive.",
    },
    "LineIn": {
        "qualifier": "How exact the number is: exact (the default), approximate or at_least; a withheld number "
        "takes none.",
    },
    "TimelinePoint": {
        "received": "The cumulative reported `received` after the handovers of this day.",
        "verified_received": "The cumulative verified `received` after the handovers of this day.",
        "handovers": "The cumulative number of handovers counted so far.",
        "received_is_lower_bound": "True when a withheld or `at_least` figure is in the total so far.",
    },
    "Timeline": {"announced": "Every announced running total, beside the sum of the stages up to its day."},
    "AgreementStatus": {
        "last_update_on": "The day of the latest handover under the agreement, any term or none.",
    },
    "CompletionCreate": {
        "completed_on": "The day the term was completed, as the source says.",
        "note": "A note on the declaration.",
        "source": "The source that says everyone eligible has been returned.",
    },
    "CorrectionCreate": {"reason": "Why the earlier figures are corrected."},
    "ReopeningCreate": {"reason": "Why the declaration of completion is withdrawn."},
    "ReviewCreate": {
        "state": "The decision: verified, disputed or rejected.",
    },
    "ReviewPublic": {
        "reviewed_at": "When the review was made.",
        "log_entry": "The audit entry that recorded this review: its leaf in the signed log, for "
        "`/api/v1/log/proofs/inclusion?entry=`.",
    },
    "UpdateCreate": {
        "claim_of": "Another update about the same handover: this one is then a further claim, counted once with it."
    },
    "AttributionDisputeCreate": {"source": "Where the party's statement was published."},
    "AttributionDisputePublic": {"source": "Where the party's statement was published."},
    "CommitmentCreate": {
        "targets": "The number each receiving party is to receive: one per party, at least one "
        "for a `target` term, none for an all-for-all term."
    },
    "PartyCreate": {"name": "The party's name, as it is commonly written."},
    "PartyRef": {"id": "The party's id."},
    "PartyPublic": {"id": "The party's id."},
    "Source": {"title": "The title of the source."},
    "SourcePublic": {"title": "The title of the source."},
    "WebhookSubscriptionCreate": {
        "url": "Where to send the events: http or https, not the service itself.",
        "description": "A note on what the subscription is for.",
    },
    "WebhookSubscriptionUpdate": {
        "url": "The new address; left as it is when absent.",
        "event_types": "The new kinds of event; left as they are when absent.",
        "description": "The new note; null removes it.",
        "active": "False holds deliveries, true resumes them; left as it is when absent.",
    },
    "WebhookSubscriptionPublic": {
        "url": "Where the events are sent.",
        "description": "A note on what the subscription is for.",
    },
    "WebhookSubscriptionCreated": {
        "url": "Where the events are sent.",
        "description": "A note on what the subscription is for.",
    },
    "WebhookDeliveryPublic": {
        "state": "Where the delivery stands: pending, delivered or dead (retries exhausted).",
        "id": "The delivery's id.",
    },
    "WebhookAttemptPublic": {"id": "The attempt's id."},
    "ChainHead": {"seq": "The sequence number of the latest entry.", "hash": "The hash of the latest entry."},
    "FieldProblem": {
        "location": "Where the field is: body, query, path or header, then its path.",
        "type": "The kind of validation error, as a short code.",
    },
    "Problem": {
        "title": "A short summary of the kind of problem.",
        "status": "The HTTP status code.",
    },
    "Health": {"status": "`ok` when the process is alive; `ready` when the database answers at the latest migration."},
    "ImportSummary": {"lines": "How many lines (rows) the import recorded."},
    "ImportRows": {
        "rows": "The rows, in the order a file would give them; consecutive rows with the same update_id "
        "are the lines of one update."
    },
    "DictionaryTerm": {
        "name": "The term: a field, parameter or column name.",
        "description": "What the term means there.",
        "type": "The term's type as the OpenAPI document gives it (`string (date)`, `integer or null`, `array of "
        "Source`, ...); for an export column alone, `CSV cell`.",
    },
    "DictionaryParameter": {"location": "Where the parameter goes: path, query or header."},
    "DataDictionary": {"terms": "Every term, in name order; a name with two meanings is two terms."},
}

# ---- parameters: filters and headers, which say what a request asks for -------------------------

PARAMETERS: dict[str, str] = {
    "limit": "Items per page, at most 200.",
    "cursor": "The `next_cursor` of the previous page; treat it as opaque.",
    "with_total": "Also count every item that matches the filters (`total`): one more query.",
    "status": "Only agreements in this state today (repeat the parameter for any of several).",
    "party_id": "Only agreements binding or mediated by this party.",
    "category": "Only agreements with a term of this category (repeat the parameter for any of several).",
    "concluded_from": "Only agreements concluded on or after this day.",
    "concluded_to": "Only agreements concluded on or before this day.",
    "q": "Words in the title, venue, round or notes, a term's description or condition, or a party's name; in any "
    "case and any script.",
    "format": "csv, hxl (CSV with an HXL hashtag row) or ndjson; overrides Accept.",
    "bom": "Open a CSV with a UTF-8 byte-order mark, so that Excel reads non-Latin names rightly; ignored for NDJSON.",
    "recipient_id": "Only lines of handovers to this party.",
    "occurred_from": "Only handovers on or after this day.",
    "occurred_to": "Only handovers on or before this day.",
    "recorded_from": "Only updates recorded at or after this time (with its offset).",
    "recorded_to": "Only updates recorded at or before this time (with its offset).",
    "counted": "Only the lines the status counts under the server's basis.",
    "handover_id": "Only the claims about this handover.",
    "as_of": "The status as it stood on this day: handovers that had occurred by then, judged by the claims and "
    "reviews recorded now.",
    "entity_type": "Only writes to this kind of record (a table name, such as `agreement`).",
    "entity_id": "Only writes to the record with this id.",
    "actor_key_id": "Only writes made with this API key.",
    "state": "Only deliveries in this state.",
    "accept": "text/csv, text/csv;hxl=present or application/x-ndjson, when `format` is not given.",
    "if-none-match": "An ETag seen before; 304 if unchanged.",
    "if-match": "The ETag of the version being changed; 412 if it has changed since.",
    "idempotency-key": "Any unique string per logical request; a retry with the same key and body is recorded once.",
}

# ---- parameters that mean something else in one operation ----------------------------------------

IN_OPERATION: dict[str, dict[str, str]] = {
    "update_agreement": {
        "if-none-match": "`*` or ETags: 412 if the resource exists or is at one of them.",
    },
    "list_agreements": {
        "changed_since": "Only agreements that changed at or after this time (with its offset): an edit, a term, a "
        "handover, a review. For pull sync: pass the server's Date of your previous pass's first answer.",
    },
    "export_agreements": {
        "changed_since": "Only agreements that changed at or after this time (with its offset): an edit, a term, a "
        "handover, a review. For pull sync: pass the server's Date of your previous pass's first answer.",
    },
    "list_updates": {
        "review_state": "Only updates in this review state.",
        "changed_since": "Only updates recorded, reviewed or superseded at or after this time (with its offset). For "
        "pull sync: pass the server's Date of your previous pass's first answer.",
    },
    "list_all_updates": {
        "review_state": "Only updates in this review state; `reported` gives the review queue, oldest first.",
        "agreement_id": "Only this agreement's updates.",
        "changed_since": "Only updates recorded, reviewed or superseded at or after this time (with its offset). For "
        "pull sync: pass the server's Date of your previous pass's first answer.",
    },
    "export_updates": {
        "agreement_id": "Only this agreement's updates.",
        "commitment_id": "Only lines under this term.",
        "review_state": "Only updates in these review states (repeat the parameter for several).",
    },
    "list_announced_totals": {
        "changed_since": "Only running totals recorded at or after this time (with its offset); they never change.",
    },
    "list_audit_entries": {"cursor": "The `next_cursor` of the previous page."},
    "get_data_dictionary": {
        "format": "`json` (the default) or `csv`: one row per term, with the schemas, parameters and export "
        "columns where it appears joined by '; '.",
    },
}

# ---- export columns whose name is the export's own ----------------------------------------------

IN_EXPORT: dict[str, dict[str, str]] = {
    "agreements": {
        "agreement_title": "The agreement's title.",
        "agreement_state": "The agreement's state today (see `state`).",
        "commitment_state": "The term's state today (see `state`).",
        "last_update_on": IN_SCHEMA["RecipientStatus"]["last_update_on"],
        "recipient_country_code": "The receiving party's ISO 3166-1 alpha-3 code; empty for a party that is not a "
        "country.",
    },
    "updates": {
        "recipient_country_code": "The receiving party's ISO 3166-1 alpha-3 code; empty for a party that is not a "
        "country.",
        "attribution_disputed": "True when a party disputes that the handover belongs to the agreement.",
        "counted": "True for exactly the lines the status counts under the server's basis: summing `quantity` over "
        "them per term and party gives the status's `received`.",
        "idempotency_key": "On import, a retry token per update; always empty on export (keys belong to the client "
        "that sent them).",
    },
}

# A JSON import row is a line of the updates export: its fields are that export's columns.
IN_SCHEMA["ImportRow"] = {
    name: IN_EXPORT["updates"][name]
    for name in ("recipient_country_code", "attribution_disputed", "counted", "idempotency_key")
}


# ---- summaries across agreements, facets and handovers outside any agreement ----------------------

_SUMMARY_FIGURES: dict[str, str] = {
    "received": "Sum of the known quantities on the server's basis; see the flags.",
    "handovers": "Handovers counted on the server's basis.",
    "withheld_handovers": "Handovers whose number was withheld.",
    "received_is_lower_bound": "True when withheld or 'at least' figures mean the true total is higher.",
    "reported_received": "Sum of the standing figures of every handover not rejected.",
    "verified_received": "Sum of the figures a verifier verified.",
    "disputed_attribution_handovers": "Handovers a party says do not belong to the agreement they were recorded under.",
    "discrepancies": "Handovers whose claims disagree, not yet settled by a verifier.",
    "category": "Null for handovers whose source did not say which term.",
    "side": "In a party's summary: `received` (by the party), `handed_over` (received by another party bound by the "
    "same agreement or record) or `mediated` (where the party is an intermediary); null in the summary over "
    "all parties.",
    "reported_handovers": "Handovers counted on the reported basis: every handover with a claim not rejected.",
    "reported_is_lower_bound": "True when withheld or 'at least' figures mean the true reported total is higher.",
}
_SUMMARY_FILTERS: dict[str, str] = {
    "interval": "Also a series for charts: the figures of each month or year, not cumulative.",
    "category": "Only handovers under a term of this category (repeat the parameter for any of several).",
    "from": "Only handovers that occurred on or after this day.",
    "to": "Only handovers that occurred on or before this day.",
    "counterpart": "Only agreements (and records outside agreements) this party is also part of.",
    "state": "Only agreements in this state today (repeat the parameter for any of several); leaves out handovers "
    "outside any agreement, which have no state.",
}
IN_SCHEMA.update(
    {
        "AgreementFacets": {
            "state": "By state today, every state listed.",
            "category": "By category of one of their terms.",
            "party": "By party bound or mediating, most first.",
        },
        "AgreementPage": {
            "facets": "Given when asked (`facets`).",
        },
        "FacetCount": {
            "value": "The state, the category or the party's id.",
            "name": "The party's name (party facet only).",
            "count": "How many agreements matching the filters have this value.",
        },
        "OutsideHandoverCreate": {
            "parties": "The two sides of the handover.",
            "intermediaries": "Who mediated it.",
            "occurred_on": "The day of the handover (not of the report).",
            "claim_of": "An earlier report of the same handover: this one is then a further claim, counted once with "
            "it.",
        },
        "OutsideLineIn": {
            "category": "Who or what was handed over; null if not said.",
            "recipient_id": "One of the two parties.",
            "quantity": "How many were received; null when the number was withheld.",
        },
        "Summary": {
            "party_id": "The party whose summary this is; null over all parties.",
            "basis": "`reported` or `verified`: where `received` and its flags come from.",
            "as_of": "The day the agreement states of the `state` filter were read for.",
            "lines": "Over the whole period, per category, side and receiving party.",
            "series": "Per period, when `interval` is given; else empty.",
            "party_name": "The name of the party whose summary this is; null over all parties.",
            "occurred_from": "The first day of the period asked for (`from`); null when not limited.",
            "occurred_to": "The last day of the period asked for (`to`); null when not limited.",
            "categories": "The categories asked for (`category`); empty for every category.",
            "counterpart_id": "The counterpart asked for (`counterpart`); null for any.",
            "states": "The agreement states asked for (`state`); empty for any.",
            "interval": "`month` or `year` when a series was asked for; else null.",
        },
        "SummaryLine": _SUMMARY_FIGURES,
        "SummaryPoint": {
            **_SUMMARY_FIGURES,
            "period": "`2025-06` for a month, `2025` for a year.",
        },
    }
)
IN_OPERATION.update(
    {
        "list_agreements": {
            **IN_OPERATION["list_agreements"],
            "facets": "Also count the agreements matching the filters by `state`, `category` and `party`, for a "
            "filter sidebar: `facets=state,category,party` or the parameter repeated.",
        },
        "get_summary": _SUMMARY_FILTERS,
        "get_party_summary": _SUMMARY_FILTERS,
        "export_summary": {
            **_SUMMARY_FILTERS,
            "party_id": "This party's summary (received, handed over, mediated).",
        },
    }
)

# ---- names in several languages --------------------------------------------------------------------

PARAMETERS["lang"] = (
    "The language of names and titles (BCP 47: en, uk or ru); wins over Accept-Language. Every language's "
    "names stay in `names`/`titles`."
)
for _schema, _texts in {
    "AgreementCreate": {
        "title": "The English title.",
        "titles": "The title in other languages, by BCP 47 tag; `en`, if given, must be the same as `title` "
        "(the English title).",
    },
    "AgreementPublic": {
        "title": "The title in the language of the answer (Content-Language), else in English.",
        "titles": "The title by BCP 47 tag, English always among them.",
    },
    "AgreementUpdate": {
        "titles": "The title in other languages, by BCP 47 tag; `en`, if given, must be the same as `title` "
        "(the English title). Replaces every other language's title.",
    },
    "PartyCreate": {
        "name": "The English name; may be left out when `names` has `en`.",
        "names": "The name in each language, by BCP 47 tag; `en`, if given, must equal `name`. For a country, "
        "the languages left out are named from ISO 3166-1's translations.",
        "aliases": "Other names the party goes by, in any language; none may be another party's name or alias.",
    },
    "PartyPublic": {
        "name": "The name in the language of the answer (Content-Language), else in English.",
        "names": "The name by BCP 47 tag: as recorded, or for a country from ISO 3166-1.",
        "aliases": "Other names the party goes by, in any language, as recorded.",
    },
    "Problem": {
        "existing_id": "With a 409 for a duplicate: the id of the resource already recorded.",
        "existing": "With a 409 for a duplicate: the path of that resource.",
    },
    "PartyRef": {
        "names": "The party's name by BCP 47 tag: as recorded, or for a country from ISO 3166-1.",
    },
}.items():
    IN_SCHEMA[_schema] = {**IN_SCHEMA.get(_schema, {}), **_texts}

LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}


def in_language(text: str, tag: str) -> str:
    """The description of a name's column in one language: the name's own text, and which language."""
    return f"{text} In {LANGUAGE_NAMES[tag]}, if known."


IN_SCHEMA["ImportRow"].update(
    {
        f"recipient_name_{tag}": in_language(
            IN_EXPORT["updates"].get("recipient_name") or FIELDS["recipient_name"], tag
        )
        for tag in LANGUAGE_NAMES
    }
)

# The Merkle log over the audit entries (RFC 9162), its signed heads and proofs, and signed answers.
_KEY = {
    "key_id": "The key's id: the first 16 hex digits of the SHA-256 of its 32 raw public bytes; every signature "
    "names it.",
    "algorithm": "The signature algorithm: ed25519.",
    "public_key_pem": "The Ed25519 public key (PEM, SubjectPublicKeyInfo) that checks the signatures.",
}
IN_SCHEMA.update(
    {
        "SignedTreeHead": {
            "tree_size": "How many audit entries the tree holds: entries 1 to this.",
            "root_hash": "The Merkle tree's root over those entries (RFC 9162 hashing), hex.",
            "timestamp": "When the head was signed: milliseconds since 1970-01-01 UTC.",
            "key_id": "The id of the key that signed the head (see /api/v1/log/key).",
            "signature": "Ed25519 signature (base64) over the lines 'exchange-ledger tree head v1', tree_size, "
            "root_hash, timestamp and key_id, each ended by a newline.",
        },
        "PublicKey": _KEY,
        "LogKey": {
            **_KEY,
            "generated": "True when the key was made at start-up for development or tests: signatures by it prove "
            "nothing once the process ends.",
            "retired": "Keys that signed before a rotation: heads and answers they signed still check with them.",
        },
        "InclusionProof": {
            "entry": "The audit entry's sequence number.",
            "leaf_index": "Its leaf in the tree: the sequence number less one.",
            "tree_size": "The size of the tree the path leads to the root of.",
            "entry_hash": "The entry's chain hash, recomputed from the entry as stored now; the leaf's data.",
            "leaf_hash": "SHA-256 of a 0x00 byte and the 32 bytes of entry_hash, hex.",
            "audit_path": "The sibling hashes from the leaf up to the root (RFC 9162 2.1.3), hex.",
        },
        "ConsistencyProof": {
            "from_size": "The size of the earlier tree.",
            "to_size": "The size of the later tree.",
            "proof": "The nodes proving the later tree extends the earlier one (RFC 9162 2.1.4), hex; empty when "
            "the sizes are equal.",
        },
    }
)
PARAMETERS["signed"] = (
    "true: sign the answer (RFC 9421 HTTP Message Signature, Ed25519) over its status, media type and exact bytes "
    "(Content-Digest), with the time as the signature's created parameter; keep the whole answer to check it later."
)
IN_OPERATION.update(
    {
        "get_inclusion_proof": {
            "entry": "The audit entry's sequence number (from 1).",
            "tree_size": "The size of the tree, as in a signed head you kept; the whole log's when left out.",
        },
        "get_consistency_proof": {
            "from": "The size of the earlier tree, as in a signed head you kept.",
            "to": "The size of the later tree; the whole log's when left out.",
        },
    }
)

IN_SCHEMA["UpdatePublic"] = {
    **IN_SCHEMA.get("UpdatePublic", {}),
    "log_entry": "The audit entry that recorded this update (a correction included): its leaf in the signed log, for "
    "`/api/v1/log/proofs/inclusion?entry=`. Null in the answer to the POST that records it, since the entry is "
    "numbered when its batch commits (read the update again), and for updates loaded by a bulk import, which is "
    "one entry of its own.",
}
