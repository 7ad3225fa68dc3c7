from enum import StrEnum


class State(StrEnum):
    FULFILLED = "fulfilled"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    STALLED = "stalled"

    def __str__(self) -> str:
        return str(self.value)
