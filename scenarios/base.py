"""What every model of a scenario file shares: strictness, ids and texts in both languages."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

REQUIRED_LOCALES = ("ru", "en")


def _require_locales(texts: dict[str, str]) -> dict[str, str]:
    missing = [loc for loc in REQUIRED_LOCALES if not texts.get(loc, "").strip()]
    if missing:
        raise ValueError(f"missing {' and '.join(missing)} text")
    return texts


LocalizedText = Annotated[dict[str, str], AfterValidator(_require_locales)]
"""Text a user sees, one entry per locale; ``ru`` and ``en`` are both required."""

SnakeId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Strict(BaseModel):
    """Base for scenario models: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
