"""Texts: request numbers as written on cards, counts as the language groups them."""

from __future__ import annotations

from bot.i18n import I18n

I18N = I18n()


def test_a_request_number_is_never_split_by_digit_grouping() -> None:
    assert I18N.get("ru")("view-button-open", number=50004) == "📄 Открыть заявку #50004"
    assert I18N.get("en")("view-button-open", number=1234567).endswith("#1234567")


def test_counts_keep_the_languages_digit_grouping() -> None:
    text = I18N.get("en")("export-progress", done=12000, total=100000)
    assert "12,000" in text
    assert "100,000" in text


def test_a_number_still_selects_its_variant() -> None:
    t = I18N.get("ru")
    without = t("webhooks-failed-line", id=12345, event="e", receiver="r", number=0)
    with_request = t("webhooks-failed-line", id=12345, event="e", receiver="r", number=50004)
    assert "#12345" in without
    assert "50004" not in without
    assert "#50004" in with_request


def test_user_text_is_escaped_and_the_default_locale_fills_gaps() -> None:
    assert "&lt;b&gt;" in I18N.get("en")("export-caption", name="<b>x</b>")
    assert I18N.get("de").locale == "ru"
