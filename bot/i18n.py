"""Every word a user sees comes from Fluent files in `locales/<lang>/*.ftl`.

User text passed as an argument is HTML-escaped here, once, so no handler can forget
it; a fragment that is already safe HTML is wrapped in `Html` to pass unchanged.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax.ast import Resource

LOCALES = ("ru", "en")
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

_RUSSIAN_READERS = frozenset({"uk", "be", "kk", "ky", "uz", "tg", "hy", "az", "ka", "tt"})

logger = logging.getLogger(__name__)


class Html(str):
    """A string that is already safe HTML and must not be escaped again."""

    __slots__ = ()


_TAG = re.compile(r"<[^>]+>")


def plain_text(text: str) -> str:
    """What a reader sees of an HTML text: tags out, entities decoded. For the places that
    show text as typed (an alert, a quote of an undelivered message) and for counting its
    length as Telegram does."""
    return html.unescape(_TAG.sub("", text))


MOMENT_FORMAT = "Dt"
"""A date-time entity's format: the long date and the short time, as ``fmt-datetime``."""

IDENTIFIERS = frozenset({"number", "id"})
"""Arguments that name a thing (request #50004), written without digit grouping; counts
("100 000 rows") keep the locale's grouping."""


def _escape_args(args: Mapping[str, Any]) -> dict[str, Any]:
    safe: dict[str, Any] = {}
    for name, value in args.items():
        if name in IDENTIFIERS and isinstance(value, int) and not isinstance(value, bool):
            safe[name] = fluent_number(value, useGrouping=False)
        elif isinstance(value, Html):
            safe[name] = str(value)
        elif isinstance(value, str):
            safe[name] = html.escape(value, quote=False)
        elif value is None:
            safe[name] = ""
        else:
            safe[name] = value
    return safe


class Translator:
    """Texts of one locale, with the default locale behind it for any missing key."""

    def __init__(self, locale: str, bundle: FluentBundle, fallback: Translator | None) -> None:
        self.locale = locale
        self._bundle = bundle
        self._fallback = fallback

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key) or (
            self._fallback is not None and self._fallback.has(key)
        )

    def __call__(self, key: str, **args: Any) -> str:
        """Render message `key`; arguments that are plain strings are HTML-escaped."""
        if not self._bundle.has_message(key):
            if self._fallback is not None:
                return self._fallback(key, **args)
            logger.warning("event=i18n.missing key=%s", key)
            return key
        message = self._bundle.get_message(key)
        if message.value is None:
            return key
        text, errors = self._bundle.format_pattern(message.value, _escape_args(args))
        for error in errors:
            logger.warning("event=i18n.error key=%s error=%s", key, error)
        return str(text)

    def attribute(self, key: str, attribute: str, **args: Any) -> str:
        """Render an attribute of a message (`key.attribute` in Fluent)."""
        message = self._bundle.get_message(key)
        pattern = message.attributes.get(attribute)
        if pattern is None:
            return key
        text, _ = self._bundle.format_pattern(pattern, _escape_args(args))
        return str(text)

    def date(self, value: date | datetime) -> str:
        """A date in the user's language, e.g. "25 дек. 2026 г."."""
        return self("fmt-date", value=value)

    def moment(self, value: datetime, zone: tzinfo) -> Html:
        """A moment every reader's app shows on their own clock: Telegram's date-time entity.

        For a message many people read (the team group), whose zones may differ from the
        team's: the text is the moment in ``zone``, and apps that know the entity write it
        in the reader's zone and language instead.
        """
        shown = html.escape(self.datetime(value.astimezone(zone)), quote=False)
        unix = int(value.timestamp())
        return Html(f'<tg-time unix="{unix}" format="{MOMENT_FORMAT}">{shown}</tg-time>')

    def datetime(self, value: datetime) -> str:
        """A moment in the user's language; the caller converts it to the user's zone."""
        return self("fmt-datetime", value=value)


@functools.cache
def _parsed(path: Path) -> Resource:
    """A Fluent file parsed once per process: parsing all of them takes a few hundred ms,
    and a process may build more than one ``I18n`` (the playground's page has its own)."""
    return FluentResource(path.read_text(encoding="utf-8"))


class I18n:
    """All locales, loaded once at start from the Fluent files."""

    def __init__(self, default_locale: str = "ru", directory: Path = LOCALES_DIR) -> None:
        if default_locale not in LOCALES:
            raise ValueError(f"unsupported locale {default_locale!r}")
        self.default_locale = default_locale
        bundles = {locale: self._load(directory / locale, locale) for locale in LOCALES}
        default = Translator(default_locale, bundles[default_locale], None)
        self._translators = {
            locale: default
            if locale == default_locale
            else Translator(locale, bundles[locale], default)
            for locale in LOCALES
        }

    @staticmethod
    def _load(directory: Path, locale: str) -> FluentBundle:
        bundle = FluentBundle([locale], use_isolating=False)
        for path in sorted(directory.glob("*.ftl")):
            bundle.add_resource(_parsed(path))
        return bundle

    def get(self, locale: str | None) -> Translator:
        """The translator for `locale`, or the default one for anything unknown."""
        return self._translators.get(locale or "", self._translators[self.default_locale])

    def pick_locale(self, chosen: str | None, telegram_code: str | None) -> str:
        """The user's choice wins; then Telegram's language; then the default."""
        if chosen in LOCALES:
            return chosen
        code = (telegram_code or "").split("-")[0].lower()
        if code in LOCALES:
            return code
        if not code:
            return self.default_locale
        # Readers of these languages mostly read Russian; everyone else gets English.
        return "ru" if code in _RUSSIAN_READERS else "en"
