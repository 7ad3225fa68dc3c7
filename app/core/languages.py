"""The languages names and titles are kept in, and the one a request reads them in (`lang=`, `Accept-Language`)."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Response
from pydantic import AfterValidator, WithJsonSchema

from app.core.errors import InvalidInput

# BCP 47 primary language tags; English first: the name every party and agreement must have, and the fallback.
SUPPORTED_LANGUAGES = ("en", "uk", "ru")
DEFAULT_LANGUAGE = "en"


def language_tag(tag: str) -> str:
    """A supported BCP 47 tag in its canonical (lower-case) form; anything else is a ValueError."""
    canonical = tag.strip().lower()
    if canonical not in SUPPORTED_LANGUAGES:
        raise ValueError(f"{tag!r} is not a supported language tag (one of {', '.join(SUPPORTED_LANGUAGES)})")
    return canonical


LanguageTag = Annotated[
    str,
    AfterValidator(language_tag),
    WithJsonSchema(
        {"type": "string", "enum": list(SUPPORTED_LANGUAGES), "description": "BCP 47 language tag.", "examples": ["uk"]}
    ),
]
"""A BCP 47 tag of a language the ledger keeps names in."""


def preferred_language(accept_language: str | None) -> str | None:
    """The supported language an Accept-Language header prefers most (q-values honoured), or None.

    A range with a region or script (`uk-UA`) matches its primary language; `*` matches English.
    """
    if not accept_language:
        return None
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(accept_language.split(",")):
        tag, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        primary = tag.lower().split("-", 1)[0]
        language = DEFAULT_LANGUAGE if primary == "*" else primary
        if language not in SUPPORTED_LANGUAGES or not 0 < quality <= 1:
            continue
        # Highest quality wins; among equals, the range named first.
        if best is None or (quality, -position) > (best[0], best[1]):
            best = (quality, -position, language)
    return best[2] if best else None


@dataclass(frozen=True)
class Language:
    """The language a request reads names in."""

    tag: str

    def headers(self) -> dict[str, str]:
        """What an answer in this language says of itself."""
        return {"Content-Language": self.tag, "Vary": "Accept-Language"}


def chosen_language(lang: str | None, accept_language: str | None) -> Language:
    """`lang` if given (it must be supported), else Accept-Language's preference, else English."""
    if lang is not None:
        try:
            return Language(language_tag(lang))
        except ValueError as exc:
            raise InvalidInput(
                str(exc),
                errors=[{"location": ["query", "lang"], "message": str(exc), "type": "unsupported_language"}],
            ) from exc
    return Language(preferred_language(accept_language) or DEFAULT_LANGUAGE)


def get_language(
    response: Response,
    lang: Annotated[
        str | None,
        # Declared as the tags the ledger keeps; read case-insensitively.
        Query(max_length=35, json_schema_extra={"enum": list(SUPPORTED_LANGUAGES)}),
    ] = None,
    accept_language: Annotated[str | None, Header(max_length=1000, include_in_schema=False)] = None,
) -> Language:
    """The language of this request's answer, declared on the response."""
    language = chosen_language(lang, accept_language)
    response.headers.update(language.headers())
    return language


LanguageDep = Annotated[Language, Depends(get_language)]


def in_language(names: dict[str, str], language: str, *, fallback: str) -> str:
    """The name in `language`, else in English, else `fallback` (the recorded name)."""
    return names.get(language) or names.get(DEFAULT_LANGUAGE) or fallback
