from enum import StrEnum


class GetAgreementLang(StrEnum):
    EN = "en"
    RU = "ru"
    UK = "uk"

    def __str__(self) -> str:
        return str(self.value)
