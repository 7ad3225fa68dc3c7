from enum import StrEnum


class Qualifier(StrEnum):
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    EXACT = "exact"

    def __str__(self) -> str:
        return str(self.value)
