"""Asking for an estimate from the brief; the estimator's answer, delivery and rework.

One router per step of the dialog, in the order the flat module had its handlers; the
guard that asks a question again comes last, so it only sees what no step answered.
"""

from __future__ import annotations

from aiogram import Router

from handlers.estimates import answering, asking, delivery, guards, rework

router = Router(name=__name__)
router.include_routers(
    asking.router, answering.router, delivery.router, rework.router, guards.router
)
