"""Estimates and the closer's calls: the rows the estimator's and the closer's work leaves."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from storage.models import (
    AttachmentKind,
    CloserCall,
    CloserStatus,
    Estimate,
    EstimateStatus,
    RequestAttachment,
)
from storage.repositories.base import Repository, rowcount

OPEN_ESTIMATES = (
    EstimateStatus.REQUESTED.value,
    EstimateStatus.ACCEPTED.value,
    EstimateStatus.REWORK.value,
)

ESTIMATE_FIELD = "estimate"
"""The ``field_id`` of a file that came as an estimate, not as an answer of the form."""


class ProcessRepository(Repository):
    """``estimates`` and ``closer_calls``; every change is conditional on the status it
    expects, so a stale button changes nothing."""

    async def add_estimate(
        self,
        *,
        request_id: int,
        estimator_id: int,
        requested_by: int,
        scope: str,
        due_at: datetime,
    ) -> Estimate:
        estimate = Estimate(
            request_id=request_id,
            estimator_id=estimator_id,
            requested_by=requested_by,
            scope=scope,
            due_at=due_at,
            status=EstimateStatus.REQUESTED.value,
            created_at=self._now(None),
        )
        self.session.add(estimate)
        await self.session.flush()
        return estimate

    async def estimate(self, estimate_id: int) -> Estimate | None:
        return await self.session.get(Estimate, estimate_id, populate_existing=True)

    async def estimates_of(self, request_id: int) -> list[Estimate]:
        """A request's estimates, oldest first."""
        result = await self.session.scalars(
            select(Estimate).where(Estimate.request_id == request_id).order_by(Estimate.id)
        )
        return list(result.all())

    async def open_estimate_counts(self, estimator_ids: Collection[int]) -> dict[int, int]:
        """How many estimates each estimator has in hand: round-robin's load."""
        counts = dict.fromkeys(estimator_ids, 0)
        if not estimator_ids:
            return counts
        result = await self.session.execute(
            select(Estimate.estimator_id, func.count())
            .where(
                Estimate.estimator_id.in_(list(estimator_ids)),
                Estimate.status.in_(OPEN_ESTIMATES),
            )
            .group_by(Estimate.estimator_id)
        )
        for estimator_id, count in result.all():
            counts[int(estimator_id)] = int(count)
        return counts

    async def change_estimate(
        self, estimate_id: int, *, from_: Collection[EstimateStatus], **values: Any
    ) -> bool:
        """Move an estimate on, if it is still in one of ``from_``."""
        result = await self.session.execute(
            update(Estimate)
            .where(Estimate.id == estimate_id, Estimate.status.in_([s.value for s in from_]))
            .values(**values)
        )
        return rowcount(result) == 1

    async def cancel_request_estimates(self, request_id: int) -> list[Estimate]:
        """Every estimate of a request still in hand, now cancelled: the request closed.

        Returned so their estimators can be told.
        """
        in_hand = (Estimate.request_id == request_id, Estimate.status.in_(OPEN_ESTIMATES))
        query = select(Estimate).where(*in_hand).order_by(Estimate.id)
        estimates = list((await self.session.scalars(query)).all())
        if estimates:
            await self.session.execute(
                update(Estimate)
                .where(*in_hand, Estimate.id.in_([e.id for e in estimates]))
                .values(status=EstimateStatus.CANCELLED.value)
            )
        return estimates

    async def add_file(
        self,
        request_id: int,
        *,
        kind: AttachmentKind,
        file_id: str,
        file_unique_id: str,
        file_name: str | None,
    ) -> RequestAttachment:
        """A delivered estimate's file joins the request's files, beside the form's."""
        attachment = RequestAttachment(
            request_id=request_id,
            field_id=ESTIMATE_FIELD,
            kind=kind.value,
            file_id=file_id,
            file_unique_id=file_unique_id,
            file_name=file_name,
        )
        self.session.add(attachment)
        await self.session.flush()
        return attachment

    async def file(self, attachment_id: int) -> RequestAttachment | None:
        return await self.session.get(RequestAttachment, attachment_id)

    async def add_call(
        self, *, request_id: int, closer_id: int, called_by: int, note: str
    ) -> CloserCall:
        call = CloserCall(
            request_id=request_id,
            closer_id=closer_id,
            called_by=called_by,
            note=note,
            status=CloserStatus.CALLED.value,
            created_at=self._now(None),
        )
        self.session.add(call)
        await self.session.flush()
        return call

    async def call(self, call_id: int) -> CloserCall | None:
        return await self.session.get(CloserCall, call_id, populate_existing=True)

    async def calls_of(self, request_id: int) -> list[CloserCall]:
        """A request's closer calls, oldest first."""
        result = await self.session.scalars(
            select(CloserCall).where(CloserCall.request_id == request_id).order_by(CloserCall.id)
        )
        return list(result.all())

    async def answer_call(
        self, call_id: int, status: CloserStatus, now: datetime, *, proposed_time: str | None
    ) -> bool:
        """The closer's answer, once: a second press finds the call answered."""
        result = await self.session.execute(
            update(CloserCall)
            .where(CloserCall.id == call_id, CloserCall.status == CloserStatus.CALLED.value)
            .values(status=status.value, answered_at=now, proposed_time=proposed_time)
        )
        return rowcount(result) == 1

    async def set_call_time(self, call_id: int, proposed_time: str) -> bool:
        """When a closer who takes part can join."""
        result = await self.session.execute(
            update(CloserCall)
            .where(CloserCall.id == call_id, CloserCall.status == CloserStatus.JOINED.value)
            .values(proposed_time=proposed_time)
        )
        return rowcount(result) == 1
