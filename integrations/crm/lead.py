"""A stored request, read as the CRM-neutral ``Lead`` every client turns into its own body."""

from __future__ import annotations

from typing import Any

from bot.i18n import Translator
from domain.stages import Stage
from integrations.crm.base import Lead
from scenarios.schema import FieldRole, Scenario, localized
from storage.models import Request


def _value(value: Any, display: str) -> Any:
    """Numbers (and sums of money) go to a CRM as numbers; the rest as the text shown."""
    if isinstance(value, dict) and "amount" in value:
        value = value["amount"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return display


def build_lead(request: Request, form: Scenario, t: Translator) -> Lead:
    """The lead for ``request`` (its answers loaded), titled in the team's language."""
    displays = {answer.field_id: answer.display for answer in request.answers}

    def by_role(role: FieldRole) -> str | None:
        field = form.field_with_role(role)
        return displays.get(field.id) if field is not None else None

    notes = []
    for answer in request.answers:
        field = form.field(answer.field_id)
        label = localized(field.label, t.locale) if field is not None else answer.field_id
        notes.append(f"{label}: {answer.display}")
    return Lead(
        number=request.id,
        title=t("crm-lead-title", number=request.id, form=localized(form.title, t.locale)),
        source=t("crm-lead-source", number=request.id),
        stage=Stage(request.stage),
        company=by_role(FieldRole.COMPANY) or request.client_name,
        contact_name=by_role(FieldRole.CONTACT_NAME),
        phone=request.phone or by_role(FieldRole.PHONE),
        email=request.email or by_role(FieldRole.EMAIL),
        values={a.field_id: _value(a.value, a.display) for a in request.answers},
        notes="\n".join(notes),
    )
