"""Countries by ISO 3166-1, from pycountry (the Debian iso-codes data), not from a list of our own."""

from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, WithJsonSchema

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
