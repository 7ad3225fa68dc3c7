"""Countries by ISO 3166-1, from pycountry (the Debian iso-codes data), not from a list of our own."""

import gettext
from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, WithJsonSchema

from app.core.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

ALPHA_2_CODES = tuple(sorted(country.alpha_2 for country in pycountry.countries))


def _known(code: str) -> str:
    if code not in _by_alpha_2():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


@cache
def _by_alpha_2() -> dict[str, str]:
    return {country.alpha_2: country.alpha_3 for country in pycountry.countries}


def alpha_3(alpha_2: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country given by its alpha-2 code (HDX joins on alpha-3)."""
    return _by_alpha_2().get(alpha_2) if alpha_2 else None


CountryCode = Annotated[
    str,
    AfterValidator(_known),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(ALPHA_2_CODES),
            "description": "ISO 3166-1 alpha-2 code, upper case.",
            "examples": ["UA"],
        }
    ),
]
"""An ISO 3166-1 alpha-2 code that the standard assigns."""


@cache
def _translations(language: str) -> gettext.NullTranslations:
    # English is the data's own language: no catalog, names as pycountry gives them.
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def country_names(alpha_2: str | None) -> dict[str, str]:
    """A country's name in every supported language, from iso-codes' translations (as pycountry ships them)."""
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is None:
        return {}
    return {language: _translations(language).gettext(country.name) for language in SUPPORTED_LANGUAGES}


def names_of_country(alpha_2: str | None) -> tuple[str, ...]:
    """Every English name iso-codes gives a country: its name, and its common and official names if any."""
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is None:
        return ()
    return tuple(
        name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
        if name
    )
