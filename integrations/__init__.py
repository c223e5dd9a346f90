"""What leaves the bot for other systems: signed webhooks and leads pushed into CRMs.

Events the bot logs (``repo.events.add``) are turned into deliveries in the same
transaction (``integrations.planner``); a worker sends them with retries
(``integrations.worker``), each receiver behind one transport (``integrations.webhooks``).
"""
