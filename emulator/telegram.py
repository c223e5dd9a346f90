"""``TelegramEmulator``: the Bot API server plus the test-side API in one object."""

from __future__ import annotations

from emulator.observe import ObserverMixin
from emulator.sharing import SharingMixin


class TelegramEmulator(SharingMixin, ObserverMixin):
    """A Telegram Bot API emulator for tests; see the package docstring for an example."""
