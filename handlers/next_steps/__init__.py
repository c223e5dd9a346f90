"""Next steps from the brief: what, by when, who; and the buttons under their reminders.

Three taps from the brief for the usual case: "Next step" → "Call the client" →
"Tomorrow 16:00" saves a step for the owner; "Someone else" under the saved step hands
it to a colleague. Writing comes first, then the buttons, in the order the handlers had.
"""

from __future__ import annotations

from aiogram import Router

from handlers.next_steps import buttons, writing

router = Router(name=__name__)
router.include_routers(writing.router, buttons.router)
