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


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters_single_line),
    AfterValidator(_no_mixed_script_words),
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
