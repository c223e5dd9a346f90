"""Message text, entities and rich messages drawn as HTML the way a Telegram client shows them."""

from __future__ import annotations

from playground.entities import to_html
from playground.rich import rich_html


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


def test_a_rich_message_becomes_headings_lists_and_a_table_with_escaped_text() -> None:
    message = {
        "blocks": [
            {"type": "heading", "size": 1, "text": "Отчёт за неделю"},
            {"type": "paragraph", "text": ["Заявок: ", {"type": "bold", "text": "12"}]},
            {
                "type": "list",
                "items": [{"blocks": [{"type": "paragraph", "text": "<script>"}]}],
            },
            {
                "type": "table",
                "caption": "Эксперты",
                "cells": [
                    [
                        {"text": "Кто", "align": "left", "valign": "top", "is_header": True},
                        {"text": "Взято", "align": "right", "valign": "top", "is_header": True},
                    ],
                    [
                        {"text": "Пётр", "align": "left", "valign": "top"},
                        {"text": "7", "align": "right", "valign": "top", "colspan": 2},
                    ],
                ],
            },
        ]
    }
    assert rich_html(message) == (
        "<h3>Отчёт за неделю</h3><p>Заявок: <b>12</b></p><ul><li><p>&lt;script&gt;</p></li></ul>"
        '<div class="rich-table"><table><caption>Эксперты</caption>'
        '<tr><th style="text-align:left;vertical-align:top">Кто</th>'
        '<th style="text-align:right;vertical-align:top">Взято</th></tr>'
        '<tr><td style="text-align:left;vertical-align:top">Пётр</td>'
        '<td colspan="2" style="text-align:right;vertical-align:top">7</td></tr></table></div>'
    )
