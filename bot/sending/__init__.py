"""Everything the bot sends on its own goes through here: queued, paced, retried."""
