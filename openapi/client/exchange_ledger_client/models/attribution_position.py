from enum import StrEnum


class AttributionPosition(StrEnum):
    BELONGS = "belongs"
    DOES_NOT_BELONG = "does_not_belong"

    def __str__(self) -> str:
        return str(self.value)
