"""Submitting a draft: one transaction with the request, its answers, files and an event.

The database middleware commits once after the handler, so a failure anywhere leaves no
half-stored request behind, and the draft stays for the user to try again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import Bot

from bot.i18n import Translator
from bot.services.cards import post_card
from bot.services.desk import Desk
from domain.flow import visible_fields
from domain.normalize import normalize_company
from domain.priority import evaluate_priority
from handlers.intake.draft import Draft
from handlers.intake.screens import Screen
from scenarios.schema import FieldRole, FieldType, Scenario, localized
from storage.models import AttachmentKind, Priority, Request
from storage.repositories.requests import NewAnswer, NewAttachment

SUBMITTED_EVENT = "request.submitted"


@dataclass(frozen=True, slots=True)
class ClientKeys:
    """What identifies the client across requests: normalized phone, e-mail and company."""

    phone: str | None
    email: str | None
    company_key: str | None
    client_name: str | None

    @property
    def any(self) -> bool:
        return bool(self.phone or self.email or self.company_key)


def client_keys(scenario: Scenario, draft: Draft) -> ClientKeys:
    """Read the client's contacts from the answers of the fields that carry those roles."""

    def answer(role: FieldRole) -> tuple[Any, str | None]:
        field = scenario.field_with_role(role)
        stored = draft.answers.get(field.id) if field is not None else None
        if stored is None or stored.value is None:
            return None, None
        return stored.value, stored.display

    phone, _ = answer(FieldRole.PHONE)
    email, _ = answer(FieldRole.EMAIL)
    company, company_display = answer(FieldRole.COMPANY)
    company_key = normalize_company(str(company)) if company else None
    return ClientKeys(
        phone=phone if isinstance(phone, str) else None,
        email=email if isinstance(email, str) else None,
        company_key=company_key or None,
        client_name=company_display,
    )


async def find_duplicates(
    screen: Screen, scenario: Scenario, draft: Draft, *, window_days: int
) -> list[Request]:
    """Requests of the last ``window_days`` about the same client, newest first."""
    keys = client_keys(scenario, draft)
    if not keys.any:
        return []
    return await screen.repo.requests.find_duplicates(
        phone=keys.phone,
        email=keys.email,
        company_key=keys.company_key,
        since=screen.now - timedelta(days=window_days),
        limit=5,
    )


async def store_request(screen: Screen, scenario: Scenario, draft: Draft) -> Request:
    """Write the request with its answers, files (their captions as notes) and the
    ``request.submitted`` event."""
    values = draft.values()
    answers: list[NewAnswer] = []
    attachments: list[NewAttachment] = []
    captions: list[str] = []
    for field in visible_fields(scenario, values):
        stored = draft.answers.get(field.id)
        if stored is None:
            continue
        answers.append(NewAnswer(field_id=field.id, value=stored.value, display=stored.display))
        if field.type is FieldType.ATTACHMENTS and isinstance(stored.value, list):
            attachments.extend(
                NewAttachment(
                    field_id=field.id,
                    kind=AttachmentKind(str(item["kind"])),
                    file_id=str(item["file_id"]),
                    file_unique_id=str(item.get("file_unique_id") or item["file_id"]),
                    file_name=_optional_str(item.get("file_name")),
                )
                for item in stored.value
                if isinstance(item, dict)
            )
            captions.extend(
                str(item["caption"])
                for item in stored.value
                if isinstance(item, dict) and item.get("caption")
            )
    keys = client_keys(scenario, draft)
    priority = Priority(evaluate_priority(scenario, values, screen.now, screen.tz).value)
    request = await screen.repo.requests.create(
        scenario_id=scenario.id,
        scenario_version=draft.scenario_version,
        author_id=screen.user_id,
        answers=answers,
        attachments=attachments,
        title=keys.client_name or localized(scenario.title, screen.t.locale),
        client_name=keys.client_name,
        company_key=keys.company_key,
        phone=keys.phone,
        email=keys.email,
        priority=priority,
        now=screen.now,
    )
    for caption in captions:
        # A file's caption is the author's note, as with files added to the request later.
        await screen.repo.workspace.add_note(
            request_id=request.id, author_id=screen.user_id, text=caption, for_author=False
        )
    await screen.repo.events.add(
        kind=SUBMITTED_EVENT,
        actor_id=screen.user_id,
        request_id=request.id,
        data={
            "scenario_id": scenario.id,
            "scenario_version": draft.scenario_version,
            "priority": priority.value,
            "duplicate_confirmed": draft.duplicate_ok,
        },
        at=screen.now,
    )
    # The claim clock runs from submission, whether or not the group has the card yet.
    await screen.repo.team.start_waiting(request.id, screen.now)
    await screen.repo.drafts.discard(screen.user_id)
    await screen.state.clear()
    return request


def receipt_text(request: Request, scenario: Scenario, t: Translator) -> str:
    """What the author is told after submitting."""
    lines = [t("intake-receipt", number=request.id, scenario=localized(scenario.title, t.locale))]
    if request.priority == Priority.HOT.value:
        lines.append(t("intake-receipt-hot"))
    lines.append(t("intake-receipt-next"))
    return "\n\n".join(lines)


async def on_request_submitted(request_id: int, bot: Bot, **context: Any) -> None:
    """Called after every successful submit, inside the submitting update's transaction.

    The team group feature hooks in here: the card is posted by the card-posting job
    (:mod:`bot.services.card_posting`), nudged once this transaction commits, so a
    Telegram failure can delay the card but never lose it or the request. ``context``
    carries the handler's objects (``repo``, ``scenario``, ``settings``, ``t``, ``desk``)
    so it needs no lookups of its own. It must not commit: the database middleware
    commits once, after it returns. A bare desk (no job behind it) posts at once.
    """
    desk = context.get("desk")
    if not isinstance(desk, Desk):
        return
    if not desk.nudge_card(request_id):
        await post_card(desk, request_id)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
