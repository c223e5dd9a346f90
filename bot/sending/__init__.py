"""Everything the bot sends on its own goes through here: queued, paced, retried."""

from bot.sending.limits import RateGate, SendLimits, TokenBucket, backoff_delay
from bot.sending.outbox import Outbox
from bot.sending.sender import Sender

__all__ = ["Outbox", "RateGate", "SendLimits", "Sender", "TokenBucket", "backoff_delay"]
