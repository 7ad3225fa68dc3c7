"""Shared field types for the API's input: bounded, trimmed text without control characters."""

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf"})


def _no_control_characters(value: str) -> str:
    # Control and bidi-override characters make names print as something else.
    for char in value:
        if unicodedata.category(char) in _REFUSED_CATEGORIES and char not in "\n\t":
            raise ValueError("must not contain control or invisible formatting characters")
    return unicodedata.normalize("NFC", value)


def _no_control_characters_single_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("must be a single line")
    return _no_control_characters(value)


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def _script(char: str) -> str | None:
    # The first word of a letter's Unicode name is its script: LATIN, CYRILLIC, GREEK, ARABIC...
    if not char.isalpha():
        return None
    script = unicodedata.name(char, "").split(" ", 1)[0]
    if script in _EAST_ASIAN:
        return "CJK"  # Japanese and Korean words mix these by design
    return None if script in ("", "MODIFIER") else script


def _no_mixed_script_words(value: str) -> str:
    # "Ukraine" spelt with one Cyrillic letter would pass for a second Ukraine: a word keeps to one script.
    for word in value.split():
        scripts = {script for script in map(_script, word) if script is not None}
        if len(scripts) > 1:
            raise ValueError(f"the word {word!r} mixes letters of several scripts ({', '.join(sorted(scripts))})")
    return value


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)  # astral characters as themselves (a `u` regex)


def _character_class(codes: list[int]) -> str:
    """The characters as a regex class body, runs of consecutive ones as ranges."""
    parts, start = [], 0
    for index in range(1, len(codes) + 1):
        if index == len(codes) or codes[index] != codes[index - 1] + 1:
            first, last = codes[start], codes[index - 1]
            parts.append(_escaped(first) if first == last else f"{_escaped(first)}-{_escaped(last)}")
            start = index
    return "".join(parts)


@cache
def text_pattern(*, multiline: bool, required: bool) -> str:
    """The JSON Schema pattern of the text the validators above accept, drawn from the same Unicode tables.

    Refused: control and invisible formatting characters (tab and newline kept in multi-line text);
    required text needs a character that is not whitespace, since surrounding whitespace is trimmed.
    """
    characters = [chr(code) for code in range(sys.maxunicode + 1)]
    refused = [
        ord(char)
        for char in characters
        if unicodedata.category(char) in _REFUSED_CATEGORIES and not (multiline and char in "\n\t")
    ]
    allowed = f"[^{_character_class(refused)}]"
    if not required:
        return f"^{allowed}*$"
    visible = f"[^{_character_class(sorted({*refused, *(ord(c) for c in characters if c.isspace())}))}]"
    return f"^{allowed}*{visible}{allowed}*$"


@dataclass(frozen=True)
class _Documented:
    """Declares the text's rule as a pattern in the JSON Schema (the validators enforce it)."""

    multiline: bool
    required: bool

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema: dict[str, Any] = handler(core_schema)
        schema["pattern"] = text_pattern(multiline=self.multiline, required=self.required)
        return schema


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters_single_line),
    AfterValidator(_no_mixed_script_words),
    _Documented(multiline=False, required=True),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_no_control_characters_single_line),
    _Documented(multiline=False, required=True),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=5000),
    AfterValidator(_no_control_characters),
    _Documented(multiline=True, required=False),
]
# A reason or a statement: long text that must say something once trimmed.
RequiredLongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_no_control_characters),
    _Documented(multiline=True, required=True),
]
# No space, control character or other white space, spelt out: `\s` means different characters to Python and to
# the ECMA regular expressions of JSON Schema (U+0085, U+FEFF), so a client could not tell what passes.
URL_PATTERN = r"^https?://[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$"
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=8, max_length=2000, pattern=URL_PATTERN),
]
