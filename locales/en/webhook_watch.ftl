## What Telegram says about the bot's webhook (getWebhookInfo): for administrators only.

webhook-watch-missing = 🚨 <b>The bot receives nothing.</b> Telegram has no webhook address for it, while this bot waits for updates at { $expected }. This happens when the same token is run somewhere else in polling mode. Stop that process and restart the bot: at start it registers its address again. Waiting: { $pending }.
webhook-watch-elsewhere = 🚨 <b>The bot receives nothing.</b> Telegram posts its updates to { $actual }, not to { $expected }. This happens when the same token is run somewhere else with another WEBHOOK_URL. Stop that process and restart the bot: at start it registers its address again.
webhook-watch-failing = 🚨 <b>Telegram cannot deliver the bot's updates</b> to { $expected }: { $error }. Waiting: { $pending }; Telegram keeps them for a day at most. Check that the address opens from the internet: the load balancer, the certificate, DNS, the firewall.
webhook-watch-over = ✅ Telegram delivers the bot's updates to { $expected } again. Waiting: { $pending }.
