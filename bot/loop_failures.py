"""How a loop that runs again every few seconds reports its failures.

The background loops (the outbox sender, reminders, deliveries, card posting, the
periodic watches, the inbox's chats, lease renewals), polling's recording of a fetched
batch and the webhook's recording of a posted update all try again when something
fails. While the database or Redis is away (a restart, a failover), every try fails the
same way, and a traceback per beat per loop would bury the first one, the one that says
what happened, under thousands of copies. So an outage (:func:`bot.failures.is_outage`)
is logged once when it begins, as one line, then once a minute while it lasts, and once
when the loop works again, with how many tries failed meanwhile; ``/readyz`` says not
ready all the while. Any other failure is a bug or a bad row and keeps its traceback,
every time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.failures import is_outage

REMIND_EVERY = 60.0
"""Seconds between the lines that say an outage is still on."""


class LoopFailures:
    """One loop's failures, logged as ``event=<event>_failed`` and the outage lines above.

    ``about`` (``key=value`` pairs) names the loop in every line, a job's name say.
    """

    def __init__(
        self,
        logger: logging.Logger,
        event: str,
        *,
        about: str = "",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger = logger
        self._event = event
        self._about = about
        self._monotonic = monotonic
        self._since: float | None = None
        self._reminded_at = 0.0
        self.failures = 0
        """Tries failed by the outage under way (0 when there is none)."""

    def failed(self, error: BaseException, details: str = "") -> None:
        """A try failed with ``error``; ``details`` (``key=value`` pairs) name what it was."""
        line = self._line("failed", details)
        if not is_outage(error):
            self._logger.error("%s", line, exc_info=error, stacklevel=2)
            return
        now = self._monotonic()
        self.failures += 1
        if self._since is None:
            self._since = self._reminded_at = now
            self._logger.warning("%s outage=began error=%s", line, _describe(error), stacklevel=2)
        elif now - self._reminded_at >= REMIND_EVERY:
            self._reminded_at = now
            self._logger.warning(
                "%s outage=on failures=%s seconds=%.0f error=%s",
                self._line("waiting"),
                self.failures,
                now - self._since,
                _describe(error),
                stacklevel=2,
            )

    def succeeded(self) -> None:
        """A try went through: an outage under way is over."""
        if self._since is None:
            return
        self._logger.warning(
            "%s outage=over failures=%s seconds=%.1f",
            self._line("resumed"),
            self.failures,
            self._monotonic() - self._since,
        )
        self._since = None
        self.failures = 0

    def _line(self, what: str, details: str = "") -> str:
        parts = (f"event={self._event}_{what}", self._about, details)
        return " ".join(part for part in parts if part)


def _describe(error: BaseException) -> str:
    """The error's type and first line, enough to tell a refused port from a timeout."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}({lines[0][:200]!r})" if lines else type(error).__name__
