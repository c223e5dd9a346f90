"""The estimator delivers: a file and a one-line summary, which join the request; the
delivered file can be fetched again by whoever may see it."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.attachments import send_attachments
from bot.services.desk import Desk
from bot.services.estimate_buttons import EstimateDeliver, EstimateFile
from bot.services.steering import is_manager
from handlers.estimates.estimator import closed, estimate_for, tell_owner
from handlers.estimates.states import SUMMARY_LIMIT, EstimateForm
from storage.models import AttachmentKind, EstimateStatus, User
from storage.repositories.process import OPEN_ESTIMATES

router = Router(name=__name__)


@router.callback_query(EstimateDeliver.filter())
async def deliver_pressed(
    query: CallbackQuery,
    callback_data: EstimateDeliver,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    estimate = await estimate_for(desk, callback_data.estimate, user, t, callback_answer)
    if estimate is None:
        return
    if estimate.status not in OPEN_ESTIMATES:
        callback_answer.text = t("estimates-already", number=estimate.request_id)
        return
    await state.set_state(EstimateForm.file)
    await state.set_data({"estimate": estimate.id})
    await desk.tell(user.id, t("estimates-ask-file", number=estimate.request_id))


@router.message(EstimateForm.file, F.document | F.photo)
async def file_sent(message: Message, t: Translator, state: FSMContext) -> None:
    """The estimate's file; then its one-line summary."""
    if message.document is not None:
        document = message.document
        file = {
            "kind": AttachmentKind.DOCUMENT.value,
            "id": document.file_id,
            "unique": document.file_unique_id,
            "name": document.file_name,
        }
    else:
        photo = (message.photo or [])[-1]
        file = {
            "kind": AttachmentKind.PHOTO.value,
            "id": photo.file_id,
            "unique": photo.file_unique_id,
            "name": None,
        }
    await state.update_data(file=file)
    await state.set_state(EstimateForm.summary)
    await message.answer(t("estimates-ask-summary"))


@router.message(EstimateForm.summary, F.text)
async def summary_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """Delivered: the file joins the request's files, on time or not is recorded."""
    data = await state.get_data()
    summary = (message.text or "").strip()
    if not summary or len(summary) > SUMMARY_LIMIT or "\n" in summary:
        await message.answer(t("estimates-ask-summary-again", limit=SUMMARY_LIMIT))
        return
    await state.clear()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    if estimate is None or estimate.estimator_id != user.id:
        await message.answer(t("common-stale-button"))
        return
    if await closed(desk, estimate):
        await message.answer(t("claims-closed", number=estimate.request_id))
        return
    file = data["file"]
    attachment = await desk.repo.process.add_file(
        estimate.request_id,
        kind=AttachmentKind(file["kind"]),
        file_id=str(file["id"]),
        file_unique_id=str(file["unique"]),
        file_name=file.get("name"),
    )
    now = desk.now()
    on_time = now <= estimate.due_at
    delivered = await desk.repo.process.change_estimate(
        estimate.id,
        from_=[EstimateStatus(s) for s in OPEN_ESTIMATES],
        status=EstimateStatus.DELIVERED.value,
        summary=summary,
        attachment_id=attachment.id,
        delivered_at=now,
        on_time=on_time,
    )
    if not delivered:
        await message.answer(t("estimates-already", number=estimate.request_id))
        return
    await desk.repo.events.add(
        kind="estimate.delivered",
        actor_id=user.id,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id, "on_time": on_time, "summary": summary},
    )
    verdict = t("estimates-on-time" if on_time else "estimates-late")
    await tell_owner(desk, estimate, "estimates-told-delivered", summary=summary, verdict=verdict)
    await message.answer(t("estimates-delivered", number=estimate.request_id, verdict=verdict))


@router.callback_query(EstimateFile.filter())
async def file_pressed(
    query: CallbackQuery,
    callback_data: EstimateFile,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The delivered file, to the owner, the estimator or a manager."""
    estimate = await desk.repo.process.estimate(callback_data.estimate)
    request = await desk.repo.requests.get(estimate.request_id) if estimate else None
    allowed = estimate is not None and (
        user.id in {request.owner_id if request else None, estimate.estimator_id}
        or is_manager(roles)
    )
    attachment = (
        await desk.repo.process.file(estimate.attachment_id)
        if estimate is not None and estimate.attachment_id and allowed
        else None
    )
    if attachment is None:
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    await send_attachments(desk, user.id, [attachment])
