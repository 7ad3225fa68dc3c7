from enum import StrEnum


class GetSummaryLang(StrEnum):
    EN = "en"
    RU = "ru"
    UK = "uk"

    def __str__(self) -> str:
        return str(self.value)
