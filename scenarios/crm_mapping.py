"""How a form's requests become leads or deals in amoCRM and Bitrix24, as its file says."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from domain.stages import Stage
from scenarios.base import SnakeId, Strict


class AmoCrmMapping(Strict):
    """How a request becomes an amoCRM lead: pipeline, status per stage, custom fields."""

    pipeline_id: int | None = Field(default=None, ge=1)
    statuses: dict[Stage, int] = Field(default_factory=dict)
    """Our stage → the amoCRM ``status_id`` the lead is put in (stages left out: no move)."""
    fields: dict[SnakeId, int | Literal["price"]] = Field(default_factory=dict)
    """Form field → amoCRM custom field id, or ``price`` for the lead's budget."""
    tags: list[str] = Field(default_factory=list)


class Bitrix24Mapping(Strict):
    """How a request becomes a Bitrix24 lead, or a deal where leads are switched off."""

    entity: Literal["lead", "deal"] = "lead"
    category_id: int | None = Field(default=None, ge=0)
    """The deal funnel (``CATEGORY_ID``); deals only."""
    statuses: dict[Stage, str] = Field(default_factory=dict)
    """Our stage → ``STATUS_ID`` of a lead or ``STAGE_ID`` of a deal."""
    fields: dict[SnakeId, str] = Field(default_factory=dict)
    """Form field → Bitrix24 field code (``OPPORTUNITY``, ``UF_CRM_...``)."""

    @model_validator(mode="after")
    def _category_for_deals(self) -> Self:
        if self.category_id is not None and self.entity != "deal":
            raise ValueError("category_id is a deal funnel: set entity: deal")
        return self


class CrmMapping(Strict):
    """The CRMs this form's requests are pushed into, each with its own mapping."""

    amocrm: AmoCrmMapping | None = None
    bitrix24: Bitrix24Mapping | None = None
