"""The memory of periodic jobs: read at the start of a run, written with what it did."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models.job_states import JobState
from storage.repositories.base import Repository
from storage.upsert import upsert


class JobStateRepository(Repository):
    """One JSON object per job name; a job never run has none."""

    async def get(self, name: str) -> dict[str, Any] | None:
        """What the job ``name`` kept after its last run."""
        result = await self.session.execute(select(JobState.state).where(JobState.name == name))
        return result.scalar_one_or_none()

    async def put(self, name: str, state: dict[str, Any]) -> None:
        """Keep ``state`` for the next run, in the caller's transaction: written together
        with what the run did (a notice queued), it cannot say one thing and remember
        another."""
        dialect = self.session.get_bind().dialect.name
        statement = upsert(
            dialect, JobState.__table__, key=("name",), replace=("state", "updated_at")
        )
        await self.session.execute(
            statement, {"name": name, "state": state, "updated_at": self._clock.now()}
        )
