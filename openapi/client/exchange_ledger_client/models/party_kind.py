from enum import StrEnum


class PartyKind(StrEnum):
    ARMED_GROUP = "armed_group"
    INTERMEDIARY = "intermediary"
    ORGANISATION = "organisation"
    STATE = "state"

    def __str__(self) -> str:
        return str(self.value)
