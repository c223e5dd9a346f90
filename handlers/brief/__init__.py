"""The brief's buttons in private: stages, lost with a reason, postponed to a date, release.

Also the manager's pick of an expert for a reassignment, which arrives in private too.
One router per feature, in the order the flat module had its handlers, so that matching
order is unchanged.
"""

from __future__ import annotations

from aiogram import Router

from handlers.brief import lost, owners, postponing, stages

router = Router(name=__name__)
router.include_routers(stages.router, lost.router, postponing.router, owners.router)
