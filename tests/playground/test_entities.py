"""Message text and entities drawn as HTML the way a Telegram client shows them."""

from __future__ import annotations

from playground.entities import to_html


def test_text_is_escaped_and_entities_become_tags() -> None:
    text = "Заявка #1 <b> взята"
    entities = [{"type": "bold", "offset": 0, "length": 9}]
    assert to_html(text, entities) == "<b>Заявка #1</b> &lt;b&gt; взята"


def test_offsets_count_utf16_units_so_emoji_do_not_shift_the_tags() -> None:
    text = "✋🚨 Беру"
    entities = [{"type": "italic", "offset": 4, "length": 4}]  # 🚨 is two UTF-16 units
    assert to_html(text, entities) == "✋🚨 <i>Беру</i>"


def test_an_entity_ending_inside_another_closes_and_reopens_it() -> None:
    text = "abcdef"
    entities = [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 2, "length": 4},
    ]
    assert to_html(text, entities) == "<b>ab<i>cd</i></b><i>ef</i>"


def test_links_keep_only_safe_schemes_and_commands_can_be_clicked() -> None:
    text = "open site or /new"
    entities = [
        {"type": "text_link", "offset": 0, "length": 4, "url": "javascript:alert(1)"},
        {"type": "text_link", "offset": 5, "length": 4, "url": "https://example.com/?a=1&b=2"},
        {"type": "bot_command", "offset": 13, "length": 4},
    ]
    assert to_html(text, entities) == (
        'open <a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener">'
        'site</a> or <span class="command" data-command="/new">/new</span>'
    )
