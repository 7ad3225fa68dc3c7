from enum import StrEnum


class CreatePartyLang(StrEnum):
    EN = "en"
    RU = "ru"
    UK = "uk"

    def __str__(self) -> str:
        return str(self.value)
