from enum import StrEnum


class ReviewState(StrEnum):
    DISPUTED = "disputed"
    REJECTED = "rejected"
    REPORTED = "reported"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
