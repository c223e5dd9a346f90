"""An expert who leaves the team group, or stops being an expert, with requests still theirs.

Their requests would wait on someone who no longer answers for them, and nobody would notice
until a stage limit ran out days later: the managers who answer for that expert hear at once
which requests to hand on, each one tap from its view and its "Reassign" button.
"""

from __future__ import annotations

import logging
from typing import Literal

from bot.services.desk import Desk, display_name
from bot.services.view_buttons import open_buttons
from storage.models import User

logger = logging.getLogger(__name__)

MOST_BUTTONS = 10
"""Open buttons under the notice; the numbers of the rest are listed in its text."""

Departure = Literal["left", "role"]


async def tell_of_departure(
    desk: Desk, expert: User, why: Departure, *, key: str, also: User | None = None
) -> None:
    """Tell the expert's managers (and ``also``, the admin who took the role away) which open
    requests are still the expert's. ``key`` names this departure: the same one reported
    twice (Telegram's service message and its member update) is told once."""
    requests = await desk.repo.team.owned(expert.id)
    if not requests:
        return
    managers = await desk.repo.team.managers_for([expert.id], desk.settings.admin_ids)
    if also is not None and all(manager.id != also.id for manager in managers):
        managers.append(also)
    logger.info(
        "event=team.expert_departed user_id=%s why=%s open=%s", expert.id, why, len(requests)
    )
    numbers = ", ".join(f"#{request.id}" for request in requests)
    for manager in managers:
        if manager.id == expert.id:
            continue
        t = desk.t_for(manager)
        await desk.notify(
            manager.id,
            t(
                f"claims-expert-departed-{why}",
                name=display_name(expert),
                count=len(requests),
                numbers=numbers,
            ),
            reply_markup=open_buttons(t, requests[:MOST_BUTTONS]).as_markup(),
            dedup_key=f"departed:{key}:{manager.id}",
        )
