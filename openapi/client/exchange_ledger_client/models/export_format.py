from enum import StrEnum


class ExportFormat(StrEnum):
    CSV = "csv"
    HXL = "hxl"
    NDJSON = "ndjson"

    def __str__(self) -> str:
        return str(self.value)
