"""Buttons, shared contacts and files."""

from __future__ import annotations

import pytest

from scenarios.answers import ErrorCode, FieldError, Parsed
from scenarios.choices import (
    Attachment,
    add_attachment,
    choose_option,
    finish_attachments,
    finish_choices,
    parse_contact_phone,
    toggle_option,
)
from scenarios.schema import AttachmentKind
from tests.scenarios.helpers import make_field, options

PHOTO = Attachment(AttachmentKind.PHOTO, "AgAD-photo")
PDF = Attachment(AttachmentKind.DOCUMENT, "BQAD-doc", "price.pdf")


def test_a_pressed_option_gives_its_id_and_label() -> None:
    field = make_field("single_choice", options=options("awd", "fwd"))
    assert choose_option(field, "fwd", locale="ru") == Parsed("fwd", "FWD")
    assert choose_option(field, "fwd", locale="en") == Parsed("fwd", "fwd")


def test_a_stale_button_is_an_unknown_option() -> None:
    field = make_field("single_choice", options=options("awd"))
    result = choose_option(field, "removed_option", locale="ru")
    assert isinstance(result, FieldError)
    assert result.code is ErrorCode.UNKNOWN_OPTION


def test_yes_no_buttons() -> None:
    field = make_field("yes_no")
    assert choose_option(field, "yes", locale="ru") == Parsed(True, "✅")
    assert choose_option(field, "no", locale="en") == Parsed(False, "❌")
    assert isinstance(choose_option(field, "да", locale="ru"), FieldError)


def test_multi_choice_buttons_toggle_and_keep_the_form_order() -> None:
    field = make_field("multi_choice", options=options("korea", "japan", "usa"))
    selected = toggle_option(field, [], "usa", locale="ru")
    assert selected == ["usa"]
    assert isinstance(selected, list)
    selected = toggle_option(field, selected, "korea", locale="ru")
    assert selected == ["korea", "usa"]
    assert isinstance(selected, list)
    assert toggle_option(field, selected, "usa", locale="ru") == ["korea"]


def test_multi_choice_limit() -> None:
    field = make_field("multi_choice", options=options("a", "b", "c"), max_choices=2)
    result = toggle_option(field, ["a", "b"], "c", locale="ru")
    assert result == FieldError(ErrorCode.TOO_MANY_OPTIONS, {"max": 2})


def test_finishing_a_multi_choice() -> None:
    field = make_field("multi_choice", options=options("korea", "japan"))
    assert finish_choices(field, ["japan"], locale="en") == Parsed(["japan"], "japan")
    assert finish_choices(field, [], locale="ru") == FieldError(ErrorCode.REQUIRED)
    optional = make_field("multi_choice", options=options("korea"), required=False)
    assert finish_choices(optional, [], locale="ru") == Parsed([], "—")
    with_other = finish_choices(field, ["korea"], locale="ru", other="Грузия")
    assert with_other == Parsed(["korea", {"other": "Грузия"}], "KOREA, Грузия")


@pytest.mark.parametrize("shared", ["79123456789", "+79123456789", "+7 912 345 67 89"])
def test_shared_contact_phone_is_normalized(shared: str) -> None:
    assert parse_contact_phone(shared) == Parsed("+79123456789", "+7 912 345-67-89")


def test_shared_foreign_contact_keeps_its_country() -> None:
    result = parse_contact_phone("442079460958")
    assert isinstance(result, Parsed)
    assert result.value == "+442079460958"


def test_shared_contact_without_a_valid_number() -> None:
    result = parse_contact_phone("123")
    assert isinstance(result, FieldError)
    assert result.code is ErrorCode.BAD_PHONE


def test_attachments_are_collected_up_to_the_limit() -> None:
    field = make_field("attachments", max_count=2)
    first = add_attachment(field, [], PHOTO)
    assert isinstance(first, list)
    second = add_attachment(field, first, PDF)
    assert isinstance(second, list)
    assert second[1] == {"kind": "document", "file_id": "BQAD-doc", "file_name": "price.pdf"}
    assert add_attachment(field, second, PHOTO) == FieldError(
        ErrorCode.TOO_MANY_ATTACHMENTS, {"max": 2}
    )
    finished = finish_attachments(field, second)
    assert isinstance(finished, Parsed)
    assert finished.value == second
    assert finished.display == "📎 2"


def test_photo_only_field_refuses_documents() -> None:
    field = make_field("attachments", accept=["photo"])
    assert add_attachment(field, [], PDF) == FieldError(
        ErrorCode.WRONG_ATTACHMENT, {"kind": "photo"}
    )


def test_required_attachments_need_at_least_the_minimum() -> None:
    field = make_field("attachments", min_count=2)
    one = add_attachment(field, [], PHOTO)
    assert isinstance(one, list)
    assert finish_attachments(field, one) == FieldError(
        ErrorCode.TOO_FEW_ATTACHMENTS, {"min": 2, "count": 1}
    )
    assert isinstance(finish_attachments(make_field("attachments"), []), FieldError)


def test_optional_attachments_may_be_none() -> None:
    field = make_field("attachments", required=False)
    assert finish_attachments(field, []) == Parsed([], "—")
