from enum import StrEnum


class EventType(StrEnum):
    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_OVERDUE = "agreement.overdue"
    AGREEMENT_STALLED = "agreement.stalled"
    AGREEMENT_UPDATED = "agreement.updated"
    COMMITMENT_OVERDUE = "commitment.overdue"
    COMMITMENT_STALLED = "commitment.stalled"
    COMMITMENT_STATE_CHANGED = "commitment.state_changed"
    UPDATES_IMPORTED = "updates.imported"
    UPDATE_CORRECTED = "update.corrected"
    UPDATE_CREATED = "update.created"
    UPDATE_REVIEWED = "update.reviewed"

    def __str__(self) -> str:
        return str(self.value)
