from enum import StrEnum


class Side(StrEnum):
    HANDED_OVER = "handed_over"
    MEDIATED = "mediated"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
