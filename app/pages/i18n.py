"""The pages' words, numbers and dates in the reader's language: gettext catalogs and Babel's formats.

The catalogs are kept as `.po` files in the package (`locale/<tag>/LC_MESSAGES/messages.po`) and
compiled when this module is imported, so an installed package needs no build step. English is the
language the strings are written in: it needs no catalog.
"""

import gettext
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from app.core.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
DASH = "\u2013"  # an en dash: a missing figure, or a range of ages
# Each language named in itself, for the switch.
LANGUAGE_NAMES = {"en": "English", "uk": "Українська", "ru": "Русский"}


def catalog_path(tag: str) -> Path:
    """Where the catalog of one language is kept."""
    return LOCALE_DIR / tag / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(tag: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (nothing to translate for English)."""
    if tag == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(tag).open("rb") as po:
        catalog = read_po(po, locale=tag, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True)
class Speech:
    """How a page speaks: its language, and whether the reader chose it by `lang=` (then links keep it)."""

    tag: str
    explicit: bool = False

    @property
    def locale(self) -> Locale:
        """Babel's locale of the language."""
        return _locale(self.tag)

    def gettext(self, message: str) -> str:
        """A message in this language."""
        return translations(self.tag).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """A message whose form depends on a count, in this language."""
        return translations(self.tag).ngettext(singular, plural, count)

    def number(self, value: int | None) -> str:
        """6057 -> '6,057' in English, '6 057' (a no-break space) in Ukrainian and Russian; None -> an en dash."""
        return DASH if value is None else format_decimal(value, locale=self.locale)

    def decimal(self, value: float) -> str:
        """A ratio to one decimal: '77.7', '77,7'."""
        # Rounded from the float's exact value first, as Python's own formatting does (77.65 -> 77.7).
        return format_decimal(round(value, 1), format="#,##0.0", locale=self.locale)

    def percent(self, value: float | None) -> str:
        """A share of a target as a reader would say it: '100%', '2.5%'; Russian puts a space before the sign."""
        if value is None:
            return DASH
        pattern = self.locale.percent_formats[None].pattern
        digits = 0 if value == 0 or value >= 10 else 1
        if digits:
            pattern = pattern.replace("#,##0", "#,##0.0", 1)
        return format_percent(round(value, digits) / 100, format=pattern, locale=self.locale)

    def long_date(self, value: date | str | None) -> str:
        """2025-06-02 -> '2 June 2025', '2 червня 2025', '2 июня 2025'."""
        if value is None:
            return DASH
        return format_date(_day(value), "d MMMM y", locale=self.locale)

    def short_date(self, value: date | str | None) -> str:
        """2025-06-02 -> '2 Jun 2025', '2 черв. 2025', '2 июн. 2025'."""
        if value is None:
            return DASH
        return format_date(_day(value), "d MMM y", locale=self.locale)

    def month(self, value: date, *, with_year: bool) -> str:
        """A month on a chart's axis: 'Jun 2025' or 'Jun'."""
        return format_date(value, "LLL y" if with_year else "LLL", locale=self.locale)

    def days(self, count: int) -> str:
        """'1 day', '176 days'; '1 день', '3 дні', '5 днів'."""
        return self.ngettext("%(count)s day", "%(count)s days", count) % {"count": self.number(count)}

    def link(self, path: str) -> str:
        """A link to another page that keeps a language chosen by `lang=`."""
        if not self.explicit:
            return path
        return f"{path}{'&' if '?' in path else '?'}{urlencode({'lang': self.tag})}"


@cache
def _locale(tag: str) -> Locale:
    return Locale.parse(tag)


def _day(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class SwitchLink:
    """One language the reader can switch to."""

    tag: str
    name: str
    href: str
    current: bool


def switch_links(path: str, query: list[tuple[str, str]], current: str) -> list[SwitchLink]:
    """The same page in every language: its path and query, with `lang=` set."""
    kept = [(key, value) for key, value in query if key != "lang"]
    return [
        SwitchLink(tag, LANGUAGE_NAMES[tag], f"{path}?{urlencode([*kept, ('lang', tag)])}", tag == current)
        for tag in SUPPORTED_LANGUAGES
    ]
