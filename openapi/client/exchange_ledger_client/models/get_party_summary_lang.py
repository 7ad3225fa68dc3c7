from enum import StrEnum


class GetPartySummaryLang(StrEnum):
    EN = "en"
    RU = "ru"
    UK = "uk"

    def __str__(self) -> str:
        return str(self.value)
