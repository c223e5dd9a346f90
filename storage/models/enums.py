"""The fixed vocabularies stored as plain strings in the database.

Plain strings (not database enums) keep migrations trivial when a stage is added;
these enums are the one place the allowed values are spelled.
"""

from __future__ import annotations

from enum import StrEnum

from domain.stages import FINAL_STAGES, Stage
from scenarios.request_rules import Priority

__all__ = ["FINAL_STAGES", "AttachmentKind", "Priority", "Role", "Stage", "UpdateStatus"]


class Role(StrEnum):
    """What a user may do in the bot."""

    ADMIN = "admin"
    MANAGER = "manager"
    EXPERT = "expert"
    LEAD_GENERATOR = "lead_generator"
    ESTIMATOR = "estimator"
    CLOSER = "closer"


class UpdateStatus(StrEnum):
    """Where a received Telegram update is in its handling."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class AttachmentKind(StrEnum):
    """How a file arrived in Telegram, which decides how it is sent back."""

    DOCUMENT = "document"
    PHOTO = "photo"
