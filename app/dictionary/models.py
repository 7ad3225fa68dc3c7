"""The data dictionary as the API shows it."""

from enum import StrEnum

from pydantic import BaseModel


class DictionaryFormat(StrEnum):
    """How the dictionary is sent: JSON, or CSV with one row per term."""

    json = "json"
    csv = "csv"


class DictionaryParameter(BaseModel):
    """An operation that takes the term as a parameter."""

    operation_id: str
    method: str
    path: str
    location: str


class DictionaryColumn(BaseModel):
    """An export that has the term as a column."""

    export: str
    hxl: str
    read_on_import: bool | None


class DictionaryTerm(BaseModel):
    """One name with one meaning, and everywhere it appears with that meaning."""

    name: str
    type: str
    description: str
    schemas: list[str]
    parameters: list[DictionaryParameter]
    export_columns: list[DictionaryColumn]


class DataDictionary(BaseModel):
    """Every term of the API: schema fields, parameters and export columns."""

    terms: list[DictionaryTerm]
