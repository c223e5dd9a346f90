"""A stored request, read as the CRM-neutral ``Lead`` every client turns into its own body.

The answers go in the team's language, drawn from their stored values
(:func:`~bot.services.answer_text.plain_answer_text`), not as each author saw them: a CRM
whose leads come from English and Russian authors alike reads one language in its fields.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.services.answer_text import plain_answer_text
from domain.stages import Stage
from integrations.crm.base import Lead
from scenarios.schema import FieldRole, Scenario, localized
from storage.models import Request


def _value(value: Any, text: str) -> Any:
    """Numbers (and sums of money) go to a CRM as numbers; the rest as the team reads it."""
    if isinstance(value, dict) and "amount" in value:
        value = value["amount"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return text


def build_lead(request: Request, form: Scenario, t: Translator, zone: ZoneInfo) -> Lead:
    """The lead for ``request`` (its answers loaded), in the team's language; a date and
    time answer is written as read in the team's ``zone``."""
    texts = {
        answer.field_id: plain_answer_text(
            form.field(answer.field_id), answer.value, answer.display, t, zone
        )
        for answer in request.answers
    }

    def by_role(role: FieldRole) -> str | None:
        field = form.field_with_role(role)
        return texts.get(field.id) if field is not None else None

    notes = []
    for answer in request.answers:
        field = form.field(answer.field_id)
        label = localized(field.label, t.locale) if field is not None else answer.field_id
        notes.append(f"{label}: {texts[answer.field_id]}")
    return Lead(
        number=request.id,
        title=t("crm-lead-title", number=request.id, form=localized(form.title, t.locale)),
        source=t("crm-lead-source", number=request.id),
        stage=Stage(request.stage),
        company=by_role(FieldRole.COMPANY) or request.client_name,
        contact_name=by_role(FieldRole.CONTACT_NAME),
        phone=request.phone or by_role(FieldRole.PHONE),
        email=request.email or by_role(FieldRole.EMAIL),
        values={a.field_id: _value(a.value, texts[a.field_id]) for a in request.answers},
        notes="\n".join(notes),
    )
