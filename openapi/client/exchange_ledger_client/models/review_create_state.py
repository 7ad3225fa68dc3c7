from enum import StrEnum


class ReviewCreateState(StrEnum):
    DISPUTED = "disputed"
    REJECTED = "rejected"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
