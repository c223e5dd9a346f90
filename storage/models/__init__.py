"""Every table of the bot; importing this package registers them all on ``Base``."""

from storage.models.base import Base
from storage.models.crm import CrmLink
from storage.models.deliveries import Delivery, DeliveryStatus
from storage.models.drafts import Draft
from storage.models.enums import (
    FINAL_STAGES,
    AttachmentKind,
    Priority,
    Role,
    Stage,
    UpdateStatus,
)
from storage.models.events import Event
from storage.models.followups import (
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    NextStep,
    RecapStatus,
    StepStatus,
)
from storage.models.fsm import FsmState
from storage.models.inbox import InboxUpdate
from storage.models.job_states import JobState
from storage.models.leases import Lease
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.process import CloserCall, CloserStatus, Estimate, EstimateStatus, Invite
from storage.models.reminders import Reminder, ReminderStatus
from storage.models.requests import Request, RequestAnswer, RequestAttachment, RequestSearch
from storage.models.team import RequestTracking, TeamTopic
from storage.models.types import UtcDateTime
from storage.models.users import User, UserRole
from storage.models.workspace import RequestNote, RequestView

__all__ = [
    "FINAL_STAGES",
    "AttachmentKind",
    "Base",
    "CloserCall",
    "CloserStatus",
    "CrmLink",
    "Delivery",
    "DeliveryStatus",
    "Draft",
    "Estimate",
    "EstimateStatus",
    "Event",
    "FsmState",
    "InboxUpdate",
    "Invite",
    "JobState",
    "Lease",
    "Meeting",
    "MeetingParticipant",
    "MeetingStatus",
    "NextStep",
    "OutboxMessage",
    "OutboxStatus",
    "Priority",
    "RecapStatus",
    "Reminder",
    "ReminderStatus",
    "Request",
    "RequestAnswer",
    "RequestAttachment",
    "RequestNote",
    "RequestSearch",
    "RequestTracking",
    "RequestView",
    "Role",
    "Stage",
    "StepStatus",
    "TeamTopic",
    "UpdateStatus",
    "User",
    "UserRole",
    "UtcDateTime",
]
