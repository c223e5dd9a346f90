## The bot's database out of reach: for administrators only, sent straight through Telegram.

database-watch-down = 🚨 <b>The bot cannot reach its database</b> since { $since }. It cannot take or answer requests meanwhile: people get no answers, and Telegram keeps their messages for up to a day. Check the database server, its address and password in DATABASE_URL, and the disk; <code>/readyz</code>, where it is served, says what the bot sees.
database-watch-back = ✅ The bot reaches its database again (it was out of reach since { $since }). The messages that waited are being answered now.
