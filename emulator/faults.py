"""Failures a test orders in advance: chosen calls of a method fail in a chosen way.

A fault can be aimed: at the calls of one method to one chat only (``chat_id``), and at
the Nth such call from now (``nth``), so a test can break, say, the third message the
bot sends to a group while everything else goes through.

Kinds: ``5xx`` (a 500, nothing done), ``timeout`` (the request is held until the client
gives up, nothing done), ``429`` (a flood wait of ``retry_after`` seconds, nothing done)
``lost`` (the call takes effect, then its response is lost: the client sees a 502,
as when Telegram's front end times out after the message was already delivered) and
``400`` (a Bad Request, as when the bot itself sent something Telegram refuses) and
``slow`` (the call takes effect at once, its answer is held until ``hold`` passes or the
test releases it: the moment between "the group shows the message" and "the bot knows
its id", when people may already act on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["5xx", "timeout", "429", "lost", "400", "slow"]


@dataclass(frozen=True)
class Fault:
    """One planned failure."""

    kind: FaultKind
    retry_after: int = 1
    hold: float | None = None
    description: str = "Bad Request: planned failure"
    """What a ``400`` says, for a test about how the bot passes Telegram's words on."""


@dataclass
class _Planned:
    fault: Fault
    chat_id: int | None
    skip: int
    count: int


class Faults:
    """Planned failures per method name (case-insensitive, like Telegram's routing)."""

    def __init__(self) -> None:
        self._planned: dict[str, list[_Planned]] = {}

    def add(
        self,
        method: str,
        count: int,
        fault: Fault,
        *,
        chat_id: int | None = None,
        nth: int = 1,
    ) -> None:
        """Make ``count`` calls of ``method`` fail with ``fault``, starting at the ``nth``.

        With ``chat_id`` only calls to that chat are counted and failed.
        """
        if nth < 1 or count < 1:
            raise ValueError("nth and count start at 1")
        entry = _Planned(fault=fault, chat_id=chat_id, skip=nth - 1, count=count)
        self._planned.setdefault(method.lower(), []).append(entry)

    def left(self, method: str) -> int:
        """How many planned failures of ``method`` have not fired yet."""
        return sum(entry.count for entry in self._planned.get(method.lower(), []))

    def take(self, method: str, chat_id: int | None = None) -> Fault | None:
        """The failure planned for this call, if any (each plan counts the call once)."""
        planned = self._planned.get(method.lower())
        if not planned:
            return None
        fired: Fault | None = None
        for entry in planned:
            if entry.chat_id is not None and entry.chat_id != chat_id:
                continue
            if entry.skip > 0:
                entry.skip -= 1
            elif fired is None:
                fired = entry.fault
                entry.count -= 1
        planned[:] = [entry for entry in planned if entry.count > 0]
        return fired
