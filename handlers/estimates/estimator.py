"""What the estimator's steps share: their estimate, while it is still theirs to act on,
and word of each change to the request's owner."""

from __future__ import annotations

from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.desk import Desk, display_name
from bot.services.estimate_buttons import delivered_keyboard
from bot.services.request_view import refresh_views
from storage.models import Estimate, EstimateStatus, User


async def estimate_for(
    desk: Desk, estimate_id: int, user: User, t: Translator, answer: CallbackAnswer
) -> Estimate | None:
    """The estimate if ``user`` is its estimator and its request is open; otherwise an
    alert. The estimator's buttons outlive the request, which may have closed since."""
    estimate = await desk.repo.process.estimate(estimate_id)
    if estimate is None or estimate.estimator_id != user.id:
        answer.show_alert, answer.text = True, t("common-stale-button")
        return None
    if await closed(desk, estimate):
        answer.show_alert, answer.text = True, t("claims-closed", number=estimate.request_id)
        return None
    return estimate


async def closed(desk: Desk, estimate: Estimate) -> bool:
    """Whether the estimate ended with its request: cancelled when the request closed, or
    the request closed now (a reopened request does not revive a cancelled estimate)."""
    return estimate.status == EstimateStatus.CANCELLED.value or await desk.closed(
        estimate.request_id
    )


async def tell_owner(desk: Desk, estimate: Estimate, key: str, **values: str) -> None:
    """The request's owner now (not whoever asked: it may have changed hands) hears of the
    estimate's change, and the request's open panels show it."""
    await refresh_views(desk, estimate.request_id)
    request = await desk.repo.requests.get(estimate.request_id)
    owner = await desk.repo.users.get(request.owner_id) if request and request.owner_id else None
    estimator = await desk.repo.users.get(estimate.estimator_id)
    if owner is None:
        return
    t = desk.t_for(owner)
    keyboard = delivered_keyboard(t, estimate.id) if key == "estimates-told-delivered" else None
    await desk.notify(
        owner.id,
        t(key, number=estimate.request_id, estimator=display_name(estimator), **values),
        reply_markup=keyboard,
    )
