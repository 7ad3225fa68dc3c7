from enum import StrEnum


class Measure(StrEnum):
    ALL_FOR_ALL = "all_for_all"
    TARGET = "target"

    def __str__(self) -> str:
        return str(self.value)
