"""Shared field types for the API's input: bounded, trimmed text without control characters."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def _no_control_characters(value: str) -> str:
    # Control and bidi-override characters make names print as something else.
    for char in value:
        if unicodedata.category(char) in {"Cc", "Cf"} and char not in "\n\t":
            raise ValueError("must not contain control or invisible formatting characters")
    return unicodedata.normalize("NFC", value)


def _no_control_characters_single_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("must be a single line")
    return _no_control_characters(value)


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters_single_line),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_no_control_characters_single_line),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=5000),
    AfterValidator(_no_control_characters),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=8, max_length=2000, pattern=r"^https?://[^\s]+$"),
]
