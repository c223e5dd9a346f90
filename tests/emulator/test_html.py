"""HTML parse mode: entities as Telegram makes them, errors where Telegram refuses."""

from __future__ import annotations

import pytest

from emulator.errors import ApiError
from emulator.formatting import message_text
from emulator.html import parse_html
from emulator.text import EntityParseError, auto_entities, utf16_len


def test_supported_tags_become_entities_over_the_plain_text() -> None:
    parsed = parse_html('<b>Bold</b> <i>it</i> <a href="https://x.org">link</a>')
    assert parsed.text == "Bold it link"
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 5, "length": 2},
        {"type": "text_link", "offset": 8, "length": 4, "url": "https://x.org"},
    ]


def test_every_documented_tag_is_accepted() -> None:
    source = (
        "<b>a</b><strong>a</strong><i>a</i><em>a</em><u>a</u><ins>a</ins><s>a</s>"
        '<strike>a</strike><del>a</del><span class="tg-spoiler">a</span>'
        "<tg-spoiler>a</tg-spoiler><code>a</code><pre>a</pre><blockquote>a</blockquote>"
        '<blockquote expandable>a</blockquote><tg-emoji emoji-id="5368324170671202286">a'
        "</tg-emoji>"
    )
    parsed = parse_html(source)
    assert parsed.text == "a" * 16
    assert [e["type"] for e in parsed.entities][-3:] == [
        "blockquote",
        "expandable_blockquote",
        "custom_emoji",
    ]


def test_a_moment_becomes_a_date_time_entity_with_its_unix_time_and_format() -> None:
    parsed = parse_html(
        'Taken <tg-time unix="1764662400" format="wDt">Tue, 2 Dec, 11:00</tg-time> and '
        '<tg-time unix="1764662400">then</tg-time>'
    )
    assert parsed.text == "Taken Tue, 2 Dec, 11:00 and then"
    assert parsed.entities == [
        {
            "type": "date_time",
            "offset": 6,
            "length": 17,
            "unix_time": 1764662400,
            "date_time_format": "wDt",
        },
        {"type": "date_time", "offset": 28, "length": 4, "unix_time": 1764662400},
    ]


def test_pre_with_code_language_is_one_pre_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


def test_escapes_are_unescaped_and_offsets_count_utf16() -> None:
    parsed = parse_html("&lt;&gt;&amp;&quot;&#33; 😀 <b>x</b>")
    assert parsed.text == '<>&"! 😀 x'
    assert parsed.entities == [{"type": "bold", "offset": utf16_len('<>&"! 😀 '), "length": 1}]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("1 < 2 > 0", 'Unsupported start tag ""'),
        ("a <b", "Unclosed start tag"),
        ("Tom & Jerry", "Character entity expected"),
        ("&nbsp;", "Unsupported HTML entity"),
        ("x</b>", "Unexpected end tag"),
        ('<span class="x">y</span>', 'must have class "tg-spoiler"'),
        ("<tg-time>today</tg-time>", 'Tag "tg-time" must have attribute "unix"'),
        ('<tg-time unix="soon">today</tg-time>', 'Tag "tg-time" must have attribute "unix"'),
        ('<tg-time unix="1" format="rt">x</tg-time>', 'Invalid date and time format "rt"'),
        ('<tg-time unix="1" format="dD">x</tg-time>', 'Invalid date and time format "dD"'),
    ],
)
def test_malformed_html_is_refused(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError, match=reason):
        parse_html(source)


def test_length_is_counted_after_tags_and_escapes_are_gone() -> None:
    assert len(message_text("<b>" + "&amp;" * 4096 + "</b>", "HTML", None).text) == 4096
    with pytest.raises(ApiError, match="message is too long"):
        message_text("<b>" + "a" * 4097 + "</b>", "HTML", None)
    with pytest.raises(ApiError, match="message text is empty"):
        message_text("<b> </b>", "HTML", None)


def test_markdown_is_accepted_without_complaint() -> None:
    assert message_text(
        r"*bold* \_not italic\_ [link](https://x.org)", "MarkdownV2", None
    ).text == ("bold _not italic_ link")


def test_commands_mentions_and_links_get_entities_like_in_clients() -> None:
    entities = auto_entities("/start@presale_desk_bot hi @olga_k see https://x.org")
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bot_command", 0, 23),
        ("mention", 27, 7),
        ("url", 39, 13),
    ]
