"""The shape of a scenario file: what a business may write in YAML, checked before the bot runs.

Structural rules (types, bounds, both locales present) live on the models. Rules that relate
fields to each other (unique ids, ``show_if`` pointing backwards, priority rules naming real
fields) live in :mod:`scenarios.cross_checks`, so the checker can report each with its field
while loading still refuses a scenario that breaks them. What every model shares is in
:mod:`scenarios.base`; the CRM mappings of a form are in :mod:`scenarios.crm_mapping`, and
the rules it sets for its requests (topic, priority, limits) in :mod:`scenarios.request_rules`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, ValidationInfo, model_validator

from scenarios.base import LocalizedText, SnakeId, Strict
from scenarios.crm_mapping import CrmMapping
from scenarios.request_rules import ClaimLimits, PriorityRule, StageLimit, Topic

SKIP_CROSS_CHECKS = "skip_cross_checks"
"""Validation context flag: let the checker collect cross-field problems itself."""
REPORT_BUTTON_IDS = 55
"""The most characters a form id and a source option id may have together: a report's
button carries both, within the 64 bytes Telegram allows a button's data."""


class FieldType(StrEnum):
    """Kinds of answers a form can ask for."""

    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    MONEY = "money"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    DATE = "date"
    DATETIME = "datetime"
    YEAR_RANGE = "year_range"
    ATTACHMENTS = "attachments"


TEXT_TYPES = frozenset({FieldType.SHORT_TEXT, FieldType.LONG_TEXT})
CHOICE_TYPES = frozenset({FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE})
NUMBER_TYPES = frozenset({FieldType.INTEGER, FieldType.MONEY})
DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME})
DEFAULT_MAX_LENGTH = {FieldType.SHORT_TEXT: 500, FieldType.LONG_TEXT: 3000}


class FieldRole(StrEnum):
    """What a field means to the rest of the bot (duplicate search, priority, contacts)."""

    COMPANY = "company"
    CONTACT_NAME = "contact_name"
    PHONE = "phone"
    EMAIL = "email"
    BUDGET = "budget"
    DEADLINE = "deadline"
    SOURCE = "source"
    """Where the request came from: reports group and filter by its answer."""


NAME_ROLES = frozenset({FieldRole.COMPANY, FieldRole.CONTACT_NAME})
NAME_MIN_LENGTH = 2


class AttachmentKind(StrEnum):
    """Telegram message kinds an attachments field accepts."""

    PHOTO = "photo"
    DOCUMENT = "document"


class ChoiceOption(Strict):
    """One button of a choice field."""

    id: SnakeId
    label: LocalizedText


OTHER_OPTION_ID = "other"
"""Reserved option id: the button that lets a user type an answer of their own."""


class ShowIf(Strict):
    """Ask a field only when an earlier answer matches; exactly one test is given."""

    field: SnakeId
    equals: str | int | bool | None = None
    in_: list[str | int | bool] | None = Field(default=None, alias="in")
    filled: bool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        given = [self.equals is not None, self.in_ is not None, self.filled is not None]
        if sum(given) != 1:
            raise ValueError("show_if needs exactly one of: equals, in, filled")
        return self


class FormField(Strict):
    """One question of a form; type-specific settings are checked against the type."""

    id: SnakeId
    type: FieldType
    required: bool = True
    label: LocalizedText
    """A short name ("Company", "Budget") for cards, briefs, exports and the history."""
    question: LocalizedText | None = None
    """What the dialog asks (see :attr:`asked`)."""
    private: bool = False
    """Kept off the team group's card: only the brief (owner, managers, participants) shows it."""
    hint: LocalizedText | None = None
    role: FieldRole | None = None
    show_if: ShowIf | None = None
    max_length: int | None = Field(default=None, ge=1, le=4000)
    min_length: int | None = Field(default=None, ge=1)
    min_value: int | None = None
    max_value: int | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    options: list[ChoiceOption] = Field(default_factory=list)
    allow_other: bool = False
    max_choices: int | None = Field(default=None, ge=1)
    future: bool = False
    accept: list[AttachmentKind] = Field(
        default_factory=lambda: [AttachmentKind.PHOTO, AttachmentKind.DOCUMENT]
    )
    min_count: int | None = Field(default=None, ge=0)
    max_count: int | None = Field(default=None, ge=1, le=20)

    @model_validator(mode="after")
    def _settings_fit_type(self) -> Self:
        if self.type in CHOICE_TYPES and not self.options:
            raise ValueError(f"{self.type} needs at least one option")
        if self.options and self.type not in CHOICE_TYPES:
            raise ValueError(f"options are only for choice fields, not {self.type}")
        ids = [option.id for option in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("option ids must be unique")
        if OTHER_OPTION_ID in ids:
            raise ValueError(f"option id '{OTHER_OPTION_ID}' is reserved: use allow_other")
        if self.allow_other and self.type not in CHOICE_TYPES:
            raise ValueError("allow_other is only for choice fields")
        if (self.max_length or self.min_length) and self.type not in TEXT_TYPES:
            raise ValueError("max_length and min_length are only for text fields")
        if self.currency and self.type is not FieldType.MONEY:
            raise ValueError("currency is only for money fields")
        if self.future and self.type not in DATE_TYPES:
            raise ValueError("future is only for date and datetime fields")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValueError("min_value is greater than max_value")
        if (
            self.min_count is not None
            and self.max_count is not None
            and self.min_count > self.max_count
        ):
            raise ValueError("min_count is greater than max_count")
        if self.role is FieldRole.PHONE and self.type is not FieldType.PHONE:
            raise ValueError("role phone needs a phone field")
        if self.role is FieldRole.EMAIL and self.type is not FieldType.EMAIL:
            raise ValueError("role email needs an email field")
        if self.role is FieldRole.SOURCE and self.type is not FieldType.SINGLE_CHOICE:
            raise ValueError("role source needs a single_choice field")
        return self

    @property
    def asked(self) -> dict[str, str]:
        """The question the dialog asks; forms written before labels were short asked with
        ``label``, and a field without a ``question`` still does."""
        return self.question or self.label

    @property
    def effective_max_length(self) -> int:
        """Longest text accepted; the defaults keep a request card readable."""
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.type, 500)

    @property
    def effective_min_length(self) -> int:
        """Shortest text accepted; a one-letter company or person name is a typo."""
        if self.min_length is not None:
            return self.min_length
        return NAME_MIN_LENGTH if self.role in NAME_ROLES else 1

    @property
    def effective_currency(self) -> str:
        """Currency of a money field; rubles unless the form says otherwise."""
        return self.currency or "RUB"

    @property
    def effective_min_count(self) -> int:
        """Fewest attachments: one when required, none when optional."""
        if self.min_count is not None:
            return self.min_count
        return 1 if self.required else 0

    @property
    def effective_max_count(self) -> int:
        """Most attachments; ten is what a Telegram album holds."""
        return self.max_count or 10

    def option(self, option_id: str) -> ChoiceOption | None:
        """The option with this id, if the field has one."""
        return next((option for option in self.options if option.id == option_id), None)


class Scenario(Strict):
    """A whole form: its questions and the rules for the request it produces."""

    id: SnakeId
    version: int = Field(ge=1)
    order: int = 100
    """Position in the list of forms a user picks from; ties go by id."""
    title: LocalizedText
    description: LocalizedText
    topic: Topic
    competences: list[str] = Field(default_factory=list)
    """Tags an expert needs to take the request; empty means anyone may."""
    fields: list[FormField] = Field(min_length=1)
    hot_if: list[PriorityRule] = Field(default_factory=list)
    claim_limits: ClaimLimits = ClaimLimits()
    stage_limits: dict[SnakeId, StageLimit] = Field(default_factory=dict)
    """Keyed by the stage ids of the request pipeline (``taken``, ``meeting_held``, ...)."""
    funnel_targets: dict[SnakeId, Annotated[float, Field(gt=0, le=100)]] = Field(
        default_factory=dict
    )
    """Target share of submitted requests, in percent, that should reach each stage."""
    estimate_days: int = Field(default=2, ge=1, le=60)
    """The estimator's regulation: an estimate is due this many working days after it is asked."""
    crm: CrmMapping | None = None
    """Push requests of this form into amoCRM and/or Bitrix24 (README: leads into the CRM)."""

    @model_validator(mode="after")
    def _fields_fit_together(self, info: ValidationInfo) -> Self:
        if isinstance(info.context, dict) and info.context.get(SKIP_CROSS_CHECKS):
            return self
        # Imported here: the checks read the models this module defines.
        from scenarios.cross_checks import cross_field_problems

        problems = cross_field_problems(self)
        if problems:
            raise ValueError("; ".join(f"{field}: {message}" for field, message in problems))
        return self

    def field(self, field_id: str) -> FormField | None:
        """The field with this id, if any."""
        return next((field for field in self.fields if field.id == field_id), None)

    def field_with_role(self, role: FieldRole) -> FormField | None:
        """The field that carries this piece of client data, if the form asks for it."""
        return next((field for field in self.fields if field.role is role), None)


def localized(texts: dict[str, str], locale: str) -> str:
    """The text for ``locale``, falling back to English, then Russian."""
    return texts.get(locale) or texts.get("en") or texts["ru"]
