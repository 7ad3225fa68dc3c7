from enum import StrEnum


class AttemptOutcome(StrEnum):
    ABANDONED = "abandoned"
    FAILED = "failed"
    IN_FLIGHT = "in_flight"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
