"""Canonical forms of client contacts, so one client typed three ways is found as one."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

DEFAULT_REGION = "RU"

_LEGAL_FORMS = (
    "ооо", "оао", "зао", "пао", "нао", "ао", "ип", "тоо", "ооо тд", "тд", "гк", "нко", "ано",
    "фгуп", "гуп", "муп", "llc", "ltd", "limited", "inc", "incorporated", "corp",
    "corporation", "co", "gmbh", "plc", "llp", "sa", "ag", "bv", "oy", "ab",
)  # fmt: skip
_LEGAL_FORM = re.compile(r"\b(?:" + "|".join(sorted(_LEGAL_FORMS, key=len, reverse=True)) + r")\b")
_LEGAL_PHRASES = re.compile(
    r"общество с ограниченной ответственностью|(?:публичное |закрытое |открытое )?"
    r"акционерное общество|индивидуальный предприниматель|limited liability company"
)
_QUOTES = re.compile(r"[«»\"'“”„‘’`]")


def normalize_company(name: str) -> str:
    """A company name reduced to what identifies it.

    ``ООО «Ромашка-Трейд»``, ``Ромашка Трейд ООО`` and ``"ромашка трейд"`` all become
    ``ромашка трейд``: legal forms, quotes and punctuation say nothing about who the client is.
    """
    text = unicodedata.normalize("NFKC", name).lower().replace("ё", "е")
    text = _QUOTES.sub(" ", text)
    text = _LEGAL_PHRASES.sub(" ", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    text = _LEGAL_FORM.sub(" ", text)
    return " ".join(text.split())


def normalize_email(email: str) -> str:
    """An email address trimmed and lowercased; ``mailto:`` and angle brackets dropped."""
    text = email.strip().strip("<>").strip()
    text = text.removeprefix("mailto:").removeprefix("MAILTO:")
    return text.lower()


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str | None:
    """The phone number in E.164 (``+79123456789``), or None if it is not a valid number.

    Numbers without a country code are read as ``region``; so ``8 912 345-67-89`` is Russian.
    """
    text = raw.strip()
    if not re.search(r"\d", text) or re.search(r"[a-zа-я]{2,}", text, re.IGNORECASE):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def format_phone(e164: str) -> str:
    """A stored E.164 number in the international form people read: ``+7 912 345-67-89``."""
    number = phonenumbers.parse(e164, None)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
