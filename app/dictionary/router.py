"""HTTP for the data dictionary: JSON, or CSV with `format=csv`."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.core.caching import read_cache_headers
from app.core.errors import problems
from app.core.http import IfNoneMatch, etag_matches
from app.dictionary.models import DataDictionary, DictionaryFormat
from app.dictionary.service import published

router = APIRouter(prefix="/api/v1", tags=["dictionary"])

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


@router.get(
    "/dictionary",
    response_model=DataDictionary,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        304: {"description": "Not modified"},
        **problems(422),
    },
)
def get_data_dictionary(
    request: Request,
    dictionary_format: Annotated[DictionaryFormat, Query(alias="format")] = DictionaryFormat.json,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Every schema field, parameter and export column with its type, its description and where it appears.

    Open to everyone, as the OpenAPI document is: it describes the data and holds none.
    """
    ready = published(request.app)
    as_csv = dictionary_format is DictionaryFormat.csv
    etag = ready.csv_etag if as_csv else ready.json_etag
    headers = {"ETag": etag, **read_cache_headers(request)}
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    if as_csv:
        headers["Content-Disposition"] = 'attachment; filename="exchange-ledger-dictionary.csv"'
        return Response(ready.csv, media_type=CSV_MEDIA_TYPE, headers=headers)
    return Response(ready.json, media_type="application/json", headers=headers)
